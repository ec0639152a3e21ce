package dev.loompatterns.context;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Platform threads in two fixed pools, one for request handlers and one for their subtasks, with
 * the context in a {@link ThreadLocal} copied by hand across the hand-off ({@link CopiedByHand}).
 * Pool threads live across requests, which is what makes a forgotten {@code remove()} leak a
 * request into the next one, and an {@link InheritableThreadLocal} stale: a worker thread
 * inherits once, from whichever handler made the pool create it.
 */
public final class PlatformContext implements Form {

    @Override
    public List<Outcome> handleAll(
            List<RequestContext> requests, int fanOut, Way way, LookupTable library, int poolSize)
            throws InterruptedException, ExecutionException {
        try (ExecutorService handlers = Executors.newFixedThreadPool(
                        poolSize, Thread.ofPlatform().name("handler-", 0).factory());
                ExecutorService workers = Executors.newFixedThreadPool(
                        poolSize, Thread.ofPlatform().name("worker-", 0).factory())) {
            return CopiedByHand.handleAll(handlers, workers, requests, fanOut, way, library);
        }
    }
}
