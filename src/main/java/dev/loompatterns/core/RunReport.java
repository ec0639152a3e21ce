package dev.loompatterns.core;

import dev.loompatterns.jfr.PinTally;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one run of a pattern in a mode measured, next to its self-check.
 *
 * @param pattern             the pattern id
 * @param mode                the mode it ran in
 * @param variant             the variant id
 * @param tasks               tasks in the workload
 * @param wall                time from the pattern's start to its return (the harness's own set-up
 *                            and the JFR counting stream are outside it)
 * @param peakPlatformThreads the most live platform threads during the run beyond those alive when
 *                            it started (so pool and carrier threads that outlive a run are counted
 *                            only by the run that created them; a thread of earlier work that ends
 *                            during the run does not lower it, but raises it by one if it ends after
 *                            the run's peak: {@code PlatformThreadPeak})
 * @param virtualThreads      virtual threads started during the run ({@code jdk.VirtualThreadStart}), child
 *                            JVMs' included; -1 if not counted (a recording whose profile leaves that event off)
 * @param pins                pins during the run ({@code jdk.VirtualThreadPinned}, threshold 0), the pattern's
 *                            own told apart from a class's first use and the recording's ({@link PinTally}),
 *                            child JVMs' included
 * @param check               the self-check's verdict
 * @param jit                 what the JVM's compilation time ({@code CompilationMXBean}) grew by while
 *                            the run's clock ran: the whole time of each compilation that ended then,
 *                            summed over the compiler threads, so it includes time spent before the
 *                            clock started and code that is not the pattern's, and can exceed the
 *                            run's wall time; zero where the JVM does not measure it. A large figure
 *                            says the JIT was busy; on few cores it competes with the run for CPU.
 * @param childRecordings     recordings written by the run's child JVMs, beside the run's own
 */
public record RunReport(
        String pattern,
        Mode mode,
        String variant,
        int tasks,
        Duration wall,
        int peakPlatformThreads,
        long virtualThreads,
        PinTally pins,
        Check check,
        Duration jit,
        List<Path> childRecordings) {

    public RunReport {
        childRecordings = List.copyOf(childRecordings);
    }

    /** The pattern's own pins: what the {@code pinned} column shows. */
    public long pinned() {
        return pins.code();
    }

    public double wallMillis() {
        return wall.toNanos() / 1e6;
    }

    /** Tasks completed per second of wall time. */
    public double tasksPerSecond() {
        long nanos = Math.max(1, wall.toNanos());
        return tasks * 1e9 / nanos;
    }
}
