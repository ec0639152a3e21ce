package dev.loompatterns.creationstyles;

import dev.loompatterns.core.Threads;
import dev.loompatterns.creationstyles.Form.Style.Numbering;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;

/**
 * The four ways a platform thread is made: the tutorial's function target ({@code new Thread(runnable)}),
 * its {@code Thread} subclass overriding {@code run()}, the {@code Thread.ofPlatform()} builder
 * (JDK 21), and a {@link ThreadFactory}, the form executors take. All four give the same kind of
 * thread; they differ in where the worker's arguments live and who names the thread.
 */
public final class PlatformCreationStyles implements Form {

    static final List<Style> STYLES = List.of(
            new Style("runnable-target", "target-", Numbering.WORKER),
            new Style("thread-subclass", "subclass-", Numbering.WORKER),
            new Style("builder", "builder-", Numbering.COUNTER),
            new Style("thread-factory", "factory-", Numbering.COUNTER));

    @Override
    public List<Style> styles() {
        return STYLES;
    }

    @Override
    public List<Outcome> runAll(int workers) throws InterruptedException {
        Queue<Outcome> runs = new ConcurrentLinkedQueue<>();
        Thread.Builder builder = Thread.ofPlatform().name("builder-", 0);
        ThreadFactory factory = Thread.ofPlatform().name("factory-", 0).factory();
        List<Thread> threads = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i);
                Greeter greeter = Greeter.forWorker(i);
                Runnable task = () -> greeter.runInto(runs);
                Thread thread = switch (i % STYLES.size()) {
                    case 0 -> new Thread(task, "target-" + i);
                    case 1 -> new GreeterThread(greeter, runs);
                    case 2 -> builder.unstarted(task);
                    default -> factory.newThread(task);
                };
                threads.add(thread);
                thread.start();
            }
        } finally {
            // join() is the happens-before edge for the queue's contents as much as for any field.
            Threads.joinAll(threads);
        }
        return List.copyOf(runs);
    }
}
