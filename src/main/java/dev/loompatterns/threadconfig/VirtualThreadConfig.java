package dev.loompatterns.threadconfig;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The same settings on {@code Thread.ofVirtual()}, where two of them do not exist: the builder
 * has no {@code daemon(..)} (a virtual thread is always a daemon) and no {@code priority(..)}.
 * {@code setPriority} on a virtual thread is accepted and ignored: {@code getPriority()} stays
 * {@link Thread#NORM_PRIORITY} (JEP 444). Names with a counter, inheritable thread locals and the
 * uncaught-exception handler work as on platform threads.
 */
public final class VirtualThreadConfig implements ConfiguredWorkers {

    @Override
    public Configured runAll(int workers, ThreadConfig config) throws InterruptedException {
        Queue<Observed> observed = new ConcurrentLinkedQueue<>();
        Worker.Collector handler = new Worker.Collector();
        // BEFORE: Thread.ofPlatform().name(..).daemon(..).priority(..)...
        // AFTER:  no daemon(..), no priority(..): a virtual thread is a daemon at normal priority
        Thread.Builder builder = Thread.ofVirtual()
                .name(config.namePrefix(), 0)
                .inheritInheritableThreadLocals(config.inheritLocals())
                .uncaughtExceptionHandler(handler);
        List<Thread> threads = new ArrayList<>(workers);
        Worker.REQUEST.set(Worker.REQUEST_VALUE);
        try {
            for (int i = 0; i < workers; i++) {
                int worker = i;
                Thread thread = builder.unstarted(() -> Worker.observe(worker, workers, observed));
                thread.setPriority(config.priority()); // ignored for a virtual thread, and no exception says so
                threads.add(thread);
                thread.start();
            }
        } finally {
            Worker.REQUEST.remove();
            Threads.joinAll(threads);
        }
        return new Configured(List.copyOf(observed), handler.all(), List.of());
    }
}
