package dev.loompatterns.exceptions;

import java.util.List;
import java.util.concurrent.Executors;

/**
 * The platform code with its two sources of threads swapped: a virtual-thread builder (whose
 * uncaught-exception handler works the same) and {@link Executors#newVirtualThreadPerTaskExecutor()}
 * in place of the fixed pool. {@code Future.get} wraps failures in {@code ExecutionException} as
 * before; what changes is that there is no pool size to tune.
 */
public final class VirtualExceptions implements FailureHandling {

    @Override
    public List<WayReport> runAll(int tasks, int failEvery) throws InterruptedException {
        // BEFORE: Thread.ofPlatform() and Executors.newFixedThreadPool(POOL_SIZE)
        // AFTER:  a virtual thread per task
        return PlatformExceptions.runAll(tasks, failEvery, Thread.ofVirtual().name("task-", 0), Executors::newVirtualThreadPerTaskExecutor);
    }
}
