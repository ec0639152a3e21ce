package dev.loompatterns.pinning;

import java.util.concurrent.atomic.AtomicReference;

/** Carries the first failure of a task started by hand to the thread that joins it. */
final class TaskFailures {

    private final AtomicReference<Exception> first = new AtomicReference<>();

    Runnable guard(Blocking call) {
        return () -> {
            try {
                call.block();
            } catch (Exception e) {
                first.compareAndSet(null, e);
            }
        };
    }

    /** Rethrows the first failure, once every task has been joined. */
    void rethrow() throws Exception {
        Exception failure = first.get();
        if (failure != null) {
            throw failure;
        }
    }
}
