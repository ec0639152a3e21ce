package dev.loompatterns.scheduling;

import dev.loompatterns.core.FirstFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/**
 * A platform thread per task, started by the calling thread. The OS schedules them and slices
 * time: a thread that spins is preempted every few milliseconds, so a newly started thread runs
 * almost at once however many others spin.
 */
final class PlatformScheduling implements Form {

    @Override
    public void startAll(List<Callable<?>> tasks, IntConsumer beforeStart) throws Exception {
        FirstFailure failures = new FirstFailure();
        List<Thread> threads = new ArrayList<>(tasks.size());
        Thread.Builder builder = Thread.ofPlatform().name("task-", 0);
        for (int i = 0; i < tasks.size(); i++) {
            beforeStart.accept(i);
            threads.add(builder.start(failures.guard(tasks.get(i))));
        }
        Form.holdThenJoin(threads);
        failures.rethrow();
    }
}
