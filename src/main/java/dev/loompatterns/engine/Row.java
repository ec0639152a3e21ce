package dev.loompatterns.engine;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.jfr.PinTally;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * One line of a comparison: the repeats of one pattern, mode and variant, shown as one run that
 * happened, the median by wall time ({@link #medianRun()}): its wall time, tasks per second, platform
 * and virtual threads, pins (the pattern's own and those set apart) and check are all that run's, so
 * they agree with each other (the check's text counts the same pins as {@code pinned}). Over all the
 * repeats: the spread, {@link #jitMs()}, and the verdict: if a run failed its check, the row's check is
 * a failed run's, prefixed with which run it was ({@code run 2 of 5: ...}): the median's own where it
 * failed (so the figures and the check's text are one run's), else the first that failed.
 *
 * @param pinned the median run's pins of the pattern's own ({@link RunReport#pinned()})
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

    /** The pins the median run set apart from {@link #pinned()} (a class's first use, the recording's own). */
    public PinTally pinsApart() {
        PinTally pins = medianRun().pins();
        return new PinTally(0, pins.firstUse(), pins.recorder(), pins.apart());
    }

    /** The run the row's figures come from: the median by wall time ({@link Statistics#medianBy}). */
    public RunReport medianRun() {
        return median(runs);
    }

    private static RunReport median(List<RunReport> runs) {
        return Statistics.medianBy(runs, Comparator.comparing(RunReport::wall));
    }

    /** Recordings the runs' child JVMs wrote. */
    public List<Path> childRecordings() {
        return runs.stream().flatMap(run -> run.childRecordings().stream()).toList();
    }

    public Row {
        runs = List.copyOf(runs);
    }

    static Row of(List<RunReport> repeats) {
        RunReport median = median(repeats);
        double fastest =
                repeats.stream().mapToDouble(RunReport::wallMillis).min().orElseThrow();
        double slowest =
                repeats.stream().mapToDouble(RunReport::wallMillis).max().orElseThrow();
        Check check = median.check();
        // a failed run fails the row, whichever run the figures come from; the median's own failure first, so that
        // the figures and the check's text are one run's wherever they can be
        int failedRun = median.check().ok() ? -1 : repeats.indexOf(median);
        for (int r = 0; r < repeats.size() && failedRun < 0; r++) {
            if (!repeats.get(r).check().ok()) {
                failedRun = r;
            }
        }
        long failed = repeats.stream().filter(run -> !run.check().ok()).count();
        if (failedRun >= 0 && repeats.size() > 1) { // one run alone: its check is the median's, as it stands
            // how many failed, where more than one did: "run 2 of 3" alone read as if runs 1 and 3 had passed
            String which = failed > 1
                    ? failed + " of " + repeats.size() + " runs failed; run " + (failedRun + 1)
                    : "run " + (failedRun + 1) + " of " + repeats.size();
            check = Check.failed(which + ": " + repeats.get(failedRun).check().detail());
        }
        return new Row(
                median.pattern(),
                median.mode().id(),
                median.variant(),
                median.tasks(),
                median.wallMillis(),
                median.tasksPerSecond(),
                median.peakPlatformThreads(),
                median.virtualThreads(),
                median.pinned(),
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

    /**
     * The JVM's compilation time that accrued during the runs' clocks, summed over the runs
     * ({@link RunReport#jit()}: compilations that ended then, some begun before, of any code). Summed
     * in nanoseconds and divided once. The JVM reports it in whole milliseconds
     * ({@code getTotalCompilationTime()}), so a run's figure is whole today; the sum does not depend on that.
     */
    public double jitMs() {
        return runs.stream().mapToLong(run -> run.jit().toNanos()).sum() / 1e6;
    }

    /**
     * {@link #jitMs()} over the runs' summed wall time: a sign that the JIT was busy during the runs,
     * not a share of the CPU (it counts time from before the runs, so it can exceed 1).
     */
    public double jitShare() {
        double wall = runs.stream().mapToDouble(RunReport::wallMillis).sum();
        return wall > 0 ? jitMs() / wall : 0;
    }
}
