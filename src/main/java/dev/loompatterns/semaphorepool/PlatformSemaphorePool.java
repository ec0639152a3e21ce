package dev.loompatterns.semaphorepool;

import java.time.Duration;

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
        Submit.all(Thread.ofPlatform().name("worker-", 0).factory(), limit, pool, workers, latency);
    }
}
