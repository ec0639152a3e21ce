package dev.loompatterns.semaphorepool;

import java.time.Duration;

/**
 * A virtual thread per worker, the pool's semaphore as the only limit. JEP 444: "Do not pool
 * virtual threads": a virtual thread is cheap enough to make per task, so the pool size can no
 * longer double as a concurrency limit; the semaphore states the limit where the resource is.
 *
 * <p>The {@code pool-size} variant shows what happens when the platform habit is carried over:
 * a fixed pool of virtual threads. It works (the measured peak stays within the connections), but
 * it keeps a queue of tasks the semaphore would have made unnecessary and hides the limit in the
 * executor: don't do this in new code.
 */
public final class VirtualSemaphorePool implements Form {

    @Override
    public void runAll(ConnectionPool pool, int workers, Duration latency, Limit limit) throws Exception {
        Submit.all(Thread.ofVirtual().name("worker-", 0).factory(), limit, pool, workers, latency);
    }
}
