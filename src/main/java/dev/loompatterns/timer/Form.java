package dev.loompatterns.timer;

import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * What every mode implements: one mode's timers, Python's {@code threading.Timer(interval,
 * function)} and its {@code cancel()}, plus a timer that ticks at a fixed rate. Made, opened,
 * scheduled, awaited and closed by one owner thread, once; the actions run on the mode's threads.
 *
 * <p>Every form keeps the same promises: an action runs once (or once per tick), never before its
 * time measured from the call that scheduled it, and never after a {@link Timer#cancel()} that
 * returned true (for a repeating timer: no tick starts after it).
 */
interface Form extends AutoCloseable {

    /** A timer's body; it may block and may throw. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** A periodic timer's body, given the tick's number, from 1. */
    @FunctionalInterface
    interface Tick {
        void run(int tick) throws Exception;
    }

    /** A scheduled timer. */
    interface Timer {
        /**
         * Stops the timer if it has not fired yet (Python's {@code Timer.cancel()}).
         *
         * @return a one-shot timer: true if the action will never run; false if it has already begun
         *         (or ended), or the timer was already cancelled. A repeating timer: true if no tick
         *         starts after this (a tick under way completes; after the last tick there is none
         *         to start); false if it was already cancelled
         */
        boolean cancel();
    }

    /**
     * Makes what the timers run on, before the first is scheduled: a pool, or a scope; nothing for
     * a thread per timer.
     *
     * @param poolSize a scheduled pool's threads (platform)
     * @param horizon  every timer of the run is due within this, from now (structured: the scope's deadline)
     * @return this form, open
     */
    Form open(int poolSize, Duration horizon);

    /** Runs the action once, {@code delay} from now, unless cancelled first. */
    Timer schedule(Duration delay, Action action) throws InterruptedException;

    /**
     * Runs the action {@code ticks} times, the k-th at the start plus k periods (fixed rate: a late
     * tick does not push the later ones back).
     */
    Timer scheduleAtFixedRate(Duration period, int ticks, Tick action) throws InterruptedException;

    /**
     * Waits until every timer has fired its last time or been cancelled.
     *
     * @throws ExecutionException with the first action's failure, if one threw
     */
    void awaitAll() throws InterruptedException, ExecutionException;

    /** Stops whatever has not run yet and waits for every thread the timers used to end. */
    @Override
    void close();
}
