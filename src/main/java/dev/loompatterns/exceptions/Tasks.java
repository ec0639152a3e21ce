package dev.loompatterns.exceptions;

import dev.loompatterns.core.RunGate;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The work of one way's run: which tasks fail, the task body, and a record of every thread that
 * ran a task and every task that was interrupted, so that leftovers can be counted afterwards.
 */
final class Tasks {

    /** Backstop for a sibling waiting to be cancelled and for joins after a run; never the expected path. */
    static final Duration BACKSTOP = Duration.ofSeconds(30);

    final int count;
    final int failEvery;
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    final Set<Integer> interrupted = ConcurrentHashMap.newKeySet();
    final Map<Integer, Throwable> reported = new ConcurrentHashMap<>();

    /**
     * @param count     how many tasks
     * @param failEvery task {@code i} fails when {@code i % failEvery == 0}, so task 0 always does
     */
    Tasks(int count, int failEvery) {
        this.count = count;
        this.failEvery = failEvery;
    }

    boolean fails(int task) {
        return task % failEvery == 0;
    }

    Set<Integer> failing() {
        return IntStream.range(0, count).filter(this::fails).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The task body: fails on purpose or returns its number.
     *
     * @throws InterruptedException if cancelled while {@code loom dump} held it at its start
     */
    int work(int task) throws InterruptedException {
        threads.add(Thread.currentThread());
        RunGate.arrive(); // lets `loom dump` hold the run here; a no-op otherwise
        if (fails(task)) {
            throw new TaskFailure(task);
        }
        return task;
    }

    /**
     * Records a failure that reached the caller, under the task whose thread, future or subtask brought it
     * back: what the caller knows, not what the cause says, so that the check can compare the two.
     */
    void report(int task, Throwable cause) {
        reported.put(task, cause);
    }

    /** A sibling that waits to be cancelled: interrupted, it records so and ends. */
    int waitToBeCancelled(int task) throws InterruptedException {
        threads.add(Thread.currentThread());
        try {
            Thread.sleep(BACKSTOP);
            return task; // not cancelled: the check will say so
        } catch (InterruptedException e) {
            interrupted.add(task);
            throw e;
        }
    }

    /**
     * Threads that ran a task and are still alive. With {@code waitForPool}, each gets a bounded
     * join first: a pool's threads end shortly after its {@code close()}, so only one still alive
     * after the backstop is a leftover. Without it the count is taken at once, for a scope, whose
     * {@code close()} returns only after every fork's thread has ended.
     */
    int leftRunning(boolean waitForPool) throws InterruptedException {
        int alive = 0;
        for (Thread thread : Set.copyOf(threads)) {
            if (waitForPool ? !thread.join(BACKSTOP) : thread.isAlive()) {
                alive++;
            }
        }
        return alive;
    }

    Outcome summarize(
            String way,
            String carrier,
            Set<Integer> expectedFailures,
            Set<Integer> expectedInterrupted,
            boolean waitForPool)
            throws InterruptedException {
        return new Outcome(
                way, carrier, expectedFailures, reported, expectedInterrupted, interrupted, leftRunning(waitForPool));
    }
}
