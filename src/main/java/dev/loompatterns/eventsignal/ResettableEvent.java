package dev.loompatterns.eventsignal;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A flag that threads can wait for, and that can be cleared and set again: Python's
 * {@code threading.Event}. {@link #set()} raises the flag and releases every waiting thread;
 * {@link #await()} returns at once while the flag is up; {@link #clear()} lowers it, so threads
 * that wait afterwards block until the next {@code set()}.
 *
 * {@snippet :
 * ResettableEvent ready = new ResettableEvent();
 * // a worker:
 * if (ready.await(Duration.ofSeconds(1))) {   // false: a second passed and nobody set it
 *     work();
 * }
 * // a coordinator:
 * prepare();
 * ready.set();     // every waiting worker goes
 * ready.clear();   // workers that come later wait for the next round
 * }
 *
 * <p><b>Blocking.</b> {@link #await()} and {@link #await(Duration)} block while the flag is down;
 * {@link #set()}, {@link #clear()} and {@link #isSet()} never block beyond taking the internal
 * lock. A thread waiting when {@code set()} is called is released even if {@code clear()} follows
 * before it wakes up: each {@code set()} starts a new generation, and a waiter returns once the
 * generation it started in has ended. (Waiting on the flag alone would lose such a wake-up.)
 *
 * <p><b>Interruption.</b> The waiting methods throw {@link InterruptedException} if the thread is
 * interrupted before it takes the lock or while it waits, and clear its interrupt status, as
 * {@link Condition#await()} does; an interrupt after a signal woke the waiter does not undo the
 * wake-up: the call returns (true, for the timed one) with the interrupt status set, also when the
 * event was cleared meanwhile, since the generation it waited in has ended; the thread's next wait
 * then throws at once. An interrupted waiter leaves the event unchanged.
 *
 * <p><b>Fairness.</b> None is needed: {@code set()} releases all waiters at once, in no specified
 * order. The internal lock is non-fair.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to calling {@code set()}
 * happen-before actions following a successful return from {@code await} (or an {@code isSet()}
 * that returns true) in another thread, because both go through the same lock.
 *
 * <p><b>In production</b> use {@link java.util.concurrent.CountDownLatch} for the one-shot case
 * (set once, never cleared), and {@link java.util.concurrent.Phaser} when rounds repeat: its
 * {@code arriveAndAwaitAdvance} is a reusable gate with the generation counting done for you.
 * This class exists to show how such a gate is built from a lock and a condition.
 */
public final class ResettableEvent implements Signal {

    private final ReentrantLock lock = new ReentrantLock();

    // CONDITION PREDICATE: released (flag is set, or the generation changed since the wait began)
    private final Condition released = lock.newCondition();

    @GuardedBy("lock")
    private boolean flag;

    @GuardedBy("lock")
    private long generation;

    /** Sets the flag and releases every thread waiting for it. Does nothing more if already set. */
    @Override
    public void set() {
        lock.lock();
        try {
            if (!flag) {
                flag = true;
                generation++;
                released.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lowers the flag. Threads already released by a {@code set()} stay released. */
    @Override
    public void clear() {
        lock.lock();
        try {
            flag = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isSet() {
        lock.lock();
        try {
            return flag;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the flag is set; returns at once if it already is.
     *
     * @throws InterruptedException if interrupted before taking the lock or while waiting (see Interruption above)
     */
    @Override
    public void await() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long started = generation;
            // while, not if: a wake-up may be spurious, or meant for a generation that is not ours
            while (!flag && generation == started) {
                released.await(); // BLOCKS-UNTIL: released
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the flag is set or the timeout passes.
     *
     * @return true if the flag was set (now, or by a {@code set()} during the wait), false if the
     *         timeout passed first; a zero or negative timeout just reads the flag
     * @throws InterruptedException if interrupted before taking the lock or while waiting (see Interruption above)
     */
    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            long started = generation;
            while (!flag && generation == started) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = released.awaitNanos(nanos); // BLOCKS-UNTIL: released, or the time is up
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many threads are waiting for the flag: an estimate for monitoring and tests, not for
     * synchronization, in the manner of {@link ReentrantLock#getWaitQueueLength}.
     */
    public int waitingThreads() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(released);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ResettableEvent[" + (isSet() ? "set" : "clear") + "]";
    }
}
