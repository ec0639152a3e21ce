package dev.loompatterns.backpressure;

import dev.loompatterns.core.RunGate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The books of one run: every submission, every task done, every task shed, and how many tasks
 * were in flight at once. The same in every mode, so that only the way the limit and the policy
 * are written differs.
 *
 * <p>The submitter (the thread that made the ledger) calls {@link #submitted} before each
 * submission and {@link #shed} when the submission is refused; the task calls {@link #work}. A
 * task is in flight from the start of its work to its end: a counter of current tasks and the
 * highest value it reached, measured, never assumed from a thread count.
 *
 * <p>Memory consistency effects: every figure is an atomic, so an update happens-before a later
 * read of it; the submitter reads the figures ({@link #observe}) only after it has joined every
 * task it handed off, so the figures it reads are final.
 */
public final class Ledger {

    private final Thread submitter = Thread.currentThread();
    private final int limit;
    private final AtomicIntegerArray decisions;
    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger shed = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger ranByCaller = new AtomicInteger();
    private final AtomicInteger callerWaits = new AtomicInteger();
    private final AtomicReference<String> refusal = new AtomicReference<>();

    /** The books for {@code tasks} tasks (numbered 0 to tasks-1) under a limit of {@code limit} in flight. */
    public Ledger(int tasks, int limit) {
        this.limit = limit;
        this.decisions = new AtomicIntegerArray(tasks);
    }

    /** The submitter is about to submit a task. */
    void submitted() {
        submitted.incrementAndGet();
    }

    /**
     * The submitter was refused task {@code task}, and saw {@code whatTheCallerSaw} (an
     * exception's class, a {@code false}); the first such is kept for the report.
     */
    void shed(int task, String whatTheCallerSaw) {
        refusal.compareAndSet(null, whatTheCallerSaw);
        shed.incrementAndGet();
        decisions.incrementAndGet(task);
    }

    /** The submitter had to wait for room before it could submit (a permit, a queue slot). */
    void callerWaited() {
        callerWaits.incrementAndGet();
    }

    /**
     * The task's body: arrives at the {@link RunGate}, then works for {@code work} while counted
     * in flight, then is counted done.
     *
     * <p>Interruption: an interrupted task is not done; it keeps its thread's interrupt status set
     * (a task the caller runs itself, under {@code CallerRunsPolicy}, would otherwise hide the
     * caller's interrupt in its future) and throws.
     *
     * @throws InterruptedException if interrupted while held at the gate or while working
     */
    void work(int task, Duration work) throws InterruptedException {
        try {
            if (Thread.currentThread() == submitter) {
                ranByCaller.incrementAndGet();
            }
            RunGate.arrive(); // lets `loom dump` hold the run here, permits (or pool threads) taken
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(work);
            } finally {
                // counted out before the permit or the pool thread is free for the next task
                inFlight.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
        done.incrementAndGet();
        decisions.incrementAndGet(task);
    }

    /** What the books say now; final once every task has been joined. */
    public Outcome observe() {
        int[] counts = new int[decisions.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = decisions.get(i);
        }
        return new Outcome(
                limit,
                counts,
                submitted.get(),
                done.get(),
                shed.get(),
                peak.get(),
                ranByCaller.get(),
                callerWaits.get(),
                refusal.get());
    }
}
