package dev.loompatterns.scheduling;

import dev.loompatterns.core.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Hogs and a probe: {@code hogs} tasks that spin for {@code hogRun} each, then one probe task that
 * only notes when it first ran. The probe's delay (first run minus submission) is how long a
 * quick request waits behind CPU-bound work; its lead (the last hog's end minus the probe's first
 * run) says whether it ran while a hog still ran, or only once they had all ended.
 */
final class Starvation {

    /**
     * What one measurement saw.
     *
     * @param probeLead how long before the last hog ended the probe first ran: zero or less where it ran only once
     *                  every hog had ended (starved)
     */
    record Measurement(Duration probeDelay, long yields, Duration probeLead) {}

    private Starvation() {}

    static Measurement measure(Mode mode, int hogs, Duration hogRun, boolean yield) throws Exception {
        return measure(mode, hogs, hogRun, yield, null);
    }

    /**
     * As {@link #measure(Mode, int, Duration, boolean)}, with each hog's spin handed to
     * {@code offload}, a bounded pool of platform threads, and waited for: the waiting task blocks
     * on a future (a virtual thread unmounts) instead of holding its carrier.
     */
    static Measurement offloaded(Mode mode, int hogs, Duration hogRun, java.util.concurrent.ExecutorService offload)
            throws Exception {
        return measure(mode, hogs, hogRun, false, offload);
    }

    private static Measurement measure(
            Mode mode, int hogs, Duration hogRun, boolean yield, java.util.concurrent.ExecutorService offload)
            throws Exception {
        long[] submitted = new long[1];
        long[] firstRun = new long[1];
        long[] yields = new long[hogs];
        long[] ended = new long[hogs];
        List<Callable<?>> tasks = new ArrayList<>();
        for (int i = 0; i < hogs; i++) {
            int hog = i;
            if (offload == null) {
                tasks.add(() -> {
                    yields[hog] = Spin.spin(hogRun, yield);
                    return ended[hog] = System.nanoTime();
                });
            } else {
                // AFTER: the CPU work runs on the pool's platform threads, which the OS time-slices;
                // the task only waits for it, and waiting unmounts a virtual thread
                tasks.add(() -> {
                    awaitOffloaded(offload, () -> Spin.spin(hogRun, false));
                    return ended[hog] = System.nanoTime();
                });
            }
        }
        tasks.add(() -> firstRun[0] = System.nanoTime());
        SchedulingPattern.FORMS.of(mode).startAll(tasks, index -> {
            if (index == hogs) {
                submitted[0] = System.nanoTime();
            }
        });
        // joins in startAll make the tasks' writes visible here
        long totalYields = 0;
        long lastEnd = Long.MIN_VALUE;
        for (int i = 0; i < hogs; i++) {
            totalYields += yields[i];
            lastEnd = Math.max(lastEnd, ended[i]);
        }
        return new Measurement(
                Duration.ofNanos(firstRun[0] - submitted[0]), totalYields, Duration.ofNanos(lastEnd - firstRun[0]));
    }

    /**
     * Runs {@code work} on {@code pool} and waits for its result. Interrupted while it waits (its scope
     * cancelled, a timeout, Ctrl-C), it cancels the work, interrupting the pool's thread, before it throws:
     * a plain {@code get()} would leave the work running on, past the task that asked for it.
     */
    static <T> T awaitOffloaded(java.util.concurrent.ExecutorService pool, Callable<T> work) throws Exception {
        java.util.concurrent.Future<T> result = pool.submit(work);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            throw e;
        }
    }
}
