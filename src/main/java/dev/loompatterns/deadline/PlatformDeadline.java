package dev.loompatterns.deadline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fixed pool of platform threads, {@code Future.get} with the time left, then cancel. The pool
 * size caps how many subtasks run at once: with slow subtasks holding every pool thread, the
 * fast ones queued behind them never start before the deadline, and are cancelled unstarted.
 */
public final class PlatformDeadline implements Form {

    @Override
    public Map<Integer, String> within(Duration budget, List<Callable<String>> subtasks, int poolSize)
            throws InterruptedException {
        try (ExecutorService executor = Executors.newFixedThreadPool(
                poolSize, Thread.ofPlatform().name("subtask-", 0).factory())) {
            return FuturesWithin.collect(executor, budget, subtasks);
        } // close(): waits for the cancelled subtasks to end, so none outlives the call
    }
}
