package dev.loompatterns.threadbasics;

import java.time.Duration;
import java.util.List;

/** Starts {@code workers} workers that each sleep, and returns when all have finished. */
interface SleepingWorkers {

    /**
     * @return one report per worker, in worker order
     * @throws InterruptedException if interrupted; every worker has ended by then
     */
    List<WorkerReport> runAll(int workers, Duration sleep) throws Exception;
}
