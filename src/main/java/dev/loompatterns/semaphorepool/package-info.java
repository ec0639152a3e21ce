/**
 * {@code semaphore-pool}: a pool of connections shared by more workers than connections.
 *
 * <h2>The problem</h2>
 * The tutorial's {@code threading.Semaphore}: five workers, a pool of two connections, and a
 * semaphore of two permits so that no more than two workers use a connection at once. The same
 * shape guards every scarce resource: database connections, licences, a remote service's rate.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.semaphorepool.ConnectionPool} is the same in every mode. A worker
 * borrows a connection, uses it, gives it back; a guarded pool makes it wait for a permit first.
 * {@link dev.loompatterns.semaphorepool.PlatformSemaphorePool} shows the two platform habits:
 * a thread per worker waiting on the semaphore (the tutorial), and a fixed thread pool as large as
 * the connection pool, where the thread count is the limit and no semaphore is needed.
 * {@link dev.loompatterns.semaphorepool.VirtualSemaphorePool} starts a virtual thread per worker
 * and lets the semaphore alone say how many may use a connection.
 * {@link dev.loompatterns.semaphorepool.StructuredSemaphorePool} forks a worker each, or, for
 * the pool-size variant, as many forks as connections draining a shared counter.
 *
 * {@snippet :
 * // BEFORE: the limit is the pool's thread count
 * try (var pool = Executors.newFixedThreadPool(connections)) { ... }
 * // AFTER: a thread per task; the limit is where the resource is
 * Semaphore permits = new Semaphore(connections);
 * try (var perTask = Executors.newVirtualThreadPerTaskExecutor()) {
 *     perTask.submit(() -> {
 *         permits.acquire();
 *         try { useConnection(); } finally { permits.release(); }
 *         return null;
 *     });
 * }
 * }
 *
 * <h2>What changes when migrating</h2>
 * The pool size stops being a limit. JEP 444 says not to pool virtual threads: they are cheap
 * enough to make per task, and a pool of them only adds a queue. Code that relied on a fixed pool
 * of N platform threads to keep a resource to N users must say so with a semaphore when it moves
 * to virtual threads, or the resource sees as many users as there are tasks. The pool-size variant
 * in virtual mode runs a fixed pool of virtual threads to show that it works but hides the limit:
 * don't do this in new code.
 *
 * <p>A semaphore in front of more virtual threads than permits is a queue of waiters: cheap to hold, not to
 * cancel. Interrupted (Ctrl-C, an executor's {@code shutdownNow}, a scope's cancellation), each waiter leaves the
 * semaphore's queue ({@code AbstractQueuedSynchronizer.cancelAcquire}, whose {@code cleanQueue} the stacks of such a
 * stop show), and that costs more the longer the queue: 100,000 waiters on one semaphore took 18.3 to 19.1 s to
 * interrupt and join, 100,000 sleepers 0.26 to 0.9 s ({@code CancelWaitersBenchmark}, JDK 25, the project's 2-core
 * machine, 2026-12-03). So {@code run semaphore-pool --mode virtual --tasks 2000000 -P hold-ms=0}, stopped by
 * Ctrl-C, outlives loom's 10 s grace. Where tasks can outnumber the permits by that much, bound what is started
 * rather than what runs: take the permit before starting the thread, as the backpressure pattern does.
 *
 * <h2>Memory consistency effects</h2>
 * A worker's {@code release()} of its permit happens-before the {@code acquire()} that next takes
 * it, and putting a connection back in the pool's idle queue (a {@code ConcurrentLinkedQueue})
 * happens-before the {@code poll()} that takes it out, so the next borrower sees it as the last one
 * left it. The admitted count, its peak, the turned-away count and the visits are atomics: an
 * update happens-before a later read of it. Submitting a worker to an executor happens-before it
 * runs, and its end happens-before {@code Future.get()} returns (platform and virtual forms, which
 * then close the executor); forking happens-before the fork runs, and every fork's end
 * happens-before the scope's {@code join()} returns (structured form). So the check, which reads
 * the counts and the visits after that, sees every worker's count.
 *
 * <h2>The check</h2>
 * The pool counts a worker as admitted when it passes the limit (after {@code acquire()} in a
 * guarded pool, as it enters an unguarded one), before it looks for a connection, and out again
 * before its connection and permit go back; it keeps the highest count reached. The check
 * compares that measured peak with the number of connections: it never exceeds it. Every worker
 * got a connection exactly once. Counting at the idle queue instead would prove nothing: the queue
 * holds only as many connections as there are, so no count taken after it could pass them. A
 * limit that admits too many (a thread pool larger than the connection pool, a semaphore with more
 * permits than connections) shows in the peak: a worker admitted while every connection is out
 * finds none, is turned away without one, and the run fails naming the peak and the connections.
 *
 * <h2>JDK facts it rests on</h2>
 * JEP 444 (JDK 21): virtual threads, and "do not pool virtual threads". A virtual thread blocked
 * in {@code Semaphore.acquire()} parks and unmounts. {@code StructuredTaskScope} is a preview API
 * in JDK 25 (JEP 505).
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 */
package dev.loompatterns.semaphorepool;
