package dev.loompatterns.engine;

import dev.loompatterns.jfr.JvmShutdown;
import java.time.Duration;
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

    /** How often {@link #interruptUntilEnded} says it again. */
    public static final Duration REPEAT = Duration.ofMillis(100);

    /** Waits up to a time for what is being cancelled to end. */
    @FunctionalInterface
    public interface Ending {
        /** @return true if it has ended, at the latest when {@code atMost} has passed */
        boolean endsWithin(Duration atMost) throws InterruptedException;
    }

    /**
     * Interrupts {@code target}, then, every {@link #REPEAT} until {@code ending} says it has ended
     * or {@code grace} has passed, interrupts it again if it is waiting. Once is not always enough:
     * JDK code on a run's path can consume an interrupt without passing it on (JDK 25's
     * {@code RecordingStream.stop()} catches the {@code InterruptedException} of its wait and returns;
     * the harness's own streams now stop on a thread of their own, {@code PinStream.stopKeepingInterrupt},
     * but a pattern's code may do the same), and a run whose interrupt was lost there goes on to wait for
     * its workers as if nobody had asked. Only a thread just seen waiting is told again, so one
     * that is printing or writing what it has (runnable) is, as far as a look at its state can
     * tell, left alone: an interrupt closes an NIO channel it writes through.
     *
     * @return true if it ended within {@code grace}
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static boolean interruptUntilEnded(Thread target, Duration grace, Ending ending)
            throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        target.interrupt();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return ending.endsWithin(Duration.ZERO);
            }
            if (ending.endsWithin(Duration.ofNanos(Math.min(left, REPEAT.toNanos())))) {
                return true;
            }
            Thread.State state = target.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                target.interrupt();
            }
        }
    }
}
