package dev.loompatterns.exceptions;

import java.util.List;

/** One mode's ways of learning that tasks failed, each run on a fresh set of tasks. */
interface FailureHandling {

    /**
     * @param tasks     how many tasks each way runs
     * @param failEvery task {@code i} fails when {@code i % failEvery == 0}
     * @throws InterruptedException if interrupted; every thread has ended by then
     */
    List<WayReport> runAll(int tasks, int failEvery) throws Exception;
}
