package dev.loompatterns.scheduling;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Threads;
import dev.loompatterns.core.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.management.VirtualThreadSchedulerMXBean;

/**
 * What the virtual-thread scheduler's own bean, {@code jdk.management.VirtualThreadSchedulerMXBean}
 * (JDK 24+), says where a pool's metrics ({@code getActiveCount()}, {@code getQueue().size()}) were:
 * its parallelism, its carriers, and how many virtual threads are mounted and queued, for the whole
 * JVM. Read here mid-run, while more CPU-bound tasks than carriers want to run: as many as there are
 * carriers are mounted, and the rest wait in the queue, which is what a pool's queue size said. A
 * virtual thread blocked on I/O or a lock is neither mounted nor queued, so for blocking work the
 * tasks in flight and waiting are counted by the program (a {@code Semaphore}'s permits and queue).
 */
final class SchedulerMetrics {

    /** What the bean said while the tasks ran. */
    record Reading(int parallelism, int poolSize, int mounted, long queued) {}

    private SchedulerMetrics() {}

    /**
     * Starts {@code tasks} tasks that spin until the reading is taken; reads the bean once as many
     * are spinning as can run at once (the carriers, or every task on platform threads), then lets
     * them end and joins them. In the virtual forms the starter is a virtual thread that keeps its
     * carrier while it starts the tasks (no time slicing), so no more than the other carriers' worth
     * can spin until it has started them all and parks in its join: when as many spin as there are
     * carriers, every task has been started, and the rest are queued.
     *
     * <p>In {@link Mode#PLATFORM} the reading first waits for the virtual-thread scheduler to be idle
     * ({@link VirtualScheduler#awaitIdle}), so that it counts only this run's tasks; a virtual caller,
     * mounted itself, gets no wait ({@code awaitIdle} answers false at once).
     */
    static Reading measure(Mode mode, int tasks) throws Exception {
        return measure(mode, tasks, IDLE_BACKSTOP);
    }

    /** As {@link #measure(Mode, int)}, waiting at most {@code idleBackstop} for the scheduler to be idle. */
    static Reading measure(Mode mode, int tasks, Duration idleBackstop) throws Exception {
        VirtualThreadSchedulerMXBean scheduler = VirtualScheduler.bean();
        if (mode == Mode.PLATFORM) {
            // a reading on platform threads counts only what runs while it is taken; past the backstop the
            // reading is taken anyway, and the check judges what it shows
            VirtualScheduler.awaitIdle(idleBackstop);
        }
        int canRun = mode == Mode.PLATFORM ? tasks : Math.min(tasks, scheduler.getParallelism());
        AtomicInteger spinning = new AtomicInteger();
        AtomicBoolean read = new AtomicBoolean();
        List<Callable<?>> work = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            work.add(() -> {
                spinning.incrementAndGet();
                while (!read.get()) {
                    Thread.onSpinWait(); // CPU-bound: keeps its carrier
                }
                return null;
            });
        }
        List<Exception> failure = new ArrayList<>(1);
        Thread starter = Thread.ofPlatform().name("metrics-starter").start(() -> {
            try {
                SchedulingPattern.FORMS.of(mode).startAll(work, index -> {});
            } catch (Exception e) {
                failure.add(e);
            }
        });
        Reading reading;
        try {
            while (spinning.get() < canRun && starter.isAlive()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException(
                            "cancelled before the reading"); // the finally ends and joins the tasks
                }
                Thread.onSpinWait(); // the state waited for: as many tasks running as can run
            }
            reading = new Reading(
                    scheduler.getParallelism(),
                    scheduler.getPoolSize(),
                    scheduler.getMountedVirtualThreadCount(),
                    scheduler.getQueuedVirtualThreadCount());
        } finally {
            read.set(true);
            Threads.joinAll(List.of(starter));
        }
        if (!failure.isEmpty()) {
            throw failure.getFirst();
        }
        return reading;
    }

    /** How long the platform reading waits for the scheduler to be idle before it says what it says. */
    static final Duration IDLE_BACKSTOP = Duration.ofSeconds(10);
}
