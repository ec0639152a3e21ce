package dev.loompatterns.pinning;

/**
 * A platform thread per task. A platform thread that blocks blocks its own OS thread and nothing
 * else: there is no carrier to hold, so nothing here can pin, and JFR records no
 * {@code jdk.VirtualThreadPinned} event whatever the blocking call is.
 */
public final class PlatformPinning implements Form {

    @Override
    public void runAll(int tasks, Blocking call) throws Exception {
        Form.threadPerTask(Thread.ofPlatform().name("pinning-", 0), tasks, call);
    }
}
