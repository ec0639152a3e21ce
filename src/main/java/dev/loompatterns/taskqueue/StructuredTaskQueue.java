package dev.loompatterns.taskqueue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * Consumers as forks of one scope, and the tutorial's {@code q.join()} as one more fork that shuts
 * the queue down when all work is done; the owner only produces and joins the scope.
 *
 * <p>Two choices carry the pattern. The joiner is {@link Joiner#awaitAll()}: with the default
 * (all must succeed) one consumer's failure would cancel every other consumer and strand the work;
 * with {@code awaitAll} the failed fork just ends and its siblings finish its item. And
 * cancelling needs no list of threads: interrupting the owner makes {@code join()} throw, and
 * {@code close()} interrupts every fork and waits for all of them, so each consumer puts its item
 * back before the scope is left.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredTaskQueue implements Form {

    @Override
    public Outcome run(Plan plan) throws InterruptedException {
        ProducerConsumer run = new ProducerConsumer(plan);
        try (var scope = StructuredTaskScope.open(Joiner.awaitAll(), config -> config.withName("task-queue"))) {
            List<Subtask<Void>> consumers = new ArrayList<>(plan.consumers());
            for (int i = 0; i < plan.consumers(); i++) {
                consumers.add(scope.fork(() -> {
                    run.consume();
                    return null;
                }));
            }
            run.produce();
            scope.fork(() -> {
                if (run.awaitAllDone()) {
                    run.queue.shutdown();
                }
                return null;
            });
            scope.join();
            run.consumeLateCancel();
            for (Subtask<Void> consumer : consumers) {
                if (consumer.state() == Subtask.State.FAILED) {
                    run.recordFailure(consumer.exception());
                }
            }
        } catch (InterruptedException e) {
            if (!run.cancelled()) {
                throw e;
            }
            // cancelled, or the join fork gave up: close() has interrupted and waited for every fork
        }
        return run.finish();
    }
}
