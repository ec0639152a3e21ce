package dev.loompatterns.threadconfig;

import dev.loompatterns.core.RunGate;
import dev.loompatterns.core.Threads;
import java.lang.Thread.UncaughtExceptionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The worker of every mode: notes what its thread carries, and the last worker then fails on
 * purpose, so that where a failure goes (the uncaught-exception handler, or a subtask) shows.
 */
final class Worker {

    /** The request the caller is handling; copied into a new thread only if it inherits locals. */
    static final InheritableThreadLocal<String> REQUEST = new InheritableThreadLocal<>();

    static final String REQUEST_VALUE = "request-42";

    private Worker() {}

    /** The argument the creator hands worker {@code worker}, captured in its task as the tutorial's {@code args}. */
    static String argumentFor(int worker) {
        return "arg-" + worker;
    }

    static String failureMessage(int worker) {
        return "worker " + worker + " fails on purpose";
    }

    /**
     * Records what the current thread carries, with the argument its creator handed it; the last of
     * {@code workers} then throws.
     */
    static WorkerReport observe(int worker, String argument, int workers, Queue<WorkerReport> observed)
            throws InterruptedException {
        RunGate.arrive(); // lets `loom dump` hold the run here; a no-op otherwise
        Thread self = Thread.currentThread();
        WorkerReport seen = new WorkerReport(
                worker, argument, self.getName(), self.isDaemon(), self.getPriority(), self.isVirtual(), REQUEST.get());
        observed.add(seen);
        if (worker == workers - 1) {
            throw new IllegalStateException(failureMessage(worker));
        }
        return seen;
    }

    /**
     * Starts {@code workers} threads from {@code builder}, with {@link #REQUEST} set in the caller
     * while they are created, and joins them all (also if starting one fails).
     *
     * @param beforeStart what to set on each unstarted thread that the builder cannot set
     * @param handler     the handler the builder was given, read after the joins
     */
    static Outcome startAndJoin(int workers, Thread.Builder builder, Consumer<Thread> beforeStart, Collector handler)
            throws InterruptedException {
        Queue<WorkerReport> observed = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>(workers);
        REQUEST.set(REQUEST_VALUE);
        try {
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i); // the finally joins those started
                int worker = i;
                String argument = argumentFor(i);
                Thread thread = builder.unstarted(() -> {
                    try {
                        observe(worker, argument, workers, observed);
                    } catch (InterruptedException e) {
                        // cancelled (interrupted by the joiner) while held: no record, and nothing for the handler
                    }
                });
                beforeStart.accept(thread);
                threads.add(thread);
                thread.start();
            }
        } finally {
            REQUEST.remove();
            // the handler runs on the failing thread before it terminates, so join() also publishes its record
            Threads.joinAll(threads);
        }
        return new Outcome(List.copyOf(observed), handler.all(), List.of());
    }

    /** A failure that reached an uncaught-exception handler, with the thread it came from. */
    record Uncaught(String thread, Throwable failure) {}

    /** Collects instead of printing: the JDK's default handler would print a stack trace. */
    static final class Collector implements UncaughtExceptionHandler {
        final Queue<Uncaught> uncaught = new ConcurrentLinkedQueue<>();

        @Override
        public void uncaughtException(Thread thread, Throwable failure) {
            uncaught.add(new Uncaught(thread.getName(), failure));
        }

        List<Uncaught> all() {
            return List.copyOf(uncaught);
        }
    }
}
