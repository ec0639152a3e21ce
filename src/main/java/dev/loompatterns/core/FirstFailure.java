package dev.loompatterns.core;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Carries the first failure of tasks started by hand (not in an executor or a scope) to the
 * thread that joins them, so it is not lost in an uncaught-exception handler.
 */
public final class FirstFailure {

    private final AtomicReference<Exception> first = new AtomicReference<>();

    /** The task as a Runnable that keeps its failure here instead of throwing it. */
    public Runnable guard(Callable<?> task) {
        return () -> {
            try {
                task.call();
            } catch (Exception e) {
                first.compareAndSet(null, e);
            }
        };
    }

    /** Rethrows the first failure, once every task has been joined. */
    public void rethrow() throws Exception {
        Exception failure = first.get();
        if (failure != null) {
            throw failure;
        }
    }
}
