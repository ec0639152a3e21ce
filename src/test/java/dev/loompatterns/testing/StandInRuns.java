package dev.loompatterns.testing;

import dev.loompatterns.engine.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Platform threads that stand in for a command's run in the tests of stopping one (Ctrl-C's hook, the heap watch):
 * one that ends on the interrupt, as a run does, and one deaf to it, as a wait that no interrupt ends.
 */
public final class StandInRuns {

    private StandInRuns() {}

    /** A run that waits until it is interrupted, then ends. */
    public static Thread stopsOnInterrupt() {
        CountDownLatch never = new CountDownLatch(1);
        return Thread.ofPlatform().start(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                // what a run does on Ctrl-C: it ends
            }
        });
    }

    /** How the code under test learns that {@code thread} has ended. */
    public static Cancellation.Ending ended(Thread thread) {
        return () -> !thread.isAlive();
    }

    /** A run deaf to interrupts: it swallows every one until {@link #close}, which ends and joins it. */
    public static final class Deaf implements AutoCloseable {

        private final AtomicBoolean released = new AtomicBoolean();
        private final Thread thread;

        public Deaf() {
            thread = Thread.ofPlatform().start(() -> {
                while (!released.get()) {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        // swallowed, as a wait that no interrupt ends would
                    }
                }
            });
        }

        public Thread thread() {
            return thread;
        }

        @Override
        public void close() throws InterruptedException {
            released.set(true);
            thread.interrupt();
            thread.join();
        }
    }
}
