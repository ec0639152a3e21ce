package dev.loompatterns.scheduling;

import dev.loompatterns.core.FirstFailure;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/**
 * A platform thread per task, started by the calling thread. The OS schedules them and slices
 * time: a thread that spins is preempted every few milliseconds, so a newly started thread runs
 * almost at once however many others spin.
 */
public final class PlatformScheduling implements Form {

    @Override
    public void startAll(List<Callable<?>> tasks, IntConsumer beforeStart) throws Exception {
        FirstFailure failures = new FirstFailure();
        Form.startEachThenJoin(Thread.ofPlatform().name("task-", 0), tasks, beforeStart, failures);
        failures.rethrow();
    }
}
