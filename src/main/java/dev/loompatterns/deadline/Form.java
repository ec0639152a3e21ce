package dev.loompatterns.deadline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** What every mode implements: runs every subtask at once and returns what was delivered within a time budget. */
interface Form {

    /**
     * @param poolSize platform: the fixed pool's size (the other forms start a thread per subtask)
     * @return the results of the subtasks that succeeded within the budget, by subtask index
     * @throws InterruptedException if the caller is interrupted; in every case no subtask is
     *                              still running when this returns or throws
     */
    Map<Integer, String> within(Duration budget, List<Callable<String>> subtasks, int poolSize)
            throws InterruptedException;
}
