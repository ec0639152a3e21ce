package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.jfr.PinTally;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowTest {

    /** A run of {@code wallMs} with {@code pins} of its own, {@code firstUse} set apart, and a check that counts them. */
    private static RunReport run(long wallMs, int platformThreads, long pins, long firstUse, Check check) {
        return new RunReport(
                "pinning",
                Mode.VIRTUAL,
                "synchronized-jdk21",
                10,
                Duration.ofMillis(wallMs),
                platformThreads,
                10 + pins,
                new PinTally(pins, firstUse, 0, firstUse == 0 ? Map.of() : Map.of("class-init", firstUse)),
                check,
                Duration.ZERO,
                List.of());
    }

    private static RunReport passed(long wallMs, int platformThreads, long pins, long firstUse) {
        return run(wallMs, platformThreads, pins, firstUse, Check.demonstrated(pins + " pins"));
    }

    /**
     * Every figure of a repeated row is its median run's, so they agree with its check: 'compare pinning
     * --repeat 20' showed pinned 7 (the most of any run) beside the median run's check "6 pins", and the
     * pins set apart were summed over the 20 runs.
     */
    @Test
    void everyFigureOfARepeatedRowIsItsMedianRuns() {
        Row row = Row.of(List.of(passed(30, 4, 7, 2), passed(10, 1, 5, 0), passed(20, 2, 6, 1)));

        assertThat(row.medianRun().wallMillis()).isEqualTo(20);
        assertThat(row.wallMs()).isEqualTo(20);
        assertThat(row.pinned()).isEqualTo(6);
        assertThat(row.check().detail()).isEqualTo("6 pins");
        assertThat(row.peakPlatformThreads()).isEqualTo(2);
        assertThat(row.virtualThreads()).isEqualTo(16);
        assertThat(row.pinsApart().firstUse()).isEqualTo(1);
        assertThat(row.pinsApart().apart()).isEqualTo(Map.of("class-init", 1L));
        assertThat(Notes.apartNote(List.of(row)).orElseThrow()).startsWith("Not in pinned: 1 pin ");
        assertThat(row.spread()).as("over every run").isEqualTo((30 - 10) / 20.0);
    }

    /** A run that failed fails the row, whichever run the figures are from, and its check says which run it was. */
    @Test
    void aFailedRunFailsTheRowAndSaysWhichRunItWas() {
        Row row = Row.of(
                List.of(passed(30, 4, 7, 0), run(10, 1, 5, 0, Check.failed("lost an item")), passed(20, 2, 6, 0)));

        assertThat(row.check().ok()).isFalse();
        assertThat(row.check().detail()).isEqualTo("run 2 of 3: lost an item");
        assertThat(row.pinned()).as("still the median run's").isEqualTo(6);

        Row single = Row.of(List.of(run(10, 1, 5, 0, Check.failed("lost an item"))));
        assertThat(single.check().detail()).isEqualTo("lost an item");
    }

    /**
     * Where the median run failed too, the row's check is its own, so the figures and the check's text are one run's.
     * Before, the first failed run's text stood beside the median run's figures (a reviewer's {@code compare url-fetch
     * --repeat 3} against a closed port: wall_ms from run 2, "run 1 of 3: ...").
     */
    @Test
    void whenTheMedianRunFailedTooTheCheckIsItsOwn() {
        Row row = Row.of(List.of(
                run(30, 4, 7, 0, Check.failed("first failure")),
                run(20, 2, 6, 0, Check.failed("median's failure")),
                passed(10, 1, 5, 0)));

        assertThat(row.wallMs()).isEqualTo(20);
        assertThat(row.check().detail()).isEqualTo("2 of 3 runs failed; run 2: median's failure");

        Row allFailed = Row.of(List.of(
                run(30, 4, 7, 0, Check.failed("a")),
                run(20, 2, 6, 0, Check.failed("b")),
                run(10, 1, 5, 0, Check.failed("c"))));
        assertThat(allFailed.check().detail()).as("every run").isEqualTo("3 of 3 runs failed; run 2: b");
    }

    /**
     * The JIT time of a row is summed before it is rounded: five runs of 0.9 ms are 4.5 ms, enough for the
     * JIT note over 5 ms of runs, where whole milliseconds per run summed to 0. json gives each run's to
     * the microsecond, as it gives wall times.
     */
    @Test
    void jitTimeBelowAMillisecondIsSummedNotRoundedAway() {
        RunReport run = new RunReport(
                "pinning",
                Mode.VIRTUAL,
                "synchronized-jdk21",
                10,
                Duration.ofMillis(1),
                1,
                10,
                PinTally.NONE,
                Check.passed(""),
                Duration.ofNanos(900_000),
                List.of());
        Row row = Row.of(List.of(run, run, run, run, run));

        assertThat(row.jitMs()).isEqualTo(4.5);
        assertThat(row.jitShare()).isEqualTo(0.9);
        assertThat(Notes.jitNote(List.of(row), 0))
                .hasValueSatisfying(note -> assertThat(note).contains("grew by 5 ms"));
        java.io.StringWriter json = new java.io.StringWriter();
        ReportFormat.JSON.print(List.of(row), new java.io.PrintWriter(json), false);
        assertThat(json.toString())
                .contains("\"jit_ms\": 4.500,")
                .contains("\"runs_jit_ms\": [0.900, 0.900, 0.900, 0.900, 0.900]");
    }
}
