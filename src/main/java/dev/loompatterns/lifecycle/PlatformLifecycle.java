package dev.loompatterns.lifecycle;

/**
 * The state diagram of a platform thread, observed: NEW before {@code start()}, then RUNNABLE,
 * TIMED_WAITING, WAITING (park), WAITING (join), BLOCKED, and TERMINATED once joined. For a
 * platform thread each state is also the state of the OS thread beneath it: a WAITING platform
 * thread holds its OS thread while it waits.
 */
public final class PlatformLifecycle implements Form {

    @Override
    public Outcome observe(int task) throws InterruptedException {
        return Form.walk(Thread.ofPlatform(), task);
    }
}
