package dev.loompatterns.engine;

import dev.loompatterns.jfr.JvmShutdown;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C, as the session sees it: once requested, no run starts, whatever a pattern did with the
 * interrupt that came with it (a pattern that swallowed it would otherwise let the next cell start).
 *
 * <p>Requested also means the JVM has begun to shut down: SIGINT starts every shutdown hook at once,
 * in no set order, so JFR's hook may stop a recording under the run (and {@link JvmShutdown} refuse
 * a new one) before the CLI's own hook has called {@link #request()}. A failure in that window is
 * the Ctrl-C's, not an unexpected error, and the rows already finished are still printed.
 */
public final class Cancellation {

    private static final AtomicBoolean REQUESTED = new AtomicBoolean();

    private Cancellation() {}

    /** Marks the session cancelled. */
    public static void request() {
        REQUESTED.set(true);
    }

    public static boolean requested() {
        return REQUESTED.get() || JvmShutdown.inProgress();
    }
}
