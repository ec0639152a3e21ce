package dev.loompatterns.semaphorepool;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Two classic platform forms. With a semaphore: the tutorial's five threads sharing two
 * connections, a platform thread per worker, each waiting for a permit. With the pool size as the
 * limit: a fixed pool with as many threads as connections, so no more workers can run at once than
 * there are connections, and the semaphore is not needed. The second form is the usual one,
 * because platform threads are costly and get pooled anyway; its limit is a side effect of the
 * thread count.
 */
public final class PlatformSemaphorePool implements Form {

    @Override
    public void runAll(ConnectionPool pool, int workers, Duration latency, Limit limit) throws Exception {
        ThreadFactory factory = Thread.ofPlatform().name("worker-", 0).factory();
        try (ExecutorService executor = limit == Limit.THREADS
                ? Executors.newFixedThreadPool(pool.size(), factory)
                : Executors.newThreadPerTaskExecutor(factory)) {
            Submit.all(executor, pool, workers, latency);
        }
    }
}
