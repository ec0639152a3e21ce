package dev.loompatterns.taskqueue;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An unbounded FIFO queue that also counts unfinished work: every {@link #put} adds one
 * unfinished task, every {@link #taskDone} removes one, and {@link #join} waits until none is
 * left. This is Python's {@code queue.Queue} with {@code task_done()} and {@code join()} (and
 * {@code shutdown()}, Python 3.13), written on one lock and two conditions.
 *
 * <p>A producer puts work and waits for it to be finished, not merely taken:
 * {@snippet :
 * TaskQueue<Integer> queue = new TaskQueue<>();
 * // each consumer, on any kind of thread:
 * while (true) {
 *     int item;
 *     try {
 *         item = queue.take();          // blocks while empty
 *     } catch (TaskQueue.ShutDownException e) {
 *         return;                       // shut down and drained
 *     }
 *     process(item);
 *     queue.taskDone();                 // only after the work is finished
 * }
 * // the producer:
 * for (int i = 0; i < n; i++) {
 *     queue.put(i);
 * }
 * queue.join();                         // returns when every item put was marked done
 * queue.shutdown();                     // consumers drain what is left, then stop
 * }
 *
 * <p><b>Counting.</b> The count of unfinished tasks is not tied to particular items: a consumer
 * that cannot finish an item may {@code put} it back and then call {@code taskDone} for the
 * attempt. The order matters: {@code taskDone} first would let the count touch zero and release
 * {@code join} while the item is still to be done.
 *
 * <p><b>Blocking.</b> {@link #take} blocks while the queue is empty and not shut down;
 * {@link #join} blocks while a task is unfinished, {@link #join(Duration)} at most for its
 * timeout. {@link #put}, {@link #taskDone}, {@link #shutdown} and {@link #drain} never block
 * beyond taking the lock. A virtual thread that blocks here unmounts from its carrier (it parks
 * through {@link Condition#await}).
 *
 * <p><b>Interruption.</b> {@code take} and {@code join} throw {@link InterruptedException} if the
 * calling thread is interrupted before it takes the lock or while it waits, and then have changed
 * nothing: an interrupted {@code take} has taken no item. An interrupt after a signal woke the
 * waiter does not undo the wake-up: if what it waited for still holds when it has the lock again,
 * the call completes with the interrupt status set; if not, the next wait throws. The other
 * methods ignore interrupts.
 *
 * <p><b>Fairness.</b> The lock is non-fair: among threads blocked in {@code take}, which one gets
 * the next item is unspecified, and a thread arriving just then may get it before all of them.
 * Items themselves leave in the order they were put.
 *
 * <p><b>Shutdown.</b> After {@link #shutdown}, {@code put} throws {@link ShutDownException};
 * {@code take} still returns the items left, then throws {@code ShutDownException} instead of
 * blocking, so consumers end without a poison pill per consumer. {@link #drain} removes what is
 * queued without marking it done, for a caller that cancels the work and must account for it.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread before it puts an item
 * <i>happen-before</i> actions after that item is returned by {@code take} in another thread;
 * actions in a thread before {@code taskDone} <i>happen-before</i> actions after a {@code join}
 * that returns because of it. All of this comes from the one lock every method holds.
 *
 * <p><b>What to use in production.</b> The JDK has no queue with a done-count, because it
 * splits the two jobs: a {@link java.util.concurrent.LinkedBlockingQueue} for the items and, for
 * "wait until all are done", a {@link java.util.concurrent.Phaser} (register per item, arrive and
 * deregister when done), a {@link java.util.concurrent.CountDownLatch} per batch of known size,
 * or simply an {@link java.util.concurrent.ExecutorService} whose {@code close()} waits for every
 * submitted task (a virtual-thread-per-task executor makes that the whole program). This class
 * exists to show the tutorial's primitive and its invariants.
 *
 * @param <E> the type of items
 */
public final class TaskQueue<E> {

    private final ReentrantLock lock = new ReentrantLock();
    // CONDITION PREDICATE: notEmpty (!items.isEmpty() || shutDown)
    private final Condition notEmpty = lock.newCondition();
    // CONDITION PREDICATE: allDone (unfinished == 0)
    private final Condition allDone = lock.newCondition();

    @GuardedBy("lock")
    private final ArrayDeque<E> items = new ArrayDeque<>();

    @GuardedBy("lock")
    private long unfinished;

    @GuardedBy("lock")
    private boolean shutDown;

    /**
     * Adds an item and counts one more unfinished task. Never blocks (the queue is unbounded).
     *
     * @throws ShutDownException    if the queue has been shut down
     * @throws NullPointerException if the item is null
     */
    public void put(E item) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            if (shutDown) {
                throw new ShutDownException("put after shutdown");
            }
            items.addLast(item);
            unfinished++;
            notEmpty.signal(); // one item, one taker to wake
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the oldest item, waiting while the queue is empty.
     *
     * @throws ShutDownException    if the queue is shut down and empty
     * @throws InterruptedException if interrupted while waiting; no item was taken
     */
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            // while, not if: another taker may have got the item between signal and wake-up,
            // and await may return spuriously.
            while (items.isEmpty() && !shutDown) {
                notEmpty.await(); // BLOCKS-UNTIL: notEmpty
            }
            E item = items.pollFirst();
            if (item == null) {
                throw new ShutDownException("queue shut down and empty");
            }
            return item;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks one task finished. When the count of unfinished tasks reaches zero, every thread in
     * {@link #join} is released.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        lock.lock();
        try {
            if (unfinished == 0) {
                throw new IllegalStateException("taskDone() called more times than items were put");
            }
            if (--unfinished == 0) {
                allDone.signalAll(); // every joiner waits for the same predicate
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every item put has been marked done by {@link #taskDone}. Returns at once if
     * nothing is unfinished.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (unfinished > 0) {
                allDone.await(); // BLOCKS-UNTIL: allDone
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every item put has been marked done, or the timeout passes.
     *
     * @return true if nothing is unfinished, false if the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (unfinished > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = allDone.awaitNanos(nanos); // BLOCKS-UNTIL: allDone, or the time is up
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses further puts and lets takers drain the queue, after which {@code take} throws
     * {@link ShutDownException}. Unfinished tasks stay unfinished. Calling it again has no effect.
     */
    public void shutdown() {
        lock.lock();
        try {
            shutDown = true;
            notEmpty.signalAll(); // every idle taker must wake up to see it
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every queued item and returns them in queue order, without marking them done: the
     * caller now owns them (a cancelled run reports them as not processed).
     */
    public List<E> drain() {
        lock.lock();
        try {
            List<E> drained = new ArrayList<>(items);
            items.clear();
            return drained;
        } finally {
            lock.unlock();
        }
    }

    /** Items put and not yet marked done (Python's {@code unfinished_tasks}). */
    public long unfinishedTasks() {
        lock.lock();
        try {
            return unfinished;
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting to be taken. */
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** Thrown by {@code put} after shutdown, and by {@code take} once shut down and empty. */
    public static final class ShutDownException extends IllegalStateException {
        @Serial
        private static final long serialVersionUID = 1L;

        ShutDownException(String message) {
            super(message);
        }
    }
}
