package dev.loompatterns.taskqueue;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * The code the platform and virtual forms share, as the tutorial wrote it: start the consumers,
 * put the items, {@code join()}, then shut the queue down and join the threads. The only
 * difference between the modes is the {@link Thread.Builder}.
 */
final class ThreadPerConsumer {

    private ThreadPerConsumer() {}

    static Outcome run(Thread.Builder builder, Plan plan) throws InterruptedException {
        ProducerConsumer run = new ProducerConsumer(plan);
        List<Thread> consumers = new ArrayList<>(plan.consumers());
        try {
            for (int i = 0; i < plan.consumers(); i++) {
                consumers.add(builder.start(run::consumeRecordingFailure));
            }
            run.produce();
            if (run.awaitAllDone()) {
                run.queue.shutdown(); // idle consumers wake, find it empty, and end
            } else {
                consumers.forEach(Thread::interrupt); // cancelled, or join gave up: each puts back what it holds
            }
            Threads.joinAll(consumers);
        } catch (InterruptedException | RuntimeException | Error e) {
            consumers.forEach(Thread::interrupt);
            Threads.joinUninterruptibly(consumers);
            throw e;
        }
        return run.finish();
    }
}
