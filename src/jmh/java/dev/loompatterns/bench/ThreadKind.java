package dev.loompatterns.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two kinds of thread a benchmark compares, and a way to run a batch on a caller of either
 * kind. JMH's own worker threads are platform threads: a benchmark that must run on a virtual
 * caller starts one virtual thread per invocation and does its whole batch there, so that one
 * start and join is shared by the batch ({@code @OperationsPerInvocation}).
 */
public enum ThreadKind {
    PLATFORM,
    VIRTUAL;

    /** A fresh builder; builders are not thread-safe, so each thread takes its own. */
    public Thread.Builder builder() {
        return this == PLATFORM ? Thread.ofPlatform() : Thread.ofVirtual();
    }

    /**
     * Runs {@code batch} on a thread of this kind: on the calling (platform) thread for PLATFORM,
     * on a new virtual thread for VIRTUAL. A failure in the batch is rethrown here.
     */
    public <T> T runAsCaller(Callable<T> batch) throws Exception {
        if (this == PLATFORM) {
            return batch.call();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                result.set(batch.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        caller.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
