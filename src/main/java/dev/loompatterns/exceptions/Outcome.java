package dev.loompatterns.exceptions;

import java.util.Map;
import java.util.Set;

/**
 * What one way of handling failures delivered to the caller.
 *
 * @param way                 the way's name ({@code invoke-all}, {@code fail-fast}, ...)
 * @param carrier             what brought each failure to the caller ({@code ExecutionException}, ...)
 * @param expectedFailures    the tasks that were meant to fail and to be reported
 * @param reported            each reported failure's cause, by the task whose thread, future or subtask
 *                            brought it back (in fail-fast, task 0, the only one set to fail), never by
 *                            what the cause says
 * @param expectedInterrupted the tasks that were meant to be cancelled
 * @param interrupted         the tasks that saw an interrupt
 * @param leftRunning         threads the way started that were still alive after it returned
 */
public record Outcome(
        String way,
        String carrier,
        Set<Integer> expectedFailures,
        Map<Integer, Throwable> reported,
        Set<Integer> expectedInterrupted,
        Set<Integer> interrupted,
        int leftRunning) {

    public Outcome {
        expectedFailures = Set.copyOf(expectedFailures);
        reported = Map.copyOf(reported);
        expectedInterrupted = Set.copyOf(expectedInterrupted);
        interrupted = Set.copyOf(interrupted);
    }
}
