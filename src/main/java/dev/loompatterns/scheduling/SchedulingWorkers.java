package dev.loompatterns.scheduling;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.RunGate;
import dev.loompatterns.core.Threads;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/**
 * Starts each task on a thread of its own, in list order, from one starter thread, and returns
 * when every task has ended. What the modes change is who schedules those threads: the OS
 * (platform), or the virtual-thread scheduler's carriers (virtual, structured).
 */
interface SchedulingWorkers {

    /**
     * @param beforeStart called on the starter thread with a task's index just before it is started
     * @throws Exception the first task's failure, after every task has ended
     */
    void startAll(List<Callable<?>> tasks, IntConsumer beforeStart) throws Exception;

    /**
     * Called by the starter once every task was started, in place of its join: lets {@code loom dump}
     * hold the run there (a no-op otherwise), then joins. The starter, not a task: a task held at its
     * start would have its queueing delay, or its file reads, measured with the hold in them, and
     * would free a carrier the tasks queued behind it now wait for. A starter held here parks as it
     * would in the join. Interrupted while held, it still joins every task before it throws.
     */
    static void holdThenJoin(List<Thread> threads) throws InterruptedException {
        try {
            RunGate.arrive();
        } finally {
            Threads.joinAll(threads);
        }
    }

    static SchedulingWorkers of(Mode mode) {
        return switch (mode) {
            case PLATFORM -> new PlatformScheduling();
            case VIRTUAL -> new VirtualScheduling();
            case STRUCTURED -> new StructuredScheduling();
        };
    }
}
