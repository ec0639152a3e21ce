package dev.loompatterns.deadline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Runs every subtask at once and returns what was delivered within a time budget. */
interface FanOut {

    /**
     * @return the results of the subtasks that succeeded within the budget, by subtask index
     * @throws InterruptedException if the caller is interrupted; in every case no subtask is
     *                              still running when this returns or throws
     */
    Map<Integer, String> within(Duration budget, List<Callable<String>> subtasks) throws InterruptedException;
}
