package dev.loompatterns.semaphorepool;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.time.Duration;

/** Catalogue entry for {@code semaphore-pool}; see the package documentation. */
public final class SemaphorePoolPattern extends AbstractPattern {

    static final Param CONNECTIONS = Param.ofInt(
            "connections", "connections in the pool (the semaphore's permits)", 10, 1, Limits.MAX_PLATFORM_THREADS);
    static final Param HOLD_MS = Param.ofInt("hold-ms", "how long each worker holds its connection", 5, 0, 60_000);

    static final PatternInfo INFO = PatternInfo.fromCatalogue("semaphore-pool")
            .params(CONNECTIONS, HOLD_MS)
            .build();

    /** The variant with no semaphore: as many threads (or forks) as connections. */
    static final Variant POOL_SIZE = INFO.variant("pool-size");

    /**
     * Platform: a platform thread per worker waiting for a semaphore permit, or a fixed pool of as many
     * threads as connections; virtual: a virtual thread per worker behind the same semaphore
     * ({@code pool-size}: a fixed pool of virtual threads, the platform habit carried over); structured: a fork per
     * worker behind the semaphore, or as many forks as connections draining a shared counter.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformSemaphorePool::new, VirtualSemaphorePool::new, StructuredSemaphorePool::new);

    /**
     * Has {@code tasks} workers each use a connection once, limited as the variant says (the pool's
     * semaphore, or as many threads as connections), in the mode's form and checks that every worker got in
     * exactly once and the measured peak of workers admitted at once stayed within the connections.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        int connections = workload.intValue(CONNECTIONS);
        Form.Limit limit = variant.id().equals(POOL_SIZE.id()) ? Form.Limit.THREADS : Form.Limit.SEMAPHORE;
        ConnectionPool pool = ConnectionPool.limitedBy(limit, connections, workload.tasks());
        Duration hold = workload.millis(HOLD_MS);
        FORMS.of(mode).runAll(pool, workload.tasks(), hold, limit);
        return check(pool);
    }

    /**
     * The measured peak of admitted workers never exceeded the connections, and every worker got in
     * exactly once.
     */
    static Check check(ConnectionPool pool) {
        int peak = pool.peakAdmitted();
        if (peak > pool.size()) {
            return Check.failed("peak " + peak + " workers admitted at once, more than the " + pool.size()
                    + " connections (measured); " + pool.turnedAway() + " found no idle connection");
        }
        int[] visits = pool.visits();
        for (int worker = 0; worker < visits.length; worker++) {
            if (visits[worker] != 1) {
                return Check.failed(
                        "worker " + worker + " got a connection " + visits[worker] + " times, expected once");
            }
        }
        // No check that peak >= 1: a worker is counted in before it can take a connection, so once
        // every worker got one the peak is at least 1; a check of it could not fail.
        // With no more workers than connections the peak cannot exceed them whatever the limit does: said, so that
        // such a run (--tasks 2, say) does not pass as if the limit had held a worker back
        return Check.passed("peak " + peak + " workers admitted at once, within the " + pool.size()
                + " connections (measured); " + visits.length + " workers got in once each"
                + (visits.length <= pool.size()
                        ? " (no more workers than connections: the limit had no one to hold back)"
                        : ""));
    }
}
