package dev.loompatterns.backpressure;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The limit and the policy, written out: a {@link Semaphore} of one permit per task allowed in
 * flight, taken by the submitter before it starts a task and given back by the task when it ends.
 * Under {@link Policy#SHED} the submitter waits at most the timeout ({@code tryAcquire}) and is
 * told {@code false}; under {@link Policy#WAIT} it waits as long as it takes ({@code acquire}).
 *
 * <p>Blocking: {@link #admit} blocks the submitter, never a task. Interruption: an interrupted
 * submitter stops waiting and gets {@link InterruptedException}. Memory consistency effects: a
 * task's {@link #release()} happens-before the {@code admit} that takes the permit it gave back
 * (the semaphore's guarantee).
 */
final class Admission {

    private final Semaphore permits;
    private final Policy policy;
    private final Duration timeout;

    Admission(int limit, Policy policy, Duration timeout) {
        this.permits = new Semaphore(limit);
        this.policy = policy;
        this.timeout = timeout;
    }

    /**
     * Takes a permit for task {@code task}, or sheds it.
     *
     * @return true if the task may start (it must then {@link #release()}); false if it was shed,
     *         and counted so in the ledger
     */
    boolean admit(int task, Ledger ledger) throws InterruptedException {
        if (permits.tryAcquire()) {
            return true;
        }
        ledger.callerWaited();
        if (policy == Policy.WAIT) {
            permits.acquire(); // BLOCKS-UNTIL: a task in flight ends
            return true;
        }
        if (permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) { // BLOCKS-UNTIL: a task ends, or the timeout
            return true;
        }
        ledger.shed(task, "false from Semaphore.tryAcquire(" + timeout.toMillis() + " ms)");
        return false;
    }

    /**
     * Admits task {@code task} ({@link #admit}) and, if admitted, hands its body to {@code start}
     * (an executor's {@code submit}, a scope's {@code fork}): the body does the task's
     * {@link Ledger#work} and gives the permit back when it ends, and a {@code start} that throws
     * gives it back at once. The permit is taken here, in the submitter, so the submitter is the
     * one refused or slowed.
     *
     * @return true if the task was handed off; false if it was shed, and counted so in the ledger
     */
    boolean handOff(int task, Ledger ledger, Duration work, Consumer<Callable<Void>> start)
            throws InterruptedException {
        if (!admit(task, ledger)) {
            return false;
        }
        try {
            start.accept(() -> {
                try {
                    ledger.work(task, work);
                } finally {
                    release();
                }
                return null;
            });
        } catch (RuntimeException e) {
            release();
            throw e;
        }
        return true;
    }

    /** Gives back a permit taken by {@link #admit}. */
    void release() {
        permits.release();
    }
}
