package dev.loompatterns.engine;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.jfr.PinTally;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * One line of a comparison: the repeats of one pattern, mode and variant, reduced to the median
 * wall time (and the figures of that median run) plus the spread across repeats.
 *
 * @param pinned the most pins of the pattern's own in one run ({@link RunReport#pinned()})
 * @param spread (slowest - fastest) / median wall time; 0 for a single run
 * @param runs   the repeats in the order they ran
 */
public record Row(
        String pattern,
        String mode,
        String variant,
        int tasks,
        double wallMs,
        double tasksPerSecond,
        int peakPlatformThreads,
        long virtualThreads,
        long pinned,
        Check check,
        double spread,
        List<RunReport> runs) {

    /** The pins set apart from {@link #pinned()} (a class's first use, the recording's own), summed over the runs. */
    public PinTally pinsApart() {
        return runs.stream()
                .map(RunReport::pins)
                .map(p -> new PinTally(0, p.firstUse(), p.recorder(), p.apart()))
                .reduce(PinTally.NONE, PinTally::plus);
    }

    /** Recordings the runs' child JVMs wrote. */
    public List<Path> childRecordings() {
        return runs.stream().flatMap(run -> run.childRecordings().stream()).toList();
    }

    public Row {
        runs = List.copyOf(runs);
    }

    static Row of(List<RunReport> repeats) {
        RunReport median = Statistics.medianBy(repeats, Comparator.comparing(RunReport::wall));
        double fastest =
                repeats.stream().mapToDouble(RunReport::wallMillis).min().orElseThrow();
        double slowest =
                repeats.stream().mapToDouble(RunReport::wallMillis).max().orElseThrow();
        Check check = repeats.stream()
                .map(RunReport::check)
                .filter(c -> !c.ok())
                .findFirst()
                .orElse(median.check());
        return new Row(
                median.pattern(),
                median.mode().id(),
                median.variant(),
                median.tasks(),
                median.wallMillis(),
                median.tasksPerSecond(),
                repeats.stream().mapToInt(RunReport::peakPlatformThreads).max().orElse(0),
                median.virtualThreads(),
                repeats.stream().mapToLong(RunReport::pinned).max().orElse(0),
                check,
                median.wallMillis() > 0 ? (slowest - fastest) / median.wallMillis() : 0,
                repeats);
    }

    /** This row with another check: a warm-up run's failure, which the measured runs did not see. */
    Row withCheck(Check other) {
        return new Row(
                pattern,
                mode,
                variant,
                tasks,
                wallMs,
                tasksPerSecond,
                peakPlatformThreads,
                virtualThreads,
                pinned,
                other,
                spread,
                runs);
    }

    /** How many runs the row's figures come from. */
    public int repeats() {
        return runs.size();
    }

    /** JIT compile time during the runs' clocks, summed over the runs. */
    public double jitMs() {
        return runs.stream().mapToLong(run -> run.jit().toMillis()).sum();
    }

    /**
     * {@link #jitMs()} over the runs' summed wall time: how much the JIT's threads competed with the
     * runs (on 2 cores, a share of 0.5 can be a quarter of the CPU).
     */
    public double jitShare() {
        double wall = runs.stream().mapToDouble(RunReport::wallMillis).sum();
        return wall > 0 ? jitMs() / wall : 0;
    }
}
