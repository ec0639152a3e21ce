package dev.loompatterns.scheduling;

import dev.loompatterns.core.FirstFailure;
import dev.loompatterns.core.Threads;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/**
 * A virtual thread per task, started by a virtual thread (as a request handler would start them).
 * The scheduler does not slice time: a task that never blocks keeps its carrier until it ends,
 * and the tasks queued behind it wait.
 *
 * <p>Why the starter is virtual: with one carrier, the starter holds it until it has started
 * every task, so all are queued before any runs. From a platform starter a task can get the
 * carrier while the rest are still being started; on JDK 25 a yielding virtual thread whose carrier's
 * local queue is empty is resubmitted to the scheduler's external queue, and the carrier keeps taking
 * from the queue it last took from, so such a task kept the carrier for its whole run, yielding, in 2 of 10 runs of
 * E19 (the probe waited 95 and 106 ms behind 100 ms hogs; package-info, {@code yield}).
 */
public final class VirtualScheduling implements Form {

    @Override
    public void startAll(List<Callable<?>> tasks, IntConsumer beforeStart) throws Exception {
        FirstFailure failures = new FirstFailure();
        Thread starter = Thread.ofVirtual().name("starter").start(failures.guard(() -> {
            Form.startEachThenJoin(Thread.ofVirtual().name("task-", 0), tasks, beforeStart, failures);
            return null;
        }));
        Threads.joinAll(List.of(starter));
        failures.rethrow();
    }
}
