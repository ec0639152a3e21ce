package dev.loompatterns.scheduling;

import dev.loompatterns.core.FirstFailure;
import dev.loompatterns.core.RunGate;
import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/**
 * What every mode implements: starts each task on a thread of its own, in list order, from one
 * starter thread, and returns when every task has ended. What the modes change is who schedules
 * those threads: the OS (platform), or the virtual-thread scheduler's carriers (virtual,
 * structured).
 */
interface Form {

    /**
     * @param beforeStart called on the starter thread with a task's index just before it is started
     * @throws Exception after every task has ended: the first task's failure itself (platform,
     *     virtual), or wrapped in the scopes' {@code StructuredTaskScope.FailedException} (structured)
     */
    void startAll(List<Callable<?>> tasks, IntConsumer beforeStart) throws Exception;

    /**
     * Starts each task on a new thread of {@code builder}, in list order, calling
     * {@code beforeStart} with its index just before; then, in place of a plain join, lets
     * {@code loom dump} hold the starter there (a no-op otherwise) and joins every task. The
     * starter holds, not a task: a task held at its start would have its queueing delay, or its
     * file reads, measured with the hold in them, and would free a carrier the tasks queued behind
     * it now wait for. A starter held here parks as it would in the join. Interrupted while held,
     * it still joins every task before it throws. A task's failure goes to {@code failures}.
     */
    static void startEachThenJoin(
            Thread.Builder builder, List<Callable<?>> tasks, IntConsumer beforeStart, FirstFailure failures)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            beforeStart.accept(i);
            threads.add(builder.start(failures.guard(tasks.get(i))));
        }
        try {
            RunGate.arrive();
        } finally {
            Threads.joinAll(threads);
        }
    }
}
