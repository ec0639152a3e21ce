package dev.loompatterns.semaphorepool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Submits one task per worker to an executor and waits for them, so a worker's failure reaches the caller. */
final class Submit {

    private Submit() {
    }

    static void all(ExecutorService executor, ConnectionPool pool, int workers, Duration latency)
            throws InterruptedException, ExecutionException {
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
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
