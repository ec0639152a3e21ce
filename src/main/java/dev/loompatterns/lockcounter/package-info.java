/**
 * {@code lock-counter}: a shared counter guarded by a lock.
 *
 * <h2>The problem</h2>
 * The tutorial's threads add to one global counter under {@code threading.Lock}; without the lock
 * the total comes out short. In Java the same: {@code count++} is a read, an add and a write, and
 * two threads that read the same value both write value + 1. Python's GIL hides some of this
 * (a single bytecode is atomic); Java has no GIL, so the race shows within milliseconds.
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
 *       loss; its check reports how many updates were lost instead of failing the run.
 * </ul>
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.lockcounter.PlatformLockCounter} starts a platform thread per worker;
 * {@link dev.loompatterns.lockcounter.VirtualLockCounter} a virtual thread per worker;
 * {@link dev.loompatterns.lockcounter.StructuredLockCounter} a fork per worker in a scope. The
 * counters do not change at all: locks and atomics work the same for every kind of thread, which
 * is the migration lesson of this pattern.
 *
 * <h2>What changes under the hood</h2>
 * With 2 carriers, at most two virtual workers run at once, and a virtual thread never loses its
 * carrier in the middle of a CPU-bound loop (there is no time slicing), so contention differs:
 * fewer threads collide, and a contended lock parks (unmounts) the waiter. Lost updates still
 * happen on virtual threads, as soon as two carriers interleave; measured with
 * {@code java --enable-preview examples/E06_LockCounter.java} on the 2-core project machine, three
 * runs lost 72,872 to 83,949 of 10,000,000 on platform threads and 0 to 4,776,290 on virtual threads.
 *
 * <h2>Memory consistency effects</h2>
 * Unlocking a lock (or leaving a synchronized method) happens-before every later lock of it, and
 * an atomic update happens-before a later read of the same atomic. Joining every worker (or the
 * scope's {@code join()}) happens-before the check reads the total, so the total read is final.
 *
 * <h2>The check</h2>
 * The total equals workers x increments, exactly; for the unguarded variant, the shortfall is
 * reported (and may be zero: a race is likely, not certain).
 *
 * @see <a href="https://openjdk.org/jeps/491">JEP 491: Synchronize Virtual Threads without Pinning</a>
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 */
package dev.loompatterns.lockcounter;
