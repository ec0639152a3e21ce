package dev.loompatterns.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C, as the session sees it: once requested, no run starts, whatever a pattern did with the
 * interrupt that came with it (a pattern that swallowed it would otherwise let the next cell start).
 */
public final class Cancellation {

    private static final AtomicBoolean REQUESTED = new AtomicBoolean();

    private Cancellation() {}

    /** Marks the session cancelled; true the first time. */
    public static boolean request() {
        return REQUESTED.compareAndSet(false, true);
    }

    public static boolean requested() {
        return REQUESTED.get();
    }
}
