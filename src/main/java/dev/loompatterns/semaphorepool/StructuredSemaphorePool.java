package dev.loompatterns.semaphorepool;

import dev.loompatterns.core.Threads;
import java.time.Duration;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fork per worker, the pool's semaphore as the limit. If one worker fails, the scope cancels
 * the rest, and none can outlive the call.
 *
 * <p>The {@code pool-size} variant is the structured form of a fixed pool: as many forks as
 * connections, each taking the next worker from a shared counter until none is left. It needs no
 * semaphore and no executor, and it is the form to use when the work is a list to drain rather
 * than requests that arrive.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredSemaphorePool implements Form {

    @Override
    public void runAll(ConnectionPool pool, int workers, Duration latency, Limit limit) throws Exception {
        try (var scope = StructuredTaskScope.open()) {
            if (limit == Limit.THREADS) {
                AtomicInteger next = new AtomicInteger();
                for (int f = 0; f < Math.min(pool.size(), workers); f++) {
                    scope.fork(() -> {
                        for (int worker = next.getAndIncrement(); worker < workers; worker = next.getAndIncrement()) {
                            pool.use(worker, latency);
                        }
                        return null;
                    });
                }
            } else {
                for (int i = 0; i < workers; i++) {
                    Threads.stopStartingIfInterrupted(i); // close() cancels those forked
                    int worker = i;
                    scope.fork(() -> {
                        pool.use(worker, latency);
                        return null;
                    });
                }
            }
            scope.join();
        }
    }
}
