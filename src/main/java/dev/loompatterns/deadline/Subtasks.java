package dev.loompatterns.deadline;

import dev.loompatterns.core.TaskLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The fan-out's subtasks: most answer after a short latency; every {@code slowEvery}-th one takes
 * far longer than any budget, and so must be cut off. Each logs its start and ending in a
 * {@link TaskLog}, which the check reads when the fan-out returns.
 */
final class Subtasks {

    private Subtasks() {}

    static boolean slow(int subtask, int slowEvery) {
        return slowEvery > 0 && subtask % slowEvery == slowEvery - 1;
    }

    static String result(int subtask) {
        return "result-" + subtask;
    }

    /** One subtask for each of the log's tasks. */
    static List<Callable<String>> of(int slowEvery, Duration fast, Duration slow, TaskLog log) {
        return log.afterLatencies(subtask -> slow(subtask, slowEvery) ? slow : fast, subtask -> () -> result(subtask));
    }
}
