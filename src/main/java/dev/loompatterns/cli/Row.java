package dev.loompatterns.cli;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.RunReport;
import java.util.Comparator;
import java.util.List;

/**
 * One line of a comparison: the repeats of one pattern, mode and variant, reduced to the median
 * wall time (and the figures of that median run) plus the spread across repeats.
 *
 * @param spread (slowest - fastest) / median wall time; 0 for a single run
 * @param jitMs  JIT compile time during the repeats' clocks, summed over the repeats
 * @param jitShare {@code jitMs} over the repeats' summed wall time: how much the JIT's threads
 *               competed with the runs (on 2 cores, a share of 0.5 can be a quarter of the CPU)
 */
record Row(String pattern, String mode, String variant, int tasks, double wallMs, double tasksPerSecond,
           int peakPlatformThreads, long virtualThreads, long pinned, Check check, int repeats, double spread,
           double jitMs, double jitShare) {

    static Row of(List<RunReport> repeats) {
        List<RunReport> byWall = repeats.stream().sorted(Comparator.comparing(RunReport::wall)).toList();
        RunReport median = byWall.get(byWall.size() / 2);
        double fastest = byWall.getFirst().wallMillis();
        double slowest = byWall.getLast().wallMillis();
        double jitMs = repeats.stream().mapToLong(r -> r.jit().toMillis()).sum();
        double wallSum = repeats.stream().mapToDouble(RunReport::wallMillis).sum();
        Check check = repeats.stream().map(RunReport::check).filter(c -> !c.ok()).findFirst().orElse(median.check());
        return new Row(median.pattern(), median.mode().id(), median.variant(), median.tasks(), median.wallMillis(),
                median.tasksPerSecond(), repeats.stream().mapToInt(RunReport::peakPlatformThreads).max().orElse(0),
                median.virtualThreads(), repeats.stream().mapToLong(RunReport::pinned).max().orElse(0), check,
                repeats.size(), median.wallMillis() > 0 ? (slowest - fastest) / median.wallMillis() : 0,
                jitMs, wallSum > 0 ? jitMs / wallSum : 0);
    }

    /** This row with another check: a warm-up run's failure, which the measured runs did not see. */
    Row withCheck(Check other) {
        return new Row(pattern, mode, variant, tasks, wallMs, tasksPerSecond, peakPlatformThreads, virtualThreads, pinned, other,
                repeats, spread, jitMs, jitShare);
    }
}
