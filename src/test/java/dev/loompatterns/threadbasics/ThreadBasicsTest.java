package dev.loompatterns.threadbasics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ThreadBasicsTest {

    /** Every worker reports once, in order, after sleeping at least as asked, on the mode's kind of thread. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyWorkerReportsOnceAfterItsSleep(Mode mode) throws Exception {
        Duration sleep = Duration.ofMillis(5);
        List<Outcome> reports = ThreadBasicsPattern.FORMS.of(mode).runAll(40, sleep);

        assertThat(reports).hasSize(40);
        for (int i = 0; i < reports.size(); i++) {
            Outcome report = reports.get(i);
            assertThat(report.worker()).isEqualTo(i);
            assertThat(report.slept()).isGreaterThanOrEqualTo(sleep);
            assertThat(report.virtual()).isEqualTo(mode != Mode.PLATFORM);
        }
        assertThat(ThreadBasicsPattern.check(mode, 40, sleep, reports).verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"PLATFORM", "VIRTUAL"})
    void threadsAreNamedWithACounter(Mode mode) throws Exception {
        List<Outcome> reports = ThreadBasicsPattern.FORMS.of(mode).runAll(3, Duration.ZERO);
        assertThat(reports).extracting(Outcome::thread).containsExactly("worker-0", "worker-1", "worker-2");
    }

    @Test
    void checkFailsWhenAWorkerIsMissingOrReportsTwice() {
        Duration sleep = Duration.ofMillis(1);
        Outcome zero = new Outcome(0, "w", true, sleep);
        Outcome one = new Outcome(1, "w", true, sleep);

        List<Outcome> missing = new ArrayList<>();
        missing.add(zero);
        missing.add(null);
        assertThat(ThreadBasicsPattern.check(Mode.VIRTUAL, 2, sleep, missing).detail())
                .isEqualTo("1 of 2 workers did not report");
        assertThat(ThreadBasicsPattern.check(Mode.VIRTUAL, 2, sleep, List.of(zero, zero))
                        .detail())
                .isEqualTo("worker 0 reported twice");
        assertThat(ThreadBasicsPattern.check(Mode.PLATFORM, 2, sleep, List.of(zero, one))
                        .detail())
                .contains("ran on a virtual thread");
        assertThat(ThreadBasicsPattern.check(Mode.VIRTUAL, 2, Duration.ofMillis(2), List.of(zero, one))
                        .detail())
                .contains("slept 1 ms");
    }

    /** A report for a worker that was not asked for fails, also where the count of reports would add up. */
    @Test
    void checkFailsOnAReportForAWorkerOutOfRange() {
        Duration sleep = Duration.ofMillis(1);
        Outcome zero = new Outcome(0, "w", true, sleep);
        assertThat(ThreadBasicsPattern.check(Mode.VIRTUAL, 2, sleep, List.of(zero, new Outcome(5, "w", true, sleep))))
                .extracting(Check::verdict, Check::detail)
                .containsExactly(Check.Verdict.FAILED, "a report for worker 5, of 2");
        assertThat(ThreadBasicsPattern.check(Mode.VIRTUAL, 2, sleep, List.of(zero, new Outcome(-1, "w", true, sleep)))
                        .detail())
                .isEqualTo("a report for worker -1, of 2");
    }
}
