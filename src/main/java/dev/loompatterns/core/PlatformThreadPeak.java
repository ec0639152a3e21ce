package dev.loompatterns.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The most platform threads alive at once while some work ran, beyond those alive when it began: {@link
 * ThreadMXBean}'s peak, reset at the start, less the threads of before that are still alive at the end.
 *
 * <p>Less those still alive, not less the count at the start: a thread of earlier work that ends during the run (an
 * idle carrier or pool thread timing out, a process reaper, a JFR stream that was closing) would otherwise lower the
 * figure under what the run itself had alive at once. {@code RunnerTest} failed so in a fresh clone's CI (9 for
 * ten threads a latch held together, 2026-12-06). So the figure is never below the run's own threads alive together;
 * it can be above them by one for each thread of before that ended after the run's peak, and by each thread someone
 * else started during the run. Virtual threads are not counted: {@code ThreadMXBean} sees platform threads only.
 */
final class PlatformThreadPeak {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long[] before;

    private PlatformThreadPeak() {
        before = threads.getAllThreadIds();
        threads.resetPeakThreadCount();
    }

    /** Notes the threads alive now and resets the JVM's peak: the run starts next. */
    static PlatformThreadPeak start() {
        return new PlatformThreadPeak();
    }

    /**
     * The peak since {@link #start()}, beyond the threads of before that are alive now. The threads of before are
     * looked up first: one that ends between that and the peak's reading was alive all through the run, so it is in
     * the peak too.
     */
    int beyondThoseBefore() {
        int stillAlive = 0;
        for (ThreadInfo info : threads.getThreadInfo(before, 0)) { // depth 0: no stacks
            if (info != null) { // null: that thread has ended
                stillAlive++;
            }
        }
        return Math.max(0, threads.getPeakThreadCount() - stillAlive);
    }
}
