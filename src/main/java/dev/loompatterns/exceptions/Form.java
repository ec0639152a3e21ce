package dev.loompatterns.exceptions;

import java.util.List;

/** What every mode implements: its ways of learning that tasks failed, each run on a fresh set of tasks. */
interface Form {

    /**
     * @param tasks     how many tasks each way runs
     * @param failEvery task {@code i} fails when {@code i % failEvery == 0}
     * @throws InterruptedException if interrupted; every thread has ended by then
     */
    List<Outcome> runAll(int tasks, int failEvery) throws Exception;
}
