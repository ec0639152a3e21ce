package dev.loompatterns.deadline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The same {@code Future.get} with the time left and cancel, with a virtual thread per subtask,
 * named as the pool's threads were: every subtask starts at once, so only the slow ones miss the
 * deadline.
 */
public final class VirtualDeadline implements Form {

    @Override
    public Map<Integer, String> within(Duration budget, List<Callable<String>> subtasks, int poolSize)
            throws InterruptedException {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("subtask-", 0).factory())) {
            return FuturesWithin.collect(executor, budget, subtasks);
        } // close(): waits for the cancelled subtasks to end, so none outlives the call
    }
}
