package dev.loompatterns.threadbasics;

import java.time.Duration;
import java.util.List;

/** What every mode implements: starts {@code workers} workers that each sleep, and returns when all have finished. */
interface Form {

    /**
     * @return one report per worker, in worker order
     * @throws InterruptedException if interrupted; every worker has ended by then
     */
    List<Outcome> runAll(int workers, Duration sleep) throws Exception;

    /** A bare thread's body: the worker's report, or none if a cancelled run interrupted it. */
    static Outcome workOrNull(int worker, Duration sleep) {
        try {
            return Outcome.work(worker, sleep);
        } catch (InterruptedException e) {
            return null; // interrupted by a cancelled run: no report, and the thread ends
        }
    }
}
