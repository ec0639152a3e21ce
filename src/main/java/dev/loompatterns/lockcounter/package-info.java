/**
 * {@code lock-counter}: a shared counter guarded by a lock.
 *
 * <h2>The problem</h2>
 * The tutorial's threads add to one global counter under {@code threading.Lock}; without the lock
 * the total comes out short. In Java the same: {@code count++} is a read, an add and a write, and
 * two threads that read the same value both write value + 1. Python's GIL does not prevent it:
 * it makes a single bytecode atomic, and {@code count += 1} is several, so CPython can lose updates
 * too (how often depends on its version). Java has no GIL, so the race shows within milliseconds.
 *
 * <h2>The variants, the same in every mode</h2>
 * <ul>
 *   <li>{@link dev.loompatterns.lockcounter.SynchronizedCounter}: a monitor. Simple, and since
 *       JDK 24 (JEP 491) a virtual thread that blocks on it unmounts instead of pinning its carrier.
 *   <li>{@link dev.loompatterns.lockcounter.ReentrantLockCounter}: {@code lock()} and
 *       {@code unlock()} in {@code try/finally}; adds {@code tryLock}, timeouts, interruptible
 *       waits and fairness. On JDK 21 to 23 it was the way to avoid pinning; on 25 it is a choice.
 *   <li>{@link dev.loompatterns.lockcounter.AtomicLongCounter}: no lock, one atomic add.
 *   <li>{@link dev.loompatterns.lockcounter.LongAdderCounter}: cells per contending thread, summed
 *       on read; fastest under contention, exact only once the writers are done.
 *   <li>{@link dev.loompatterns.lockcounter.UnguardedCounter}: the wrong way, kept to show the
 *       loss; its check reports how many updates were lost instead of failing the run. It writes
 *       {@code count++} out as read, add, write, and now and then yields between the read and the
 *       write, as the Python tutorials sleep there: the window every {@code count++} has, held open
 *       so that the race shows in every run (see below).
 * </ul>
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.lockcounter.PlatformLockCounter} starts a platform thread per worker;
 * {@link dev.loompatterns.lockcounter.VirtualLockCounter} a virtual thread per worker;
 * {@link dev.loompatterns.lockcounter.StructuredLockCounter} a fork per worker in a scope. The
 * counters do not change at all: locks and atomics work the same for every kind of thread, which
 * is the migration lesson of this pattern. The start of each worker is the whole diff:
 *
 * {@snippet :
 * // before: the tutorial's thread per worker
 * Thread thread = new Thread(Form.worker(counter, increments, startGate, finished), "counter-" + i);
 * threads.add(thread);
 * thread.start();
 * // after: a virtual thread per worker, from a builder that numbers them counter-0, counter-1, ...
 * threads.add(builder.start(Form.worker(counter, increments, startGate, finished)));
 * }
 *
 * <h2>What changes under the hood</h2>
 * With 2 carriers, at most two virtual workers run at once, and a virtual thread never loses its
 * carrier in the middle of a CPU-bound loop (there is no time slicing), so contention differs:
 * fewer threads collide, and a contended lock parks (unmounts) the waiter. Lost updates still
 * happen on virtual threads, as soon as two carriers interleave; measured with
 * {@code java --enable-preview examples/E06_LockCounter.java} (a plain {@code count++}) on the
 * 2-core project machine, three runs lost 72,872 to 83,949 of 10,000,000 on platform threads and
 * 0 to 4,776,290 on virtual threads. In the harness, a plain {@code count++} lost updates in 19
 * of 20 platform runs of {@code ./loom run lock-counter --variant unguarded} (100 workers x
 * 10,000), but in only 7 of 20 virtual and 7 of 20 structured runs (16, 6 and 3 of 20 with a
 * CPU-bound process beside them): a virtual worker ran its increments nearly alone. So the
 * unguarded counter yields between read and write whenever it reads a multiple of 1,024; the
 * yielding thread is queued behind the others, and its write, when it comes back, undoes every
 * update made meanwhile. Measured the same way, 20 fresh JVMs per mode, it lost updates in 20 of
 * 20 runs in every mode, beside a CPU-bound process too, and most of the 1,000,000 each time
 * (90 to 99%), with runs of 30 to 222 ms. A yielding virtual thread unmounts; it does not pin.
 *
 * <h2>Memory consistency effects</h2>
 * Unlocking a lock (or leaving a synchronized method) happens-before every later lock of it, and
 * an atomic update happens-before a later read of the same atomic. Joining every worker (or the
 * scope's {@code join()}) happens-before the check reads the total and the count of workers that
 * finished, so both are final.
 *
 * <h2>The check</h2>
 * Every worker ran its loop to the end (a worker interrupted before it began would leave the total
 * short without any update lost), and the total equals workers x increments, exactly; for the
 * unguarded variant, the shortfall is reported: "shown" when updates were lost, "not shown" (not a
 * failure) if none were this time, since a race is likely, not certain, and with one worker, not
 * possible.
 *
 * @see <a href="https://openjdk.org/jeps/491">JEP 491: Synchronize Virtual Threads without Pinning</a>
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 */
package dev.loompatterns.lockcounter;
