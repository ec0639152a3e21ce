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

    /**
     * Marks the session cancelled: from now no progress line is shown ({@link Progress}). Never waits: the heap watch
     * calls it, and must go on to stop the command whatever stderr does. A caller that prints a line which no progress
     * line may follow waits for the one being shown first ({@link Progress#awaitLineShown()}).
     */
    public static void request() {
        REQUESTED.set(true);
    }

    public static boolean requested() {
        return REQUESTED.get() || JvmShutdown.inProgress();
    }

    /** How often {@link #interruptUntilEnded} says it again. */
    public static final Duration REPEAT = Duration.ofMillis(100);

    /**
     * How often {@link #interruptUntilEnded} asks whether what it cancels has ended: as often as the heap watch looks,
     * and for the same reason, below the 20 ms from which the profiles record a sleep ({@link HeapWatch#EVERY}).
     */
    static final Duration LOOK = HeapWatch.EVERY;

    /**
     * Whether what is being cancelled has ended, asked without waiting and without making anything on the heap: the
     * heap may be full when it is asked ({@link HeapWatch}). A wait for a {@code CountDownLatch}, as this was until
     * 2026-12-07, makes a queue node on the heap, and a waiter that cannot make one retries until it can, whatever
     * its timeout (JDK 25's {@code AbstractQueuedSynchronizer.acquireOnOOME}): a run that filled a 64 MB heap
     * faster than the watch looks held the watch in that wait, and the JVM collected on and on for minutes, deaf to
     * TERM, since nothing was left to halt it.
     */
    @FunctionalInterface
    public interface Ending {
        /** @return true once it has ended; it neither waits nor allocates */
        boolean ended();
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
     * <p>It asks {@code ending} every {@link #LOOK} and sleeps in between, and allocates nothing on the way, so that
     * it returns at its grace with the heap full too ({@link Ending}).
     *
     * @return true if it ended within {@code grace}
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static boolean interruptUntilEnded(Thread target, Duration grace, Ending ending)
            throws InterruptedException {
        long start = System.nanoTime();
        long graceNanos = grace.toNanos();
        long repeatNanos = REPEAT.toNanos();
        long toldAt = start;
        target.interrupt();
        while (true) {
            if (ending.ended()) {
                return true;
            }
            long now = System.nanoTime();
            if (now - start >= graceNanos) {
                return false;
            }
            if (now - toldAt >= repeatNanos) {
                toldAt = now;
                Thread.State state = target.getState();
                if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                    target.interrupt();
                }
            }
            // a sleep makes nothing on the heap that it needs (JDK 25's Thread.sleep skips its JFR event without room)
            Thread.sleep(LOOK);
        }
    }
}
