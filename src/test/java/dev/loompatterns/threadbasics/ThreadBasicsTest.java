package dev.loompatterns.threadbasics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.RunGate;
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
        assertThat(ThreadBasicsPattern.check(mode, 1, sleep, reports.subList(0, 1))
                        .detail())
                .startsWith("1 worker ran once each, slept >= 5 ms");
    }

    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"PLATFORM", "VIRTUAL"})
    void threadsAreNamedWithACounter(Mode mode) throws Exception {
        List<Outcome> reports = ThreadBasicsPattern.FORMS.of(mode).runAll(3, Duration.ZERO);
        assertThat(reports).extracting(Outcome::thread).containsExactly("worker-0", "worker-1", "worker-2");
    }

    /**
     * Interrupted (Ctrl-C) while it starts its workers, a form starts no more: each started every one first, so
     * {@code loom run thread-basics --mode virtual --tasks 5000000} went on starting them after Ctrl-C until the JVM
     * ended it, 10 s later, without the line that says the run stopped. A worker's first act is to arrive at the run's
     * gate, so the gate's count of arrivals is the count of workers that ran.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptedCallerStartsNoMoreWorkers(Mode mode) {
        try (RunGate.Hold hold = RunGate.hold()) {
            hold.release(); // counts arrivals without holding them
            Thread.currentThread().interrupt(); // as Ctrl-C leaves it: the flag set while the workers are started
            try {
                assertThatThrownBy(() -> ThreadBasicsPattern.FORMS.of(mode).runAll(1_000, Duration.ZERO))
                        .isInstanceOf(InterruptedException.class);
            } finally {
                Thread.interrupted(); // not left set for the next test
            }
            assertThat(hold.arrivals()).isZero();
        }
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
