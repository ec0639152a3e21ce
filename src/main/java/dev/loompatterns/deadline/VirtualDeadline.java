package dev.loompatterns.deadline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The same {@code Future.get} with the time left and cancel, with a virtual thread per subtask:
 * every subtask starts at once, so only the slow ones miss the deadline.
 */
public final class VirtualDeadline implements FanOut {

    @Override
    public Map<Integer, String> within(Duration budget, List<Callable<String>> subtasks) throws InterruptedException {
        // BEFORE: Executors.newFixedThreadPool(poolSize, Thread.ofPlatform().name("subtask-", 0).factory())
        // AFTER:  a new virtual thread for every subtask, named as the pool's threads were
        try (ExecutorService perTask = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("subtask-", 0).factory())) {
            return FuturesWithin.collect(perTask, budget, subtasks);
        } // close(): waits for the cancelled subtasks to end, so none outlives the call
    }
}
