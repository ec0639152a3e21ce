/**
 * {@code thread-basics}: start workers that sleep, then join them all.
 *
 * <h2>The problem</h2>
 * The tutorial's first program: three {@code threading.Thread(target=worker)} that each sleep two
 * seconds, started together and joined, so the whole takes two seconds rather than six. The worker
 * does nothing but wait, which is what most server threads do most of the time (a database call,
 * an HTTP call), and so it is the workload where the choice of thread matters most.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.threadbasics.PlatformThreadBasics} starts a platform thread per worker
 * and joins each: every worker holds an OS thread and its stack for the whole sleep.
 * {@link dev.loompatterns.threadbasics.VirtualThreadBasics} is the same code with the threads
 * made by {@code Thread.ofVirtual().name("worker-", 0)}; a sleeping virtual thread unmounts from
 * its carrier, so a handful of carriers serve any number of sleepers.
 * {@link dev.loompatterns.threadbasics.StructuredThreadBasics} forks each worker in a
 * {@code StructuredTaskScope}: there is no thread list and no join loop, and the scope cannot be
 * left while a worker still runs.
 *
 * {@snippet :
 * try (var scope = StructuredTaskScope.open()) {
 *     List<Subtask<Outcome>> workers = new ArrayList<>();
 *     for (int i = 0; i < n; i++) {
 *         int id = i;
 *         workers.add(scope.fork(() -> Outcome.work(id, sleep)));
 *     }
 *     scope.join();            // waits for all; throws if one failed, after cancelling the rest
 *     return workers.stream().map(Subtask::get).toList();
 * }
 * }
 *
 * <h2>What changes when migrating</h2>
 * One line: the thread's constructor becomes a builder. {@code Thread.join} works the same and is
 * still the happens-before edge that makes a worker's result visible to the joiner. What the
 * reader of a platform version should unlearn is the reflex to cap the thread count: with virtual
 * threads the count is not the resource (see {@code semaphore-pool}).
 *
 * <h2>Interruption</h2>
 * If the caller is interrupted while joining, every worker is interrupted and still joined before
 * the interrupt is passed on ({@link dev.loompatterns.core.Threads#joinAll}); the structured form
 * gets the same from the scope's {@code close()}.
 *
 * <h2>Memory consistency effects</h2>
 * Actions in a thread before {@code Thread.start()} happen-before every action of the started
 * thread, so a worker sees its index and the shared {@code reports} array; every action of a
 * worker, its write of {@code reports[i]} included, happens-before the return of
 * {@code Thread.join()} on it, in the platform and the virtual form alike (the migration does not
 * change the memory model). In the structured form, actions before {@code fork} happen-before the
 * fork's actions, and a fork's actions happen-before {@code join()} returns, so
 * {@code Subtask.get()} reads the report the fork returned. The check runs after the join, and
 * sees every report whole.
 *
 * <h2>The check</h2>
 * Every worker reported exactly once, slept at least the time asked, and ran on the kind of
 * thread its mode promises (platform, or virtual).
 *
 * <h2>JDK facts it rests on</h2>
 * Virtual threads are final since JDK 21 (JEP 444); {@code Thread.sleep} on a virtual thread
 * unmounts it. {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505; its API changes
 * again in JDK 26, JEP 525: read, not run here). Measured on the 2-core project machine (2026-11-22) with
 * {@code java --enable-preview examples/E01_ThreadBasics.java}: 10,000 workers sleeping 500 ms took
 * 2.5 s on platform threads (peak 3,656 platform threads) and 0.6 s on virtual threads or forks
 * (peak 10 platform threads).
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.threadbasics;
