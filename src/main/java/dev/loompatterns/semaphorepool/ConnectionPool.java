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
 * connection fails.
 *
 * <p>Either way the pool measures how many workers hold a connection at once: a counter of
 * current holders, and the highest value it reached. That peak, never an assumption about the
 * thread count, is what the run checks against the number of connections.
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
    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicIntegerArray visits;

    private ConnectionPool(int size, boolean guarded, int workers) {
        this.size = size;
        this.permits = guarded ? new Semaphore(size) : null;
        for (int i = 0; i < size; i++) {
            idle.add(new Connection(i));
        }
        this.visits = new AtomicIntegerArray(workers);
    }

    /** A pool of {@code size} connections behind a semaphore of {@code size} permits, for workers 0 to workers-1. */
    public static ConnectionPool guarded(int size, int workers) {
        return new ConnectionPool(size, true, workers);
    }

    /** A pool of {@code size} connections with no semaphore: the caller must bound concurrency. */
    public static ConnectionPool unguarded(int size, int workers) {
        return new ConnectionPool(size, false, workers);
    }

    /**
     * Worker {@code worker} borrows a connection, queries for {@code latency}, and gives it back.
     *
     * <p>Blocking: in a guarded pool, waits in {@code Semaphore.acquire()} until a permit is free.
     *
     * @throws InterruptedException  if interrupted while waiting for a permit or during the query
     * @throws IllegalStateException in an unguarded pool, if every connection is already borrowed
     */
    public void use(int worker, Duration latency) throws InterruptedException {
        if (permits != null) {
            permits.acquire(); // BLOCKS-UNTIL: fewer than size workers hold a connection
        }
        try {
            Connection connection = idle.poll();
            if (connection == null) {
                throw new IllegalStateException(
                        "worker " + worker + " found no idle connection: more than " + size + " workers at once");
            }
            try {
                int now = holders.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                visits.incrementAndGet(worker);
                // lets `loom dump` hold the run here, a connection in hand and the others' workers queued
                // for permits; a no-op otherwise. Interrupted, it ends like the query: the finally gives back.
                RunGate.arrive();
                connection.query(latency);
            } finally {
                // Counted out before the connection and the permit go back, so the next holder's
                // increment can never meet this one's.
                holders.decrementAndGet();
                idle.add(connection);
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

    /** The most workers that held a connection at the same time. */
    public int peakHolders() {
        return peak.get();
    }

    /** How many times each worker got a connection: all ones after a complete run. */
    public int[] visits() {
        int[] counts = new int[visits.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = visits.get(i);
        }
        return counts;
    }
}
