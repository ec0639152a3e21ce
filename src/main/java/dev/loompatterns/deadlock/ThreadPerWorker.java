package dev.loompatterns.deadlock;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * What the platform and virtual forms share: a thread per worker, the watchdog on the calling
 * thread, then join. If anything goes wrong every worker is interrupted (each waits
 * interruptibly) and still joined, so a failed run cannot leave a deadlocked pair behind.
 */
final class ThreadPerWorker {

    private ThreadPerWorker() {}

    static void run(Thread.Builder builder, List<Runnable> workers, Watchdog watchdog) throws Exception {
        List<Thread> threads = new ArrayList<>(workers.size());
        try {
            for (Runnable worker : workers) {
                threads.add(builder.start(worker));
            }
            watchdog.watchAndBreak(); // returns once every worker has ended, so the join cannot hang
            Threads.joinAll(threads);
        } catch (Exception | Error e) {
            threads.forEach(Thread::interrupt);
            Threads.joinUninterruptibly(threads);
            throw e;
        }
    }
}
