package dev.loompatterns.scheduling;

import dev.loompatterns.core.RunGate;
import dev.loompatterns.core.Threads;
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

    /**
     * Runs a JFR stream's {@code stop()} on a thread of its own and waits for it. {@code stop()}
     * waits for the stream to deliver every event so far, but a cancel (interrupt) that reaches it
     * there ends that wait early and is swallowed (JDK 25, {@code AbstractEventStream.awaitTermination}):
     * the run would go on and report a measurement of no events. Here the interrupt reaches the
     * waiting run instead, which throws {@link InterruptedException}, after the stopper has ended.
     */
    static void stopApart(Runnable stop) throws InterruptedException {
        Threads.joinAll(List.of(Thread.ofPlatform().name("jfr-stop").start(stop)));
    }
}
