/*
 * E08 semaphore-pool: a pool of connections shared by more workers than connections.
 *
 * The tutorial's threading.Semaphore(2): five workers share a pool of two connections. Here that
 * runs first as written (a platform thread per worker), then at scale: 2,000 workers holding a
 * connection for 10 ms each, with 20 connections, limited three ways: a fixed pool of 20 platform
 * threads (the pool size is the limit), a virtual thread per worker behind a Semaphore(20), and a
 * fork per worker behind the same semaphore.
 *
 * You are expected to see: in the tutorial run, never more than two workers "connected" at once
 * (checked: the measured peak is at most 2, and all 5 got in). At scale, the measured peak of
 * workers holding a connection is 20 in every form and never more (checked: at most 20; that it
 * reaches 20 depends on timing and is only printed), and all 2,000 workers got in. Each form
 * takes about 2,000 x 10 ms / 20 = 1 s: the limit, not the thread count, sets the pace. The
 * virtual form starts 2,000 threads and parks 1,980 of them on the semaphore; that costs next to
 * nothing, which is why JEP 444 says to limit the resource with a semaphore and never to pool
 * virtual threads.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505).
 */
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.AtomicInteger;

public class E08_SemaphorePool {

    static final int WORKERS = 2_000;
    static final int CONNECTIONS = 20;
    static final Duration HOLD = Duration.ofMillis(10);

    /** Measures how many workers use a connection at once: a counter of holders and its maximum. */
    static final class Gauge {
        final AtomicInteger holders = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger served = new AtomicInteger();

        void use(Duration hold) throws InterruptedException {
            peak.accumulateAndGet(holders.incrementAndGet(), Math::max);
            try {
                Thread.sleep(hold); // the query
                served.incrementAndGet(); // only a query that ran counts
            } finally {
                holders.decrementAndGet();
            }
        }
    }

    static void withPermit(Semaphore permits, Gauge gauge) throws InterruptedException {
        permits.acquire();
        try {
            gauge.use(HOLD);
        } finally {
            permits.release();
        }
    }

    static boolean tutorial() throws InterruptedException {
        Semaphore pool = new Semaphore(2);
        Gauge gauge = new Gauge();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int worker = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    pool.acquireUninterruptibly();
                    try {
                        System.out.printf("  worker %d connected (%d connected)%n", worker, gauge.holders.get() + 1);
                        gauge.use(Duration.ofMillis(100));
                    } finally {
                        pool.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // it ends without being served: the check fails
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        boolean ok = gauge.peak.get() <= 2 && gauge.served.get() == 5;
        System.out.printf(
                "tutorial: 5 workers, 2 connections, peak %d connected, served %d  %s%n",
                gauge.peak.get(), gauge.served.get(), ok ? "ok" : "WRONG");
        return ok;
    }

    static Gauge fixedPool() throws Exception {
        Gauge gauge = new Gauge();
        List<Future<?>> workers = new ArrayList<>();
        // BEFORE: the pool's size is the limit; no semaphore needed, nor possible to forget
        try (ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS)) {
            for (int i = 0; i < WORKERS; i++) {
                workers.add(pool.submit(() -> {
                    gauge.use(HOLD);
                    return null;
                }));
            }
        }
        return allDone(workers, gauge);
    }

    static Gauge virtualPerTask() throws Exception {
        Gauge gauge = new Gauge();
        Semaphore permits = new Semaphore(CONNECTIONS);
        List<Future<?>> workers = new ArrayList<>();
        // AFTER: a virtual thread per worker; the semaphore is the limit
        try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < WORKERS; i++) {
                workers.add(perTask.submit(() -> {
                    withPermit(permits, gauge);
                    return null;
                }));
            }
        }
        return allDone(workers, gauge);
    }

    /**
     * Each worker's outcome, once the executor's close() has waited for all: a worker that threw is thrown here
     * (ExecutionException), where a future left unread loses it.
     */
    static Gauge allDone(List<Future<?>> workers, Gauge gauge) throws Exception {
        for (Future<?> worker : workers) {
            worker.get();
        }
        return gauge;
    }

    static Gauge structured() throws Exception {
        Gauge gauge = new Gauge();
        Semaphore permits = new Semaphore(CONNECTIONS);
        try (var scope = StructuredTaskScope.open()) { // AFTER, structured
            for (int i = 0; i < WORKERS; i++) {
                scope.fork(() -> {
                    withPermit(permits, gauge);
                    return null;
                });
            }
            scope.join();
        }
        return gauge;
    }

    interface Form {
        Gauge run() throws Exception;
    }

    static boolean report(String name, Form form) throws Exception {
        long start = System.nanoTime();
        Gauge gauge = form.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        boolean ok = gauge.peak.get() <= CONNECTIONS && gauge.served.get() == WORKERS;
        System.out.printf(
                "%-22s peak %2d of %d connections (measured)  served %,d  %,5d ms  %s%n",
                name, gauge.peak.get(), CONNECTIONS, gauge.served.get(), ms, ok ? "ok" : "WRONG");
        return ok;
    }

    public static void main(String[] args) throws Exception {
        boolean ok = tutorial();
        ok &= report("fixed pool (platform)", E08_SemaphorePool::fixedPool);
        ok &= report("semaphore (virtual)", E08_SemaphorePool::virtualPerTask);
        ok &= report("semaphore (structured)", E08_SemaphorePool::structured);
        if (!ok) {
            throw new IllegalStateException("a form did not pass its check: the line above that says so");
        }
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E08_SemaphorePool.java
 *
 * With a JFR recording (4,000 virtual threads started: 2,000 by the per-task executor and 2,000
 * forks; none pinned while parked on the semaphore):
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e08.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E08_SemaphorePool.java
 *   jfr summary e08.jfr
 *
 * The same pattern inside the harness: ./loom compare semaphore-pool
 */
