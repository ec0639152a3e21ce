package dev.loompatterns.semaphorepool;

import java.time.Duration;

/** What every mode implements: runs {@code workers} workers that each use one connection of the pool once. */
interface Form {

    /** How the number of workers at once is bounded. */
    enum Limit {
        /** A semaphore inside the pool; as many threads as workers. */
        SEMAPHORE,
        /** As many threads as connections, and no semaphore. */
        THREADS
    }

    /** Returns when every worker has finished. */
    void runAll(ConnectionPool pool, int workers, Duration latency, Limit limit) throws Exception;
}
