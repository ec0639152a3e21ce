package dev.loompatterns.testing;

import dev.loompatterns.core.Threads;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * A task on its own thread, platform or virtual, in the manner of the JSR-166 TCK: the test waits for the
 * thread's observable state (never sleeps "long enough"), the thread's failure reaches the test
 * thread through {@link #join()}, and {@link #close()} interrupts and joins a thread the test left
 * running, so no test leaves one behind.
 */
public final class Background<T> implements AutoCloseable {

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Thread thread;

    private Background(Thread.Builder builder, Callable<T> body) {
        thread = builder.name("background").start(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    public static <T> Background<T> start(Callable<T> body) {
        return new Background<>(Thread.ofPlatform(), body);
    }

    /** As {@link #start}, on a virtual thread: for a task that must be one to pin. */
    public static <T> Background<T> startVirtual(Callable<T> body) {
        return new Background<>(Thread.ofVirtual(), body);
    }

    public Thread thread() {
        return thread;
    }

    /** Waits until the thread is in {@code state}; fails at once if the task ended instead. */
    public void awaitState(Thread.State state) throws InterruptedException {
        await("reaching " + state, () -> thread.getState() == state);
    }

    /** Waits until the condition holds; fails at once if the task ended first (said as "task ended before WHAT"). */
    public void await(String what, BooleanSupplier condition) throws InterruptedException {
        awaitUntil(() -> {
            if (result.isDone()) {
                throw new AssertionError("task ended before " + what + ": " + describe());
            }
            return condition.getAsBoolean();
        });
    }

    /** Joins the thread and returns its result, or throws what it threw. */
    public T join() throws Exception {
        thread.join();
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private String describe() {
        return result.isCompletedExceptionally()
                ? result.exceptionNow().toString()
                : String.valueOf(result.resultNow());
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
        }
        Threads.joinUninterruptibly(List.of(thread));
    }

    /**
     * Runs {@code body} on a platform thread of its own and returns its result, failing with the thread's stack if it
     * is seen waiting ({@code WAITING} or {@code TIMED_WAITING}) before it returns: for a call that must not wait at
     * all (a join with nothing unfinished, a set event's await). A call that waited for good fails here, on what the
     * thread shows, not at the test's timeout.
     */
    public static <T> T returnsWithoutWaiting(Callable<T> body) throws Exception {
        try (Background<T> call = start(body)) {
            awaitUntil(() -> call.result.isDone() || waiting(call.thread));
            if (!call.result.isDone() && waiting(call.thread)) {
                AssertionError waited = new AssertionError("the call waited (" + call.thread.getState() + ")");
                waited.setStackTrace(call.thread.getStackTrace());
                throw waited;
            }
            return call.join();
        }
    }

    private static boolean waiting(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /** Polls until the condition holds; a test's {@code @Timeout} is the backstop. */
    public static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(1);
        }
    }
}
