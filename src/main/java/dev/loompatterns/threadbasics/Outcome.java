package dev.loompatterns.threadbasics;

import dev.loompatterns.core.RunGate;
import java.time.Duration;

/**
 * What one worker saw: the same record in every mode, so the check is mode-independent.
 *
 * @param worker  the worker's index, 0 to n-1
 * @param thread  the name of the thread it ran on
 * @param virtual whether that thread was virtual
 * @param slept   how long its sleep actually took
 */
public record Outcome(int worker, String thread, boolean virtual, Duration slept) {

    /** The tutorial's worker: note the thread, sleep, report. */
    static Outcome work(int worker, Duration sleep) throws InterruptedException {
        RunGate.arrive(); // lets `loom dump` hold the run here, before the timed sleep; a no-op otherwise
        long start = System.nanoTime();
        Thread.sleep(sleep);
        Thread self = Thread.currentThread();
        return new Outcome(worker, self.getName(), self.isVirtual(), Duration.ofNanos(System.nanoTime() - start));
    }
}
