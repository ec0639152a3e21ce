package dev.loompatterns.daemonthreads;

import dev.loompatterns.core.Mode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The background task of the child JVM: prints a numbered tick every {@link #TICK}. It ends by
 * itself a fixed number of ticks into its tail, so no child can tick forever even if its parent
 * dies. Where {@code main} does not wait for the ticker, the tail begins at the first tick after
 * {@code main} has said it returns ({@link #sayMainReturning}), so at least one tick line follows
 * that line however long {@code main} took to print it after seeing its ticks (a cold JVM, a
 * CPU-bound process beside it); where {@code main} waits for the ticker (a join, a scope), it
 * begins once {@code main} has seen its ticks, since the ticker cannot wait for a {@code main} that
 * waits for it. How long the tail is depends on whether the JVM should wait for the ticker
 * ({@link #ticksAfterMain}): {@link #TICKS_AFTER_MAIN} (300 ms) where it must, which a passing
 * run waits out; {@link #TICKS_NOT_WAITED_FOR} (10 s) where it must not, which a passing run never
 * waits out (the JVM exits under the ticker), so the long tail costs it nothing. A JVM that does
 * not wait begins to exit soon after {@code main} returns, but its exit path needs CPU, which a
 * CPU-bound process beside it (or the other child JVMs, started together on few cores) can delay:
 * the ticker must not end first and so pass for one the JVM waited for. Ten seconds is that slack,
 * and stays well under the parent's 60 s backstop, so a JVM that did wait is still reported as
 * waiting, not as stuck. No ticker ticks more than {@link #TICK_CAP} in all.
 *
 * <p>Everything the child does is a line on standard output, flushed at once, so the parent reads
 * the order of events: {@code tick n}, {@code main-returning ...}, {@code ticker-ended},
 * {@code jvm-exiting} (from a shutdown hook).
 *
 * <p>Not final only so that a test's child program can hold main back in {@link #awaitTicks}.
 */
class Ticker {

    static final Duration TICK = Duration.ofMillis(10);
    /** Ticks after main's where the JVM must wait for the ticker: a passing run waits them out. */
    static final int TICKS_AFTER_MAIN = 30;
    /** Ticks after main's where the JVM must not wait for the ticker: a passing run exits under them. */
    static final int TICKS_NOT_WAITED_FOR = 1_000;
    /** The most ticks any ticker prints (a minute, the parent's backstop), should its tail never begin. */
    static final int TICK_CAP = 6_000;

    static final String TICK_LINE = "tick ";
    static final String MAIN_RETURNING = "main-returning";
    static final String TICKER_ENDED = "ticker-ended";
    static final String JVM_EXITING = "jvm-exiting";
    static final String SET_DAEMON_FALSE = "set-daemon-false ";

    private final CountDownLatch ticked;
    private final int tail;
    private final boolean tailFromMainsReturn;
    private volatile boolean mainReturned;

    /** The ticker a scenario's child runs, waited for by main for {@code ticks} ticks. */
    Ticker(Scenario scenario, int ticks) {
        this.ticked = new CountDownLatch(ticks);
        this.tail = ticksAfterMain(scenario);
        this.tailFromMainsReturn = !mainWaitsForTicker(scenario);
    }

    /** The ticks a scenario's ticker runs on after main's: long only where the JVM is expected not to wait. */
    static int ticksAfterMain(Scenario scenario) {
        return scenario.tickerRunsAtExit ? TICKS_NOT_WAITED_FOR : TICKS_AFTER_MAIN;
    }

    /** Main joins the ticker (virtual, main joins) or its scope ends it (structured): its tail cannot wait for main. */
    static boolean mainWaitsForTicker(Scenario scenario) {
        return scenario == Scenario.VIRTUAL_MAIN_JOINS || scenario.mode == Mode.STRUCTURED;
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
            int inTail = 0;
            for (int n = 1; n <= TICK_CAP && inTail < tail; n++) {
                boolean tailBegun;
                synchronized (lines) { // with main's line: a tail tick is exactly a tick printed after it
                    tailBegun = tailBegun();
                    say(TICK_LINE + n);
                }
                ticked.countDown();
                if (tailBegun) {
                    inTail++;
                }
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

    private boolean tailBegun() {
        return ticked.getCount() == 0 && (!tailFromMainsReturn || mainReturned);
    }

    /** Main's last line; the ticker's tail, where it waits for main, begins with its next tick. */
    void sayMainReturning(Thread ticker) {
        synchronized (lines) { // a tick reads the flag and prints its line in one step, before or after this
            say(MAIN_RETURNING + " ticker-alive=" + ticker.isAlive() + " daemon=" + ticker.isDaemon());
            mainReturned = true;
        }
    }

    /**
     * Orders the ticker's lines with main's last: without it, main preempted between its line and
     * its flag let a tick print after main's line yet not count in the tail (32 ticks after main).
     */
    private final Object lines = new Object();
}
