package dev.loompatterns.core;

import java.util.Collection;

/** Joining helpers that keep a run from leaving threads behind when it is interrupted. */
public final class Threads {

    private Threads() {}

    /**
     * Joins every thread. If the caller is interrupted meanwhile, every thread is interrupted and
     * still joined (so none outlives the run), each further interrupt of the caller passed on to them too, then the
     * interrupt is passed on. Ctrl-C's hook interrupts {@code main} again and again until the command ends
     * ({@code Cancellation.interruptUntilEnded}), for a thread that let the first interrupt go by: joined
     * uninterruptibly, the threads got only the first (a helper's review of {@code loom dump}, whose run is a thread of
     * its own that main joins).
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
            joinToTheEnd(threads, true);
            throw e;
        }
    }

    /**
     * For a loop that starts a run's tasks one by one: throws once the caller is interrupted (Ctrl-C), so that it starts
     * no more, and the caller's join of those it started (a {@code finally}, a scope's {@code close()}) ends them. A
     * loop that went on to its end, 5,000,000 starts, outlived loom's grace after Ctrl-C.
     *
     * @param started how many the loop has started so far, for the exception's message
     * @throws InterruptedException if the caller is interrupted; its flag stays set, so its join stops at once too
     */
    public static void stopStartingIfInterrupted(int started) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted after starting " + started);
        }
    }

    /** Joins every thread, ignoring interrupts until all have ended, then restores the flag. */
    public static void joinUninterruptibly(Collection<Thread> threads) {
        joinToTheEnd(threads, false);
    }

    /** Joins every thread whatever interrupts come, each passed on to them all or not, then restores the flag. */
    private static void joinToTheEnd(Collection<Thread> threads, boolean passInterruptsOn) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (passInterruptsOn) {
                        threads.forEach(Thread::interrupt);
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
