package dev.loompatterns.scheduling;

import dev.loompatterns.core.Mode;
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

    static SchedulingWorkers of(Mode mode) {
        return switch (mode) {
            case PLATFORM -> new PlatformScheduling();
            case VIRTUAL -> new VirtualScheduling();
            case STRUCTURED -> new StructuredScheduling();
        };
    }
}
