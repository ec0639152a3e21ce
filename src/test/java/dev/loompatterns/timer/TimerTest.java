package dev.loompatterns.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.timer.TimerScenario.Fired;
import dev.loompatterns.timer.TimerScenario.Ticking;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The timers' promises in every mode, and the check's verdicts on observations made up to break
 * them. The only waits are the timers' own delays, which are the subject; every thread is joined
 * by the timers' {@code close()}.
 */
@Timeout(60) // backstop only
class TimerTest {

    private static final Duration DELAY = Duration.ofMillis(10);
    private static final Duration HORIZON = Duration.ofSeconds(1);

    private static Form timers(Mode mode) {
        return TimerPattern.FORMS.of(mode).open(2, HORIZON);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyTimerFiresOnceAndNotBeforeItsDelay(Mode mode) throws Exception {
        List<Fired> fired = TimerScenario.once(timers(mode), 30, DELAY, false);

        assertThat(fired).hasSize(30).allSatisfy(timer -> {
            assertThat(timer.fires()).isEqualTo(1);
            assertThat(timer.firedAfter()).isGreaterThanOrEqualTo(timer.delay());
            assertThat(timer.cancelled()).isFalse();
        });
        assertThat(fired)
                .extracting(Fired::delay)
                .contains(DELAY)
                .allMatch(d -> d.compareTo(DELAY.multipliedBy(2)) < 0);
        assertThat(TimerPattern.checkOnce(fired).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void cancelEveryOtherTimerCountsFiredAndCancelled(Mode mode) throws Exception {
        List<Fired> fired = TimerScenario.once(timers(mode), 20, Duration.ofMillis(300), true);

        for (int i = 0; i < fired.size(); i++) {
            Fired timer = fired.get(i);
            assertThat(timer.cancelAsked()).isEqualTo(i % 2 == 1);
            if (timer.cancelled()) {
                assertThat(timer.fires()).as("timer %d, cancelled", i).isZero();
            } else {
                assertThat(timer.fires()).as("timer %d", i).isEqualTo(1);
            }
        }
        assertThat(TimerPattern.checkCancel(fired).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void cancelAfterTheActionBeganReturnsFalseAndTheActionRunsToItsEnd(Mode mode) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        boolean cancelled;
        boolean cancelledAgain;
        try (Form service = timers(mode)) {
            Form.Timer timer = service.schedule(Duration.ZERO, () -> {
                running.countDown();
                release.await();
                finished.incrementAndGet();
            });
            running.await();
            cancelled = timer.cancel(); // Future.cancel(false) alone would say true here
            cancelledAgain = timer.cancel();
            release.countDown();
            service.awaitAll();
        }
        assertThat(cancelled).isFalse();
        assertThat(cancelledAgain).isFalse();
        assertThat(finished).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCancelledTimerCannotBeCancelledAgainNorFire(Mode mode) throws Exception {
        AtomicInteger fired = new AtomicInteger();
        try (Form service = timers(mode)) {
            Form.Timer timer = service.schedule(Duration.ofMinutes(1), fired::incrementAndGet);
            assertThat(timer.cancel()).isTrue();
            assertThat(timer.cancel()).isFalse();
            service.awaitAll(); // returns at once: the cancelled timer does not wait out its minute
        }
        assertThat(fired).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fixedRateTicksEachTimeAndNeverEarly(Mode mode) throws Exception {
        Duration period = Duration.ofMillis(3);
        List<Ticking> ticking = TimerScenario.fixedRate(timers(mode), 5, period, 30);

        assertThat(ticking).hasSize(5).allSatisfy(timer -> {
            assertThat(timer.ticks()).isEqualTo(30);
            for (int k = 1; k <= 30; k++) {
                assertThat(timer.tickedAt().get(k - 1)).as("tick %d", k).isGreaterThanOrEqualTo(period.multipliedBy(k));
            }
        });
        // no verdict: it bounds the drift by the wall clock; the drift check is tested on made-up ticks below
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailingActionReachesTheOwner(Mode mode) {
        assertThatThrownBy(() -> {
                    try (Form service = timers(mode)) {
                        service.schedule(Duration.ZERO, () -> {
                            throw new IllegalStateException("boom");
                        });
                        service.awaitAll();
                    }
                })
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("boom");
    }

    @Test
    void blockingActionsDelayLaterTimersOnASmallPool() throws Exception {
        Duration block = Duration.ofMillis(20);
        List<Fired> fired = TimerScenario.blocking(new PlatformTimer().open(2, block), 6, DELAY, block);
        // all due at once; two threads: the third timer starts only when a blocking action has ended
        Check check = TimerPattern.checkBlocking(fired, block);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(check.detail())
                .matches("[4-6] of 6 timers started .*"); // the first two only if the machine made them late
    }

    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"VIRTUAL", "STRUCTURED"})
    void blockingActionsDelayNobodyWithAThreadPerTimer(Mode mode) throws Exception {
        Duration block =
                Duration.ofSeconds(1); // far more than any wake-up is late: a timer this late waited for another
        List<Fired> fired = TimerScenario.blocking(TimerPattern.FORMS.of(mode).open(2, block), 6, DELAY, block);
        assertThat(TimerPattern.checkBlocking(fired, block).verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
    }

    // --- the check on made-up observations

    private static Fired fired(int delayMs, int fires, Integer afterMs) {
        return new Fired(
                Duration.ofMillis(delayMs), fires, afterMs == null ? null : Duration.ofMillis(afterMs), false, false);
    }

    @Test
    void checkFailsOnAnEarlyAMissingOrADoubleFire() {
        assertThat(TimerPattern.checkOnce(List.of(fired(10, 1, 10), fired(20, 1, 25)))
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(TimerPattern.checkOnce(List.of(fired(10, 1, 10), fired(20, 1, 19)))
                        .detail())
                .isEqualTo("timer 1 fired after 19.0 ms, before its delay of 20.0 ms");
        assertThat(TimerPattern.checkOnce(List.of(fired(10, 0, null))).detail())
                .isEqualTo("timer 0 fired 0 times, expected once");
        assertThat(TimerPattern.checkOnce(List.of(fired(10, 2, 11))).verdict()).isEqualTo(Check.Verdict.FAILED);
    }

    @Test
    void checkFailsWhenACancelledTimerFired() {
        Fired cancelledButFired = new Fired(Duration.ofMillis(10), 1, Duration.ofMillis(12), true, true);
        Fired cancelled = new Fired(Duration.ofMillis(10), 0, null, true, true);
        Fired cancelTooLate = new Fired(Duration.ofMillis(10), 1, Duration.ofMillis(10), true, false);
        assertThat(TimerPattern.checkCancel(List.of(fired(10, 1, 11), cancelledButFired))
                        .detail())
                .isEqualTo("timer 1 fired after its cancel() returned true");
        Check ok = TimerPattern.checkCancel(List.of(fired(10, 1, 11), cancelled, cancelTooLate));
        assertThat(ok.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(ok.detail())
                .isEqualTo("2 fired, 1 cancelled before they fired, none fired after its cancel"
                        + " (1 cancels came after the timer had fired: cancel() said false)");
    }

    private static Ticking ticking(int periodMs, int... atMs) {
        List<Duration> at = new ArrayList<>();
        for (int ms : atMs) {
            at.add(Duration.ofMillis(ms));
        }
        return new Ticking(Duration.ofMillis(periodMs), atMs.length, atMs.length, Collections.unmodifiableList(at));
    }

    @Test
    void checkFailsOnAnEarlyTickAMissingTickOrDrift() {
        assertThat(TimerPattern.checkFixedRate(List.of(ticking(10, 10, 25, 30, 41)))
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(TimerPattern.checkFixedRate(List.of(ticking(10, 10, 19, 30))).detail())
                .isEqualTo("timer 0 tick 2 at 19.0 ms, before its time 20.0 ms");
        Ticking short1 =
                new Ticking(Duration.ofMillis(10), 3, 2, ticking(10, 10, 20).tickedAt());
        assertThat(TimerPattern.checkFixedRate(List.of(short1)).detail())
                .isEqualTo("timer 0 ticked 2 times, expected 3");

        // 40 ticks of 10 ms: the bound is 400 / 4 + 100 = 200 ms; a timer that loses 6 ms a tick ends 240 ms late
        int[] drifting = new int[40];
        for (int k = 1; k <= 40; k++) {
            drifting[k - 1] = k * 16;
        }
        assertThat(TimerPattern.driftBound(Duration.ofMillis(10), 40)).isEqualTo(Duration.ofMillis(200));
        assertThat(TimerPattern.checkFixedRate(List.of(ticking(10, drifting))).detail())
                .startsWith("timer 0 drifted: last tick");
        // one wake-up late by 150 ms, then caught up: not drift
        int[] oneLate = new int[40];
        for (int k = 1; k <= 40; k++) {
            oneLate[k - 1] = k * 10 + (k == 40 ? 150 : 0);
        }
        assertThat(TimerPattern.checkFixedRate(List.of(ticking(10, oneLate))).verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    void blockingCheckShowsOnlyATimerLateByABlockAndStillFailsOnBrokenPromises() {
        Duration block = Duration.ofMillis(20);
        assertThat(TimerPattern.checkBlocking(List.of(fired(10, 1, 10), fired(10, 1, 30)), block)
                        .verdict())
                .isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(TimerPattern.checkBlocking(List.of(fired(10, 1, 10), fired(10, 1, 29)), block)
                        .verdict())
                .isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(TimerPattern.checkBlocking(List.of(fired(10, 1, 9)), block).verdict())
                .isEqualTo(Check.Verdict.FAILED);
    }

    /** A cancel that lands during a tick stops the ticks after it, and never interrupts the tick that runs. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCancelDuringATickLetsItFinishUndisturbedAndStopsTheRest(Mode mode) throws Exception {
        CountDownLatch inTick = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicInteger ticks = new AtomicInteger();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean tickEnded = new AtomicBoolean();
        boolean stopped;
        try (Form timers = timers(mode)) {
            Form.Timer timer = timers.scheduleAtFixedRate(Duration.ofMillis(10), 50, tick -> {
                ticks.incrementAndGet();
                if (tick == 1) {
                    inTick.countDown();
                    cancelled.await(); // an interrupt from the cancel would throw here and fail the tick
                }
                interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                tickEnded.set(true);
            });
            inTick.await();
            stopped = timer.cancel();
            cancelled.countDown();
            timers.awaitAll(); // rethrows a failed tick
            assertThat(tickEnded)
                    .as("awaitAll waited for the tick that was running when the cancel came")
                    .isTrue();
        }
        assertThat(stopped)
                .as("cancel() says the ticks after the running one will never run")
                .isTrue();
        assertThat(interrupted).isFalse();
        assertThat(ticks.get()).as("no tick after the cancel").isEqualTo(1);
    }
}
