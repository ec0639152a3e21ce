package dev.loompatterns.threadconfig;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.ThreadFactory;

/**
 * The configuration moves to the scope: {@code Configuration.withThreadFactory} takes the same
 * virtual builder's factory, and {@code withName} names the scope in thread dumps. Two settings
 * change meaning. The uncaught-exception handler is never called, because a fork's exception is
 * kept by its {@link Subtask} ({@code exception()}) instead of escaping the thread. And
 * inheritable thread locals are copied into forks as into any virtual thread unless the factory
 * says otherwise; the structured way to pass such context is a {@link ScopedValue} (see
 * {@code context}).
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); compile and run
 * with {@code --enable-preview}.
 */
public final class StructuredThreadConfig implements Form {

    @Override
    public Outcome runAll(int workers, ThreadConfig config) throws InterruptedException {
        Queue<WorkerReport> observed = new ConcurrentLinkedQueue<>();
        Worker.Collector handler = new Worker.Collector();
        ThreadFactory builderFactory = Thread.ofVirtual()
                .name(config.namePrefix(), 0)
                .inheritInheritableThreadLocals(config.inheritLocals())
                .uncaughtExceptionHandler(handler)
                .factory();
        ThreadFactory factory = task -> {
            Thread thread = builderFactory.newThread(task);
            thread.setPriority(config.priority()); // ignored, as for any virtual thread
            return thread;
        };
        List<Throwable> captured = new ArrayList<>();
        Worker.REQUEST.set(Worker.REQUEST_VALUE);
        // awaitAll: the planned failure must not cancel the other workers
        try (var scope = StructuredTaskScope.open(
                Joiner.<WorkerReport>awaitAll(),
                cf -> cf.withThreadFactory(factory).withName("thread-config"))) {
            List<Subtask<WorkerReport>> subtasks = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i); // close() cancels those forked
                int worker = i;
                String argument = Worker.argumentFor(i);
                subtasks.add(scope.fork(() -> Worker.observe(worker, argument, workers, observed)));
            }
            scope.join();
            for (Subtask<WorkerReport> subtask : subtasks) {
                if (subtask.state() == Subtask.State.FAILED) {
                    captured.add(subtask.exception());
                }
            }
        } finally {
            Worker.REQUEST.remove();
        }
        return new Outcome(List.copyOf(observed), handler.all(), captured);
    }
}
