package dev.loompatterns.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Ctrl-C in the middle of a run's start loop, at a known point: interrupts the test thread once it has created
 * {@code after} threads, from inside the loop itself, with no hook in the code under test and no sleep. It sets an
 * {@link InheritableThreadLocal} in the test thread, whose {@code childValue} the JDK calls in the creating thread for
 * every thread it creates that inherits locals (platform and virtual threads from a builder or factory, a scope's
 * forks, an executor's threads), before that thread starts. So each creation by the test thread is counted, and the
 * one after the {@code after}-th finds the caller interrupted, as a loop does after a Ctrl-C. Threads that other
 * threads create are not counted.
 *
 * <p>{@link #close()} removes the local, clears the test thread's flag (not left set for the next test) and asserts
 * that no thread created since {@link #interruptAfter} is still alive.
 */
public final class InterruptAfterStarts implements AutoCloseable {

    private final Thread caller = Thread.currentThread();
    private final AtomicInteger created = new AtomicInteger();
    private final Set<Long> before = LiveThreads.ids(LiveThreads.snapshot());
    private final InheritableThreadLocal<Object> counter;

    private InterruptAfterStarts(int after) {
        counter = new InheritableThreadLocal<>() {
            @Override
            protected Object childValue(Object parentValue) {
                if (Thread.currentThread() == caller && created.incrementAndGet() == after) {
                    caller.interrupt();
                }
                return null; // the child inherits nothing: its own creations are not counted
            }
        };
        counter.set(this);
    }

    /** Interrupts the current thread once it has created {@code after} threads, until {@link #close()}. */
    public static InterruptAfterStarts interruptAfter(int after) {
        return new InterruptAfterStarts(after);
    }

    /**
     * Runs {@code run} on the current thread, interrupted once it has created {@code after} threads, and asserts that
     * it throws {@link InterruptedException} having created fewer than {@code all} (a loop that went on starting
     * after Ctrl-C, 5,000,000 threads, outlived loom's grace) and that no thread it created is still alive.
     */
    public static void assertStopsStarting(int after, int all, ThrowingCallable run) {
        try (InterruptAfterStarts starts = interruptAfter(after)) {
            assertThatThrownBy(run).isInstanceOf(InterruptedException.class);
            assertThat(starts.created()).as("threads created of %d", all).isLessThan(all);
        }
    }

    /** How many threads the test thread has created so far. */
    public int created() {
        return created.get();
    }

    @Override
    public void close() {
        counter.remove();
        Thread.interrupted();
        LiveThreads.assertNothingLeftSince(before, "the run interrupted in its start loop");
    }
}
