package dev.loompatterns.exceptions;

import java.util.List;
import java.util.concurrent.Executors;

/**
 * The two classic ways ({@link ClassicWays}) with their two sources of threads swapped: a virtual-thread builder (whose
 * uncaught-exception handler works the same) and {@link Executors#newVirtualThreadPerTaskExecutor()}
 * in place of the fixed pool. {@code Future.get} wraps failures in {@code ExecutionException} as
 * before; what changes is that there is no pool size to tune.
 */
public final class VirtualExceptions implements Form {

    @Override
    public List<Outcome> runAll(int tasks, int failEvery) throws InterruptedException {
        return ClassicWays.runAll(
                tasks, failEvery, Thread.ofVirtual().name("task-", 0), Executors::newVirtualThreadPerTaskExecutor);
    }
}
