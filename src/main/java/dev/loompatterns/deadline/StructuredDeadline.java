package dev.loompatterns.deadline;

import dev.loompatterns.core.Threads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;

/**
 * The budget is part of the scope: {@code Configuration.withTimeout}. When it runs out,
 * {@code join()} throws {@code StructuredTaskScope.TimeoutException} and the scope is already
 * cancelled (every unfinished fork interrupted); {@code close()} waits for them. There is no
 * deadline arithmetic, no cancel loop, and no way to forget either.
 *
 * <p>Results are put into a map by the forks as they finish rather than read with
 * {@code Subtask.get()}: in JDK 25 {@code get()} throws after a timed-out {@code join()}, since
 * the owner never joined successfully. JDK 26 (JEP 525) adds {@code Joiner.onTimeout()}, so a
 * joiner can return the results delivered before the timeout instead.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505). The calls that
 * change in JDK 26 (JEP 525): the configuration function of {@code open} becomes a
 * {@code UnaryOperator}, and a timeout can be handled by the joiner; both are in {@link #within}.
 */
public final class StructuredDeadline implements Form {

    /** The scope's name in a thread dump. */
    static final String SCOPE_NAME = "deadline";

    @Override
    public Map<Integer, String> within(Duration budget, List<Callable<String>> subtasks, int poolSize)
            throws InterruptedException {
        Map<Integer, String> delivered = new ConcurrentHashMap<>();
        try (var scope = StructuredTaskScope.open(
                Joiner.<String>awaitAll(), config -> config.withTimeout(budget).withName(SCOPE_NAME))) {
            for (int i = 0; i < subtasks.size(); i++) {
                Threads.stopStartingIfInterrupted(i); // close() cancels those forked
                int index = i;
                Callable<String> subtask = subtasks.get(i);
                scope.fork(() -> delivered.put(index, subtask.call()));
            }
            try {
                scope.join();
            } catch (StructuredTaskScope.TimeoutException e) {
                // budget spent: the scope is cancelled, and close() waits for the interrupted forks
            }
            // what was delivered when join() returned, by the deadline; a fork that completes while close()
            // cancels the rest may still put its result, and it is not counted: it came after the budget
            return Map.copyOf(delivered);
        }
    }
}
