package dev.loompatterns.deadlock;

import java.util.List;

/**
 * Workers on platform threads. This is the kind of thread every deadlock tool knows: jconsole,
 * {@code jstack} and {@code ThreadMXBean.findDeadlockedThreads()} all name the cycle, with the
 * lock each thread waits for and its owner.
 */
public final class PlatformDeadlock implements Form {

    @Override
    public void run(List<Runnable> workers, Watchdog watchdog) throws Exception {
        // BEFORE: a platform thread per worker
        ThreadPerWorker.run(Thread.ofPlatform(), workers, watchdog);
    }
}
