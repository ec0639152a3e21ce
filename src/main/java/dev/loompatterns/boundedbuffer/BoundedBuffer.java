package dev.loompatterns.boundedbuffer;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A first-in-first-out buffer of fixed capacity that producers and consumers share: the
 * tutorial's queue built on a condition variable, written with one lock and two conditions.
 * {@link #put} waits while the buffer is full, {@link #take} waits while it is empty.
 *
 * {@snippet :
 * BoundedBuffer<Order> orders = new BoundedBuffer<>(16);
 * // producers:
 * orders.put(order);           // waits while 16 orders are waiting to be taken
 * // consumers:
 * Order next = orders.take();  // waits while there is none
 * }
 *
 * <p>Two conditions rather than one: a {@code put} wakes only a consumer ({@code notEmpty}) and a
 * {@code take} only a producer ({@code notFull}), so {@code signal()} suffices where a single
 * condition shared by both sides would need {@code signalAll()} and a herd of wake-ups.
 *
 * <p><b>Blocking.</b> {@code put} blocks while the buffer holds {@link #capacity()} items;
 * {@code take} blocks while it holds none. The other methods block only to take the internal
 * lock. Waits have no timeout here; a production queue offers {@code offer} and {@code poll} with
 * one.
 *
 * <p><b>Interruption.</b> {@code put} and {@code take} throw {@link InterruptedException} if the
 * thread is interrupted before it takes the lock or while it waits, and leave the buffer
 * unchanged: an interrupted {@code put} added nothing, an interrupted {@code take} removed nothing.
 * An interrupt that comes after a signal woke the waiter does not undo the wake-up: if the slot or
 * the item is still there when the waiter has the lock again, the call completes with the thread's
 * interrupt status set; if another thread took it first, the next wait throws. No wake-up is lost to an
 * interrupt: {@code ReentrantLock}'s conditions never spend a signal on a waiter that then throws
 * {@code InterruptedException} (the {@link Condition} contract requires the signal to go to
 * another waiter instead).
 *
 * <p><b>Fairness.</b> The lock is non-fair: a thread that arrives may take the lock, and the free
 * slot or the item, ahead of one that was woken. Construct with {@code fair = true} for the lock
 * to be granted in arrival order, at a cost in throughput, as {@code ArrayBlockingQueue} allows.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to placing an object into the
 * buffer happen-before actions subsequent to the removal of that object from the buffer in
 * another thread.
 *
 * <p><b>Capacity is measured, not assumed.</b> The buffer records the most items it ever held
 * ({@link #peakSize()}), under the same lock as the count, so the check "capacity never exceeded"
 * reads what happened.
 *
 * <p><b>In production</b> use {@link java.util.concurrent.ArrayBlockingQueue}, which is this
 * design (one lock, {@code notEmpty} and {@code notFull}) with timed and non-blocking methods, or
 * {@link java.util.concurrent.LinkedBlockingQueue}, whose separate put and take locks let a
 * producer and a consumer proceed at the same time.
 *
 * @param <E> the type of the items
 */
public final class BoundedBuffer<E> implements Buffer<E> {

    private final ReentrantLock lock;

    // CONDITION PREDICATE: notFull (count < items.length)
    private final Condition notFull;

    // CONDITION PREDICATE: notEmpty (count > 0)
    private final Condition notEmpty;

    @GuardedBy("lock")
    private final Object[] items;

    @GuardedBy("lock")
    private int putIndex;

    @GuardedBy("lock")
    private int takeIndex;

    @GuardedBy("lock")
    private int count;

    @GuardedBy("lock")
    private int peak;

    /** A buffer of {@code capacity} items with a non-fair lock. */
    public BoundedBuffer(int capacity) {
        this(capacity, false);
    }

    /**
     * @param capacity how many items the buffer holds at most, at least 1
     * @param fair     whether the lock is granted to waiting threads in arrival order
     */
    public BoundedBuffer(int capacity, boolean fair) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.items = new Object[capacity];
        this.lock = new ReentrantLock(fair);
        this.notFull = lock.newCondition();
        this.notEmpty = lock.newCondition();
    }

    /**
     * Adds an item at the tail, waiting while the buffer is full.
     *
     * @throws InterruptedException if interrupted before taking the lock or while waiting (see Interruption
     *     above); nothing was added
     * @throws NullPointerException if the item is null
     */
    @Override
    public void put(E item) throws InterruptedException {
        if (item == null) {
            throw new NullPointerException("item");
        }
        lock.lockInterruptibly();
        try {
            // while, not if: another producer may fill the slot between the signal and this wake-up
            while (count == items.length) {
                notFull.await(); // BLOCKS-UNTIL: notFull
            }
            items[putIndex] = item;
            putIndex = (putIndex + 1) % items.length;
            count++;
            peak = Math.max(peak, count);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the item at the head, waiting while the buffer is empty.
     *
     * @throws InterruptedException if interrupted before taking the lock or while waiting (see Interruption
     *     above); nothing was removed
     */
    @Override
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                notEmpty.await(); // BLOCKS-UNTIL: notEmpty
            }
            @SuppressWarnings("unchecked")
            E item = (E) items[takeIndex];
            items[takeIndex] = null;
            takeIndex = (takeIndex + 1) % items.length;
            count--;
            notFull.signal();
            return item;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("GuardedBy") // the lock guards the array's elements; `items` is final, so is its length
    public int capacity() {
        return items.length;
    }

    @Override
    public int peakSize() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    /** Producers waiting for room: an estimate for monitoring and tests, not for synchronization. */
    public int waitingProducers() {
        return waiters(notFull);
    }

    /** Consumers waiting for an item: an estimate for monitoring and tests, not for synchronization. */
    public int waitingConsumers() {
        return waiters(notEmpty);
    }

    private int waiters(Condition condition) {
        lock.lock();
        try {
            return lock.getWaitQueueLength(condition);
        } finally {
            lock.unlock();
        }
    }
}
