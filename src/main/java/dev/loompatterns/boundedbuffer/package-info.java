/**
 * {@code bounded-buffer}: producers and consumers share a buffer of fixed capacity.
 *
 * <h2>The problem</h2>
 * The tutorial's queue built on {@code threading.Condition}: producers put items, consumers take
 * them, a producer waits while the buffer is full and a consumer while it is empty. The capacity
 * is back-pressure: a fast producer is held to the pace of its consumers instead of filling memory.
 *
 * <h2>The two ways</h2>
 * {@link dev.loompatterns.boundedbuffer.BoundedBuffer} is the classic monitor with one lock and
 * two conditions, {@code notFull} and {@code notEmpty}, each waited on in a {@code while} loop. The
 * JDK's {@link java.util.concurrent.ArrayBlockingQueue} is the same design with timed and
 * non-blocking methods; it is what production code uses.
 *
 * {@snippet :
 * lock.lockInterruptibly();
 * try {
 *     while (count == items.length) {   // while, not if: another producer may take the slot first
 *         notFull.await();
 *     }
 *     enqueue(item);
 *     notEmpty.signal();                // a put can only help a consumer
 * } finally {
 *     lock.unlock();
 * }
 * }
 *
 * <h2>The three forms</h2>
 * The buffer is the same code in every mode; producers and consumers are platform threads
 * ({@link dev.loompatterns.boundedbuffer.PlatformBoundedBuffer}), virtual threads
 * ({@link dev.loompatterns.boundedbuffer.VirtualBoundedBuffer}) or forks of one scope
 * ({@link dev.loompatterns.boundedbuffer.StructuredBoundedBuffer}). A virtual producer blocked
 * on a full buffer unmounts, so many producers can wait on one buffer. A failed consumer cancels
 * the others in every mode (the crews of the platform and virtual forms by hand, the scope by
 * itself), waking a producer that would otherwise wait for a drain that never comes. Consumers stop on a poison pill each, taken after every item, so shutdown loses nothing.
 *
 * <h2>The check</h2>
 * Every item was taken exactly once (an item that never arrives is counted missing once none can
 * arrive: every producer done, the buffer empty, every consumer blocked on it); consumers started
 * on the empty buffer were all seen blocked (thread state WAITING) before any item was put, and
 * no {@code take()} returned null instead of blocking; a producer putting capacity + 1 items with
 * no consumer was seen blocked with the buffer full; and the buffer's own peak is exactly its
 * capacity, since that fill reaches it and nothing may pass it. {@code ArrayBlockingQueue} keeps
 * no peak and enforces its capacity itself, so there {@code size()} is sampled after each put and
 * only "reaches capacity" can fail. Blocking is observed, never inferred from a sleep. The
 * jcstress tests in {@code src/jcstress} check what one run cannot: no item lost or repeated
 * under every interleaving the harness finds, and the happens-before edge from a put to the take
 * that returns the item.
 *
 * <h2>Memory consistency effects</h2>
 * Actions in a thread prior to putting an item into the buffer happen-before actions subsequent
 * to the take of that item in another thread: in {@link dev.loompatterns.boundedbuffer.BoundedBuffer}
 * both run under one lock (an unlock happens-before every later lock of it), and
 * {@code ArrayBlockingQueue} promises the same of {@code put} and {@code take}. In every form the
 * owner's actions before it starts a producer or consumer (a {@code Thread.start}, or a
 * {@code fork} in the scope) happen-before that task's first action, and every task's actions
 * happen-before the owner's return from the crew's {@code join()} (a {@code Thread.join} on each
 * thread, or the scope's {@code join()}); so the counts of items seen, written by the consumers
 * and read after the join, are final when the check reads them.
 *
 * <h2>JDK facts it rests on</h2>
 * A virtual thread parked in {@code Condition.await} unmounts (JEP 444). {@code StructuredTaskScope}
 * is a preview API in JDK 25 (JEP 505).
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 */
package dev.loompatterns.boundedbuffer;
