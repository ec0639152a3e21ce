package dev.loompatterns.lockcounter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
        LockCounterPattern.FORMS.of(mode).count(counter, 16, 20_000);
        assertThat(counter.total()).isEqualTo(16L * 20_000);
    }

    @Test
    void checkPassesOnlyOnTheExactTotal() {
        Variant guarded = new LockCounterPattern().variant("atomic-long");
        assertThat(LockCounterPattern.check(guarded, 100, 100).verdict()).isEqualTo(Check.Verdict.PASSED);
        Check short1 = LockCounterPattern.check(guarded, 100, 99);
        assertThat(short1.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(short1.detail()).isEqualTo("total 99 of 100");
    }

    @Test
    void unguardedCheckShowsTheLossOnlyWhenUpdatesWereLost() {
        Variant unguarded = new LockCounterPattern().variant("unguarded");
        Check lost = LockCounterPattern.check(unguarded, 100, 90);
        assertThat(lost.verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(lost.detail()).startsWith("lost 10 of 100 updates");

        Check none = LockCounterPattern.check(unguarded, 100, 100);
        assertThat(none.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(none.ok()).isTrue();
        assertThat(none.detail()).startsWith("lost none of 100 this time");
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
        LockCounterPattern.FORMS.of(mode).count(counter, defaults.tasks(), increments);
        assertThat(counter.total()).isPositive().isLessThan((long) defaults.tasks() * increments);
    }
}
