package dev.loompatterns.daemonthreads;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The background task of the child JVM: prints a numbered tick every {@link #TICK}. It ends by
 * itself {@link #TICKS_AFTER_MAIN} ticks after main has seen its ticks, so no child can tick
 * forever even if its parent dies; that is long enough that a JVM which does not wait for the
 * ticker has begun to exit well before (the stated slack: 300 ms for a shutdown that takes a few).
 *
 * <p>Everything the child does is a line on standard output, flushed at once, so the parent reads
 * the order of events: {@code tick n}, {@code main-returning ...}, {@code ticker-ended},
 * {@code jvm-exiting} (from a shutdown hook).
 */
final class Ticker {

    static final Duration TICK = Duration.ofMillis(10);
    static final int TICKS_AFTER_MAIN = 30;

    static final String TICK_LINE = "tick ";
    static final String MAIN_RETURNING = "main-returning";
    static final String TICKER_ENDED = "ticker-ended";
    static final String JVM_EXITING = "jvm-exiting";
    static final String SET_DAEMON_FALSE = "set-daemon-false ";

    private final CountDownLatch ticked;
    private final int total;

    Ticker(int ticksBeforeMainReturns) {
        this.ticked = new CountDownLatch(ticksBeforeMainReturns);
        this.total = ticksBeforeMainReturns + TICKS_AFTER_MAIN;
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /**
     * The ticker's body. A daemon ticker stopped by the JVM's exit never reaches its
     * {@code finally}: the missing {@code ticker-ended} line is how the parent knows.
     *
     * @throws InterruptedException if interrupted (a scope cancelling it)
     */
    void tick() throws InterruptedException {
        try {
            for (int n = 1; n <= total; n++) {
                say(TICK_LINE + n);
                ticked.countDown();
                Thread.sleep(TICK);
            }
        } finally {
            say(TICKER_ENDED);
        }
    }

    /** {@link #tick()} for a {@code Runnable}: an interrupt just ends the ticker. */
    void tickUntilDoneOrInterrupted() {
        try {
            tick();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * BLOCKS-UNTIL: the ticker has ticked as often as main waits for, so it is known to be running.
     */
    void awaitTicks() throws InterruptedException {
        ticked.await();
    }

    static void sayMainReturning(Thread ticker) {
        say(MAIN_RETURNING + " ticker-alive=" + ticker.isAlive() + " daemon=" + ticker.isDaemon());
    }
}
