/**
 * {@code reentrant-lock}: method A calls method B under the same lock.
 *
 * <h2>The problem</h2>
 * The tutorial's {@code threading.RLock}: a class whose {@code method_a} takes a lock and calls
 * {@code method_b}, which takes the same lock. With a plain {@code threading.Lock} the thread
 * waits for itself forever; with an RLock the owner may take the lock again, and the lock keeps a
 * count so that it is released only when every acquisition has been undone. Any class whose
 * guarded public methods call each other needs this.
 *
 * <h2>The ways of doing it</h2>
 * {@code ReentrantLockResource} uses a
 * {@link java.util.concurrent.locks.ReentrantLock}: inside B the hold count is 2, after A it is 0,
 * and {@code isHeldByCurrentThread()} says so. {@code SynchronizedResource}
 * uses {@code synchronized} methods: Java's monitors have always been reentrant, so Java code
 * rarely meets the problem, but a monitor has no hold count to read. The wrong way,
 * {@code NonReentrantResource}, guards the methods with a one-permit
 * {@link java.util.concurrent.Semaphore}, which has no owner and so cannot be re-entered: the
 * tutorial's Lock.
 *
 * {@snippet :
 * void methodA() {
 *     lock.lock();                // hold count 1
 *     try {
 *         methodB();              // takes it again: hold count 2, then back to 1
 *     } finally {
 *         lock.unlock();          // hold count 0: now another thread may enter
 *     }
 * }
 * }
 *
 * <h2>The three forms</h2>
 * The workers are a platform thread each ({@link dev.loompatterns.reentrantlock.PlatformReentrantLock}),
 * a virtual thread each ({@link dev.loompatterns.reentrantlock.VirtualReentrantLock}) or a fork
 * each ({@link dev.loompatterns.reentrantlock.StructuredReentrantLock}); the resources do not
 * change. Reentrancy belongs to the lock and its owning thread, never to a scope: a fork does not
 * hold a lock its parent holds.
 *
 * <h2>What changes when migrating</h2>
 * Nothing in the locking code. Older advice (for JDK 21 to 23) was to replace {@code synchronized}
 * with {@code ReentrantLock} so that virtual threads would not pin their carrier while blocked on a
 * monitor; since JDK 24 (JEP 491) a virtual thread waiting for a monitor unmounts, and the choice
 * between the two is back to features: hold counts, {@code tryLock}, timeouts, interruptible
 * waits, several conditions.
 *
 * <h2>Memory consistency effects</h2>
 * Releasing the lock (the last {@code unlock()} of a {@code ReentrantLock}, leaving the outermost
 * synchronized method, a semaphore's {@code release()}) happens-before the next acquisition of it
 * by any thread, so each caller sees the guarded owner, depth and counts as the previous holder
 * left them; a re-entry inside B needs no such edge, since it is the same thread. The count of
 * calls that still held the lock is a {@code LongAdder}, read once every worker has ended.
 * Starting a thread or forking happens-before the worker's first action; each worker's end
 * happens-before {@code Thread.join()} returns (platform and virtual forms) or the scope's
 * {@code join()} returns (structured form), and the check then reads the tally under the lock,
 * so every call of every worker is counted.
 *
 * <h2>The check</h2>
 * Every call of A re-entered B while holding the lock (hold count 2, or the monitor held, at depth
 * 1 of the resource's own bookkeeping); no other thread changed the guarded owner and depth while
 * a thread held the lock; after A returned, the calling thread no longer held it. The
 * non-reentrant variant is shown, not failed, when B was refused (in every call, since a
 * semaphore has no owner); it would be "not shown" if no call of B were refused. Like the others,
 * it fails if another thread got in or a call of A did not complete. For {@code synchronized} the
 * pass says only that the monitor was no longer held after each call: a monitor has no hold count
 * to read.
 *
 * <h2>JDK facts it rests on</h2>
 * Virtual threads: JEP 444 (JDK 21). Monitors no longer pin virtual threads: JEP 491 (JDK 24).
 * {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 *
 * @see <a href="https://openjdk.org/jeps/491">JEP 491: Synchronize Virtual Threads without Pinning</a>
 */
package dev.loompatterns.reentrantlock;
