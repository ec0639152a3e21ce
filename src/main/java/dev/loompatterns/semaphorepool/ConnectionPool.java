package dev.loompatterns.semaphorepool;

import dev.loompatterns.core.RunGate;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The tutorial's resource pool: a fixed number of connections shared by more workers than there
 * are connections. A worker borrows a connection, uses it for a while and gives it back.
 *
 * <p>Who keeps workers from borrowing more connections than exist is the point of the pattern.
 * {@link #guarded} pools hold a {@link Semaphore} with one permit per connection: a worker blocks
 * in {@code acquire()} until a connection is free, however many threads there are.
 * {@link #unguarded} pools have no semaphore and rely on the caller running no more workers at
 * once than there are connections (a fixed thread pool of that size); a worker that finds no idle
 * connection is turned away without one.
 *
 * <p>Either way the pool measures how many workers it admits at once: a worker is counted in as
 * it passes the limit (after {@code acquire()} in a guarded pool, at entry in an unguarded one),
 * before it looks for a connection, and counted out as it leaves; the pool keeps the highest count
 * reached and how many workers found no idle connection. That peak, never an assumption about the
 * thread count, is what the run checks against the number of connections. It is measured before
 * the idle queue, which only ever holds as many connections as there are, so a limit that lets in
 * too many workers shows in it.
 */
public final class ConnectionPool {

    /** A pooled connection; {@link #query} stands in for a database call. */
    record Connection(int id) {
        void query(Duration latency) throws InterruptedException {
            Thread.sleep(latency);
        }
    }

    private final int size;
    private final Semaphore permits; // null: the caller limits concurrency
    private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger turnedAway = new AtomicInteger();
    private final AtomicIntegerArray visits;

    private ConnectionPool(int size, Semaphore permits, int workers) {
        this.size = size;
        this.permits = permits;
        for (int i = 0; i < size; i++) {
            idle.add(new Connection(i));
        }
        this.visits = new AtomicIntegerArray(workers);
    }

    /** A pool of {@code size} connections behind a semaphore of {@code size} permits, for workers 0 to workers-1. */
    public static ConnectionPool guarded(int size, int workers) {
        return guarded(size, size, workers);
    }

    /**
     * A pool of {@code size} connections behind a semaphore of {@code permits} permits: with more
     * permits than connections, the mis-sized limit the check exists to catch (the tests build it;
     * the catalogue's variants never do).
     */
    static ConnectionPool guarded(int size, int permits, int workers) {
        return new ConnectionPool(size, new Semaphore(permits), workers);
    }

    /** The pool the limit needs: behind a semaphore of {@code size} permits, or none if threads are the limit. */
    static ConnectionPool limitedBy(Form.Limit limit, int size, int workers) {
        return limit == Form.Limit.THREADS ? unguarded(size, workers) : guarded(size, workers);
    }

    /** A pool of {@code size} connections with no semaphore: the caller must bound concurrency. */
    public static ConnectionPool unguarded(int size, int workers) {
        return new ConnectionPool(size, null, workers);
    }

    /**
     * Worker {@code worker} is admitted, borrows a connection, queries for {@code latency}, and
     * gives it back. A worker admitted while every connection is borrowed (in an unguarded pool
     * used by too many threads, or behind more permits than connections) finds no idle connection:
     * it is counted as turned away and returns without one, and the peak of admitted workers shows
     * the overload to the check.
     *
     * <p>Blocking: in a guarded pool, waits in {@code Semaphore.acquire()} until a permit is free.
     *
     * @throws InterruptedException if interrupted while waiting for a permit or during the query
     */
    public void use(int worker, Duration latency) throws InterruptedException {
        if (permits != null) {
            permits.acquire(); // BLOCKS-UNTIL: a permit is free
        }
        try {
            // counted in past the limit, before poll(): the idle queue never holds too many connections
            peak.accumulateAndGet(admitted.incrementAndGet(), Math::max);
            Connection connection = idle.poll();
            try {
                if (connection == null) {
                    turnedAway.incrementAndGet();
                } else {
                    visits.incrementAndGet(worker);
                    // lets `loom dump` hold the run here, a connection in hand and the others' workers queued
                    // for permits; a no-op otherwise. Interrupted, it ends like the query: the finally gives back.
                    RunGate.arrive();
                    connection.query(latency);
                }
            } finally {
                // Counted out before the connection and the permit go back, so the worker that next
                // acquires the permit counts itself in only after this one is out: behind one permit
                // per connection, the peak can never exceed the connections.
                admitted.decrementAndGet();
                if (connection != null) {
                    idle.add(connection);
                }
            }
        } finally {
            if (permits != null) {
                permits.release();
            }
        }
    }

    public int size() {
        return size;
    }

    /** The most workers admitted at the same time: past the limit, with or without a connection. */
    public int peakAdmitted() {
        return peak.get();
    }

    /** How many admitted workers found no idle connection: zero behind a limit of the connections. */
    public int turnedAway() {
        return turnedAway.get();
    }

    /** How many times each worker got a connection: all ones after a complete run within the limit. */
    public int[] visits() {
        int[] counts = new int[visits.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = visits.get(i);
        }
        return counts;
    }
}
