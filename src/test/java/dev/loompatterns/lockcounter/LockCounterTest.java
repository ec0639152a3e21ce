package dev.loompatterns.lockcounter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.InterruptAfterStarts;
import java.util.Map;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class LockCounterTest {

    static Stream<Arguments> guardedCountersInEveryMode() {
        return Stream.of(Mode.values())
                .flatMap(mode -> new LockCounterPattern()
                        .variants().stream().filter(v -> !v.wrongWay()).map(v -> Arguments.of(mode, v.id())));
    }

    /** A guarded counter loses no update, whichever kind of thread increments it. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("guardedCountersInEveryMode")
    void guardedCounterReachesExactlyWorkersTimesIncrements(Mode mode, String variant) throws Exception {
        Counter counter = Counter.forVariant(variant);
        long finished = LockCounterPattern.FORMS.of(mode).count(counter, 16, 20_000);
        assertThat(finished).isEqualTo(16);
        assertThat(counter.total()).isEqualTo(16L * 20_000);
    }

    @Test
    void checkPassesOnlyOnTheExactTotal() {
        Variant guarded = new LockCounterPattern().variant("atomic-long");
        assertThat(LockCounterPattern.check(guarded, 4, 25, 4, 100).verdict()).isEqualTo(Check.Verdict.PASSED);
        Check short1 = LockCounterPattern.check(guarded, 4, 25, 4, 99);
        assertThat(short1.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(short1.detail()).isEqualTo("total 99 of 100");
    }

    @Test
    void unguardedCheckShowsTheLossOnlyWhenUpdatesWereLost() {
        Variant unguarded = new LockCounterPattern().variant("unguarded");
        Check lost = LockCounterPattern.check(unguarded, 4, 25, 4, 90);
        assertThat(lost.verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(lost.detail()).startsWith("lost 10 of 100 updates");

        Check none = LockCounterPattern.check(unguarded, 4, 25, 4, 100);
        assertThat(none.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(none.ok()).isTrue();
        assertThat(none.detail()).startsWith("lost none of 100 this time").contains("a race is likely");
    }

    /** With one worker no update can be lost, and the detail does not say a race was likely. */
    @Test
    void unguardedWithOneWorkerIsNotShownBecauseNoOtherThreadWrites() {
        Variant unguarded = new LockCounterPattern().variant("unguarded");
        Check alone = LockCounterPattern.check(unguarded, 1, 100, 1, 100);
        assertThat(alone.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(alone.detail())
                .isEqualTo("lost none of 100: one worker, so no other thread could write over its updates");
    }

    /** A total short because workers never ran is a failure in every variant, never a lost update shown. */
    @Test
    void checkFailsWhenWorkersDidNotRunTheirIncrements() {
        for (Variant variant : new LockCounterPattern().variants()) {
            Check check = LockCounterPattern.check(variant, 4, 25, 0, 0);
            assertThat(check.verdict()).as(variant.id()).isEqualTo(Check.Verdict.FAILED);
            assertThat(check.detail()).isEqualTo("0 of 4 workers ran their increments; total 0 of 100");
        }
        Check someRan = LockCounterPattern.check(new LockCounterPattern().variant("unguarded"), 4, 25, 3, 60);
        assertThat(someRan.detail()).isEqualTo("3 of 4 workers ran their increments; total 60 of 100");
    }

    /** A worker interrupted at the start gate returns without incrementing, and is not counted as finished. */
    @Test
    @Timeout(60) // backstop
    void aWorkerInterruptedAtTheGateIsNotCountedAsFinished() throws Exception {
        UnguardedCounter counter = new UnguardedCounter();
        LongAdder finished = new LongAdder();
        Phaser neverOpened = Form.startGate();
        try (Background<Void> worker = Background.start(() -> {
            Form.worker(counter, 25, neverOpened, finished).run();
            return null;
        })) {
            worker.awaitState(Thread.State.WAITING); // at the gate
            worker.thread().interrupt();
            worker.join();
        }
        assertThat(finished.sum()).isZero();
        assertThat(counter.total()).isZero();
        assertThat(LockCounterPattern.check(new LockCounterPattern().variant("unguarded"), 1, 25, finished.sum(), 0)
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
    }

    /**
     * The wrong way is really wrong, in every mode: at the pattern's default size, increments are
     * lost. The yield between read and write makes this the rule, not luck, even for virtual
     * threads; one run per mode, no retries.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void unguardedCounterLosesUpdatesInEveryMode(Mode mode) throws Exception {
        LockCounterPattern pattern = new LockCounterPattern();
        Workload defaults = Workload.resolve(pattern, mode, pattern.defaultTasks(), Map.of()); // 100 workers x 10,000
        int increments = defaults.intValue(LockCounterPattern.INCREMENTS);
        UnguardedCounter counter = new UnguardedCounter();
        long finished = LockCounterPattern.FORMS.of(mode).count(counter, defaults.tasks(), increments);
        assertThat(finished).isEqualTo(defaults.tasks());
        assertThat(counter.total()).isPositive().isLessThan((long) defaults.tasks() * increments);
    }

    /**
     * Ctrl-C in the start loop: the caller starts no more workers, and those started end at the gate without an
     * increment (every mode). Opening the gate first let them all run their increments: a big run outlived loom's
     * grace.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptedCallerStartsNoMoreWorkersAndThoseStartedEndAtTheGate(Mode mode) {
        AtomicLongCounter counter = new AtomicLongCounter();
        InterruptAfterStarts.assertStopsStarting(
                100, 2_000, () -> LockCounterPattern.FORMS.of(mode).count(counter, 2_000, 1_000));
        assertThat(counter.total()).as("increments").isZero();
    }
}
