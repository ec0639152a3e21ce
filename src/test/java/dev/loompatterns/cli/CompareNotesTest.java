package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.RunReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines under compare's table: how noisy the figures are, and whether the JIT ran during them. */
class CompareNotesTest {

    private static RunReport run(String pattern, Mode mode, long wallMs, long jitMs) {
        return new RunReport(pattern, mode, "default", 10, Duration.ofMillis(wallMs), 0, 0, 0, Check.passed("ok"), Duration.ofMillis(jitMs));
    }

    @Test
    void aRowSumsItsRunsJitTimeAgainstTheirWallTime() {
        Row row = Row.of(List.of(run("p", Mode.VIRTUAL, 100, 10), run("p", Mode.VIRTUAL, 300, 30), run("p", Mode.VIRTUAL, 200, 80)));
        assertThat(row.jitMs()).isEqualTo(120);
        assertThat(row.jitShare()).isEqualTo(0.2);
        assertThat(row.wallMs()).isEqualTo(200); // the median run, whatever its own JIT time
    }

    @Test
    void noJitNoteWhenTheJitWasQuiet() {
        Row quiet = Row.of(List.of(run("p", Mode.VIRTUAL, 1_000, 99)));
        assertThat(CompareCommand.jitNote(List.of(quiet), 0)).isEmpty();
    }

    @Test
    void theJitNoteNamesTheBusiestCellAndTheWayOut() {
        Row quiet = Row.of(List.of(run("url-fetch", Mode.PLATFORM, 2_000, 100)));
        Row busy = Row.of(List.of(run("url-fetch", Mode.VIRTUAL, 1_000, 600), run("url-fetch", Mode.VIRTUAL, 1_000, 400)));

        assertThat(CompareCommand.jitNote(List.of(quiet, busy), 0)).hasValueSatisfying(note -> assertThat(note)
                .contains("compiled for 1000 ms during url-fetch virtual default's measured runs, 50% of their wall time")
                .contains("--warmup W moves it before the clock."));
        assertThat(CompareCommand.jitNote(List.of(quiet, busy), 5)).hasValueSatisfying(note -> assertThat(note)
                .contains("More --warmup runs"));
    }

    @Test
    void theNoiseNoteSaysHowManyWarmUpRunsCameFirst() {
        List<Row> rows = List.of(Row.of(List.of(run("p", Mode.VIRTUAL, 100, 0), run("p", Mode.VIRTUAL, 150, 0), run("p", Mode.VIRTUAL, 200, 0))));
        assertThat(CompareCommand.noiseNote(rows, 0, 3)).contains("median of 3 runs;").contains("spread (slowest - fastest) / median was 67%");
        assertThat(CompareCommand.noiseNote(rows, 1, 3)).contains("median of 3 runs after 1 warm-up run per cell;");
        assertThat(CompareCommand.noiseNote(rows, 4, 1)).startsWith("Each figure is one run after 4 warm-up runs per cell:");
    }
}
