package dev.loompatterns.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A point at the start of a pattern's task where an observer may hold the run still while it
 * looks at it: {@code loom dump} takes its thread dump while tasks wait here, so the dump is
 * taken mid-run by construction rather than by luck of timing.
 *
 * <p>With no observer, {@link #arrive()} is one volatile read and returns at once; patterns call
 * it where a task begins its real work (url-fetch before each request, race before each mirror's
 * latency). A task held here is inside every scope and executor that runs it, so nothing that
 * contains it can close before the observer is done.
 *
 * <p>Blocking: a held task parks (a virtual thread unmounts) until the observer's
 * {@link Hold#release()}. Interruption: a held task that is interrupted (a race's loser, a
 * deadline's cancelled subtask) stops waiting and gets {@link InterruptedException}, as it would
 * from the sleep or I/O it was about to do. Memory consistency effects: actions of the observer
 * before {@code release()} happen-before a held task's return from {@code arrive()}.
 */
public final class RunGate {

    private static final AtomicReference<Hold> INSTALLED = new AtomicReference<>();

    private RunGate() {}

    /**
     * Does nothing but make sure this class is initialized, on the caller's thread: the runner calls it
     * before a pattern's tasks start, so none of them waits, pinned, for another to initialize it.
     */
    public static void initialize() {
        // calling a static method initializes the class
    }

    /**
     * Called by a task as it starts. Returns at once unless an observer holds the run; then
     * blocks until it releases it.
     *
     * @throws InterruptedException if interrupted while held
     */
    public static void arrive() throws InterruptedException {
        Hold hold = INSTALLED.get();
        if (hold != null) {
            hold.arrived();
        }
    }

    /**
     * Installs a hold: from now on every task that arrives waits until {@link Hold#release()}.
     * Only one observer at a time; close the hold to remove it (which also releases it).
     *
     * @throws IllegalStateException if another hold is installed
     */
    public static Hold hold() {
        Hold hold = new Hold();
        if (!INSTALLED.compareAndSet(null, hold)) {
            throw new IllegalStateException("another observer already holds the run");
        }
        return hold;
    }

    /** An observer's hold on the run. */
    public static final class Hold implements AutoCloseable {

        private final AtomicInteger arrivals = new AtomicInteger();
        /** Opens at the first arrival, or when the observer learns the run has ended. */
        private final CountDownLatch firstArrivalOrEnd = new CountDownLatch(1);

        private final CountDownLatch released = new CountDownLatch(1);

        private Hold() {}

        private void arrived() throws InterruptedException {
            arrivals.incrementAndGet();
            firstArrivalOrEnd.countDown();
            released.await(); // BLOCKS-UNTIL: the observer has looked
        }

        /** Tells a waiting observer that the run ended, so it stops waiting for an arrival. */
        public void runEnded() {
            firstArrivalOrEnd.countDown();
        }

        /**
         * Waits until a task is held or the run has ended ({@link #runEnded()}).
         *
         * @return true if a task is held (and so the run is under way and cannot finish)
         */
        public boolean awaitArrival() throws InterruptedException {
            firstArrivalOrEnd.await(); // BLOCKS-UNTIL: arrivals > 0, or the run ended
            return arrivals.get() > 0;
        }

        /** Tasks that have arrived so far. */
        public int arrivals() {
            return arrivals.get();
        }

        /** Lets every held task, and every later one, go on. */
        public void release() {
            released.countDown();
        }

        /** Releases the run and removes the hold. */
        @Override
        public void close() {
            release();
            INSTALLED.compareAndSet(this, null);
        }
    }
}
