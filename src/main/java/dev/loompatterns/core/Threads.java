package dev.loompatterns.core;

import java.util.Collection;

/** Joining helpers that keep a run from leaving threads behind when it is interrupted. */
public final class Threads {

    private Threads() {}

    /**
     * Joins every thread. If the caller is interrupted meanwhile, every thread is interrupted and
     * still joined (so none outlives the run), then the interrupt is passed on.
     *
     * @throws InterruptedException if the caller was interrupted; all threads have ended by then
     */
    public static void joinAll(Collection<Thread> threads) throws InterruptedException {
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            joinUninterruptibly(threads);
            throw e;
        }
    }

    /** Joins every thread, ignoring interrupts until all have ended, then restores the flag. */
    public static void joinUninterruptibly(Collection<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
