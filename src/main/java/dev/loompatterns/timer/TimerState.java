package dev.loompatterns.timer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who won: the timer firing or the cancel. One compare-and-set decides, so a cancel that returns
 * true means the action never began, in every mode.
 *
 * <p>Why the platform form needs it too: {@code Future.cancel(false)} on a scheduled task returns
 * true even while the action runs ({@code FutureTask} stays NEW until the action returns), so its
 * answer cannot tell "never ran" from "running". Memory consistency effects: the
 * compare-and-set is a volatile write, so what the canceller did before {@link #cancel()} is seen
 * by a timer that then finds itself cancelled.
 */
final class TimerState {

    private static final int PENDING = 0;
    private static final int FIRED = 1;
    private static final int CANCELLED = 2;

    private final AtomicInteger state = new AtomicInteger(PENDING);

    /**
     * Called by the timer when its time has come (a one-shot timer, or a repeating one's tick): true
     * if it may act. A one-shot timer can then no longer be cancelled; a repeating one's cancel
     * during the tick lets the tick run and stops the next ({@link #endTick()}).
     */
    boolean fire() {
        return state.compareAndSet(PENDING, FIRED);
    }

    /** True if the timer had not fired: it never will. */
    boolean cancel() {
        return state.compareAndSet(PENDING, CANCELLED);
    }

    /** A repeating timer ends the tick {@link #fire()} began: false if it was cancelled meanwhile (no further tick). */
    boolean endTick() {
        return state.compareAndSet(FIRED, PENDING);
    }

    /**
     * Cancels a repeating timer: no tick starts after this. Returns null if it was already
     * cancelled, true if it was between ticks (its sleep may be interrupted), false if a tick was
     * running, which completes undisturbed.
     */
    Boolean cancelRepeating() {
        while (true) {
            int now = state.get();
            if (now == CANCELLED) {
                return null;
            }
            if (state.compareAndSet(now, CANCELLED)) {
                return now == PENDING;
            }
        }
    }
}
