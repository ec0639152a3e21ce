package dev.loompatterns.semaphorepool;

import dev.loompatterns.core.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * What the platform and virtual forms share: an executor of the factory's threads, one task per
 * worker submitted to it, and a wait for every task, so a worker's failure reaches the caller.
 * The forms differ only in the factory they pass.
 */
final class Submit {

    private Submit() {}

    /**
     * @param limit {@link Form.Limit#THREADS}: a fixed pool as large as the connection pool, whose
     *              thread count is the limit; {@link Form.Limit#SEMAPHORE}: a new thread per worker,
     *              and the pool's semaphore is the limit
     */
    static void all(ThreadFactory factory, Form.Limit limit, ConnectionPool pool, int workers, Duration latency)
            throws InterruptedException, ExecutionException {
        try (ExecutorService executor = limit == Form.Limit.THREADS
                ? Executors.newFixedThreadPool(pool.size(), factory)
                : Executors.newThreadPerTaskExecutor(factory)) {
            List<Future<?>> futures = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i); // close() interrupts and waits for those submitted
                int worker = i;
                futures.add(executor.submit(() -> {
                    pool.use(worker, latency);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }
}
