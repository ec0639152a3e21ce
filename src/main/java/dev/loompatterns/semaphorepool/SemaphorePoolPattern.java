package dev.loompatterns.semaphorepool;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.time.Duration;
import java.util.List;

/** Catalogue entry for {@code semaphore-pool}; see the package documentation. */
public final class SemaphorePoolPattern implements Pattern {

    static final String CONNECTIONS = "connections";
    static final String HOLD_MS = "hold-ms";

    @Override
    public String id() {
        return "semaphore-pool";
    }

    @Override
    public String title() {
        return "a pool of connections shared by more workers";
    }

    @Override
    public String tutorial() {
        return "threading.Semaphore(2) guarding a pool of 2 connections for 5 workers";
    }

    @Override
    public int number() {
        return 8;
    }

    @Override
    public List<Variant> variants() {
        return List.of(
                Variant.of("semaphore", "a Semaphore of one permit per connection; a thread (or fork) per worker"),
                Variant.of("pool-size", "no semaphore: as many threads (or forks) as connections"));
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.ofInt(CONNECTIONS, "connections in the pool (the semaphore's permits)", 10, 1, Limits.MAX_PLATFORM_THREADS),
                Param.ofInt(HOLD_MS, "how long each worker holds its connection", 5, 0, 60_000));
    }

    @Override
    public int defaultTasks() {
        return 500;
    }

    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        PoolWorkers workers = switch (mode) {
            case PLATFORM -> new PlatformSemaphorePoolDemo();
            case VIRTUAL -> new VirtualSemaphorePoolDemo();
            case STRUCTURED -> new StructuredSemaphorePoolDemo();
        };
        int connections = workload.intValue(CONNECTIONS);
        PoolWorkers.Limit limit = variant.id().equals("pool-size") ? PoolWorkers.Limit.THREADS : PoolWorkers.Limit.SEMAPHORE;
        ConnectionPool pool = limit == PoolWorkers.Limit.THREADS
                ? ConnectionPool.unguarded(connections, workload.tasks())
                : ConnectionPool.guarded(connections, workload.tasks());
        Duration hold = workload.millis(HOLD_MS);
        workers.runAll(pool, workload.tasks(), hold, limit);
        return check(pool);
    }

    /** The measured peak of holders never exceeded the connections, and every worker got in exactly once. */
    static Check check(ConnectionPool pool) {
        int[] visits = pool.visits();
        for (int worker = 0; worker < visits.length; worker++) {
            if (visits[worker] != 1) {
                return Check.failed("worker " + worker + " got a connection " + visits[worker] + " times, expected once");
            }
        }
        int peak = pool.peakHolders();
        return Check.expect(peak >= 1 && peak <= pool.size(),
                "peak " + peak + " holders of " + pool.size() + " connections (measured); " + visits.length + " workers got in once each");
    }
}
