package dev.loompatterns.exceptions;

import java.util.List;
import java.util.concurrent.Executors;

/**
 * The two classic ways ({@link ClassicWays}) on platform threads: a thread per task with an
 * uncaught-exception handler, and {@code invokeAll} on the tutorial's fixed pool. A thread's own
 * exception goes to its handler; a task's exception in an executor is rethrown by
 * {@code Future.get()}, wrapped in an {@code ExecutionException} whose cause is the original.
 */
public final class PlatformExceptions implements Form {

    /** The tutorial's pool size (max_workers). */
    static final int POOL_SIZE = 4;

    @Override
    public List<Outcome> runAll(int tasks, int failEvery) throws InterruptedException {
        return ClassicWays.runAll(
                tasks, failEvery, Thread.ofPlatform().name("task-", 0), () -> Executors.newFixedThreadPool(POOL_SIZE));
    }
}
