/**
 * {@code event-signal}: an event that threads wait for, set, and clear.
 *
 * <h2>The problem</h2>
 * The tutorial's {@code threading.Event}: workers wait until a coordinator says "go"
 * ({@code set()}); a wait may give up after a timeout ({@code wait(timeout)} returns False); the
 * coordinator may take the signal back ({@code clear()}) so that later workers wait for the next
 * round.
 *
 * <h2>The two ways</h2>
 * {@link dev.loompatterns.eventsignal.ResettableEvent} builds the event from a
 * {@code ReentrantLock}, one {@code Condition}, a flag and a generation counter. The generation is
 * what a flag alone gets wrong: a waiter woken by {@code set()} must return even if {@code clear()}
 * ran before it got the lock back, so a waiter waits for "the flag is up, or a set happened since
 * I started", not for the flag. For the one-shot case the JDK's
 * {@link java.util.concurrent.CountDownLatch} of one is the event
 * ({@code LatchSignal}); it cannot be reset, so clearing means a new
 * latch, which is safe only when nobody is waiting.
 *
 * {@snippet :
 * long started = generation;
 * while (!flag && generation == started) {   // not "while (!flag)": that would miss set-then-clear
 *     released.await();
 * }
 * }
 *
 * <h2>The three forms</h2>
 * The event is the same code in every mode; what changes is who waits. A waiter is a platform
 * thread ({@link dev.loompatterns.eventsignal.PlatformEventSignal}), a virtual thread
 * ({@link dev.loompatterns.eventsignal.VirtualEventSignal}) or a fork
 * ({@link dev.loompatterns.eventsignal.StructuredEventSignal}). A blocked platform waiter holds
 * an OS thread; a blocked virtual waiter is parked and unmounted, holding nothing but its stack
 * on the heap. In every mode a failure or a cancellation interrupts every waiter (the platform and
 * virtual forms' {@code core.Crew} by hand, the scope by itself), so none is left waiting for an
 * event that will never be set.
 *
 * <h2>The check</h2>
 * Three rounds on the mode's kind of thread: all waiters are seen blocked (thread state WAITING)
 * before the set, and the set releases every one; a timed wait on the cleared event returns false
 * once its timeout has passed (measured with {@code System.nanoTime}, the clock the wait itself
 * uses; the check allows 1 ms of rounding below the timeout and sets no upper bound); after the
 * clear, new waiters are all seen blocked with none through, until the next set releases them.
 * A waiter a set leaves parked (a lost wake-up) looks like one not yet woken, so the run waits up
 * to 50 s for the released waiters (a limit for a broken signal, not a speed limit) and then
 * reports the count that came back, stopping there; the crew interrupts the waiters still parked.
 * The stress tests in {@code src/jcstress} (run as docs/tooling.md says) add what a run
 * cannot show: a set immediately followed by a clear still releases a waiter, and what was written
 * before a set is seen after the wait.
 *
 * <h2>Memory consistency effects</h2>
 * Actions in a thread prior to {@code set()} happen-before actions following a successful
 * {@code await()} in another thread: in {@link dev.loompatterns.eventsignal.ResettableEvent} both
 * go through one lock (an unlock happens-before every later lock of it), in
 * {@code LatchSignal} a {@code countDown()} happens-before a return from {@code await()}. In every
 * form the owner's actions before it starts a waiter (a {@code Thread.start}, or a
 * {@code fork} in the scope) happen-before the waiter's first action, and every action of a
 * waiter happens-before the owner's return from the crew's {@code join()} (a
 * {@code Thread.join} on each thread, or the scope's {@code join()}); so the counts of released
 * waiters and the timed wait's result and duration, written by the waiters and read after the
 * join, are final when the check reads them.
 *
 * <h2>JDK facts it rests on</h2>
 * A virtual thread parked in {@code Condition.await} or {@code CountDownLatch.await} unmounts
 * (JEP 444). {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 */
package dev.loompatterns.eventsignal;
