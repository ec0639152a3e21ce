package dev.loompatterns.threadconfig;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every setting on one {@code Thread.ofPlatform()} builder: a name with a counter, daemon,
 * priority, inheritable thread locals on or off, and an uncaught-exception handler. The builder is
 * reused for every thread; only the counter advances.
 *
 * <p>Priority is a hint: {@code getPriority()} returns what was set, but whether the OS scheduler
 * honours it is up to the JVM and OS (HotSpot on Linux ignores it unless run with
 * {@code -XX:ThreadPriorityPolicy=1} as root).
 */
public final class PlatformThreadConfig implements ConfiguredWorkers {

    @Override
    public Configured runAll(int workers, ThreadConfig config) throws InterruptedException {
        Queue<Observed> observed = new ConcurrentLinkedQueue<>();
        Worker.Collector handler = new Worker.Collector();
        Thread.Builder builder = Thread.ofPlatform()
                .name(config.namePrefix(), 0)
                .daemon(config.daemon())
                .priority(config.priority())
                .inheritInheritableThreadLocals(config.inheritLocals())
                .uncaughtExceptionHandler(handler);
        List<Thread> threads = new ArrayList<>(workers);
        Worker.REQUEST.set(Worker.REQUEST_VALUE);
        try {
            for (int i = 0; i < workers; i++) {
                int worker = i;
                threads.add(builder.start(() -> Worker.observe(worker, workers, observed)));
            }
        } finally {
            Worker.REQUEST.remove();
            // the handler runs on the failing thread before it terminates, so join() also publishes its record
            Threads.joinAll(threads);
        }
        return new Configured(List.copyOf(observed), handler.all(), List.of());
    }
}
