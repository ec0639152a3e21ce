package dev.loompatterns.creationstyles;

import dev.loompatterns.core.Threads;
import dev.loompatterns.creationstyles.Form.Style.Numbering;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The two ways a virtual thread is made: the {@code Thread.ofVirtual()} builder and
 * {@link Executors#newVirtualThreadPerTaskExecutor()}, which starts a new virtual thread per
 * submitted task (it is not a pool). The tutorial's {@code Thread} subclass has no virtual form:
 * its fields move into a task object ({@link Greeter}) and the thread becomes a plain builder
 * product.
 */
public final class VirtualCreationStyles implements Form {

    static final List<Style> STYLES =
            List.of(new Style("builder", "virtual-", Numbering.COUNTER), Style.unnamed("per-task-executor"));

    @Override
    public List<Style> styles() {
        return STYLES;
    }

    @Override
    public List<Outcome> runAll(int workers) throws InterruptedException, ExecutionException {
        Queue<Outcome> runs = new ConcurrentLinkedQueue<>();
        // BEFORE: new GreeterThread(greeter, runs).start()   (a subclass is always a platform thread)
        // AFTER:  the subclass's fields live in the Greeter task; the builder makes the thread
        Thread.Builder builder = Thread.ofVirtual().name("virtual-", 0);
        List<Thread> threads = new ArrayList<>();
        List<Future<Outcome>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = 0; i < workers; i++) {
                    Threads.stopStartingIfInterrupted(i); // close() also ends those submitted
                    Greeter greeter = Greeter.forWorker(i);
                    if (i % STYLES.size() == 0) {
                        threads.add(builder.start(() -> greeter.runInto(runs)));
                    } else {
                        futures.add(executor.submit(greeter));
                    }
                }
            } finally {
                // join() is the happens-before edge for the queue's contents as much as for any field.
                Threads.joinAll(threads);
            }
        } // close() waits for every submitted task
        for (Future<Outcome> future : futures) {
            runs.add(future.get());
        }
        return List.copyOf(runs);
    }

    /** Read from a real (unstarted) subclass instance, so the report states what the JDK does. */
    @Override
    public String note() {
        Thread subclass = new GreeterThread(Greeter.forWorker(0), new ConcurrentLinkedQueue<>());
        return "a Thread subclass is virtual: " + subclass.isVirtual() + "; its fields moved into a task";
    }
}
