package dev.loompatterns.scheduling;

import dev.loompatterns.core.FirstFailure;
import dev.loompatterns.core.Threads;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/**
 * A virtual thread per task, started by a virtual thread (as a request handler would start them),
 * so each new thread is queued on the starter's carrier. The scheduler does not slice time: a
 * task that never blocks keeps its carrier until it ends, and the tasks queued behind it wait.
 *
 * <p>Why the starter is virtual: measured on JDK 25 with one carrier, a thread started from a
 * platform thread goes to the scheduler's external queue, and a spinning virtual thread that
 * calls {@code Thread.yield()} was resumed ahead of it every time (the probe waited the hog's
 * whole run); started from a virtual thread, it is queued locally and a yield lets it in.
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
