/**
 * {@code task-queue}: a queue whose {@code join} waits until every item put has been done.
 *
 * <h2>The problem</h2>
 * The tutorial's producer/consumer: worker threads loop on {@code q.get()}, process the item and
 * call {@code q.task_done()}; the main thread puts the work and calls {@code q.join()}, which
 * returns once every item put has been marked done (not merely taken). The hard part is not the
 * happy path but the end: stopping the consumers without losing an item they hold or doing one
 * twice, also when a consumer crashes or the whole run is cancelled.
 *
 * <h2>The primitive</h2>
 * {@link dev.loompatterns.taskqueue.TaskQueue} is the same code in every mode: one
 * {@code ReentrantLock}, a {@code notEmpty} condition for takers and an {@code allDone}
 * condition for joiners, and a count of unfinished tasks that {@code put} raises and
 * {@code taskDone} lowers. {@code shutdown()} (Python 3.13's {@code Queue.shutdown}) replaces a
 * poison pill per consumer: takers drain what is left and then get {@code ShutDownException}. Its
 * javadoc gives blocking, interruption, fairness and memory consistency, and what the JDK offers
 * instead.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.taskqueue.PlatformTaskQueue} starts a platform thread per consumer,
 * puts the items, joins the queue, shuts it down and joins the threads.
 * {@link dev.loompatterns.taskqueue.VirtualTaskQueue} is the same code with
 * {@code Thread.ofVirtual()}: an idle consumer parks in {@code Condition.await} and unmounts, so
 * consumers need not be few. {@link dev.loompatterns.taskqueue.StructuredTaskQueue} forks the
 * consumers, and the {@code join()}-then-{@code shutdown()} step, in one scope:
 *
 * {@snippet :
 * try (var scope = StructuredTaskScope.open(Joiner.awaitAll())) {
 *     for (int i = 0; i < consumers; i++) {
 *         scope.fork(() -> { run.consume(); return null; });
 *     }
 *     run.produce();
 *     scope.fork(() -> { queue.join(); queue.shutdown(); return null; });
 *     scope.join();   // interrupted: close() interrupts every fork and waits for them
 * }
 * }
 *
 * <h2>Shutting down without losing or repeating</h2>
 * Three rules, the same in every mode. A consumer marks an item done only after the work is
 * finished. A consumer that cannot finish an item (its processing threw, or it was interrupted)
 * puts the item back <em>before</em> marking the attempt done: the other order lets the count
 * touch zero and release {@code join} with the item still owed. And a cancelled run stops its
 * consumers first (interrupt, then join them) and only then drains the queue, so every item is
 * exactly one of: done, or left over.
 *
 * <p>The variants exercise this. {@code clean}: all consumers succeed. {@code consumer-fails}: the
 * first attempt at item 0 throws; that consumer puts the item back and dies, the others finish it.
 * In the structured form this needs {@code Joiner.awaitAll()}: the default joiner would cancel
 * every consumer on the first failure and strand the rest of the work. {@code cancelled}: once
 * half the items are done, the run's coordinating thread is interrupted, as a caller cancelling
 * the run would do. The interrupt is sent before that item's {@code taskDone}, so it finds the
 * coordinator still in {@code join}; and consumers that finish an item after it was sent hold
 * that item until they are interrupted, so the last items cannot all finish while the coordinator
 * is waking up. (Without that hold the cancel can lose the race: {@code Condition.await}, signalled
 * and interrupted at once, returns normally with the interrupt status set, and the coordinator
 * must then consume its own interrupt. A run of one item still meets this case, and the
 * check accepts it as a finished run.) The platform and virtual forms then interrupt each
 * consumer and join it; the structured form only has to let the exception leave the scope.
 * Consumers are interrupted one after another, so an item put back is taken by one not yet
 * interrupted, which holds it and puts it back in its turn: the check's line counts the put-backs
 * and the items apart ("6 put-backs of 1 item by interrupted consumers", in a run of two items).
 *
 * <h2>Memory consistency effects</h2>
 * As in {@code java.util.concurrent}'s queues: actions in a thread before it puts an item into
 * the {@code TaskQueue} happen-before the actions after a {@code take()} of that item in another
 * thread, and actions before a {@code taskDone()} happen-before the actions after the
 * {@code join()} that it releases, since all of them lock and unlock the queue's one
 * {@code ReentrantLock}. So when {@code join()} returns, every consumer's work on every item is
 * visible to the thread that called it: in the platform and virtual forms the producer itself. In
 * the structured form the queue's {@code join()} runs in a fork, not in the owner; a fork's
 * actions happen-before the scope's {@code join()} returns, so the consumers' work reaches the
 * owner through that fork, when the owner's {@code scope.join()} returns. The platform and virtual
 * forms then join every consumer thread ({@code Thread.join}), and the structured form joins and
 * closes its scope, before the run's event log and leftovers are read; the
 * log itself is a {@code ConcurrentLinkedQueue} stamped from an {@code AtomicLong}, so the check
 * reads every event, in the order the stamps give.
 *
 * <h2>The check</h2>
 * Every event (put, done, handed back, join returned) takes a number from one counter as it
 * happens. The check proves: each item put once and done at most once; done plus left over is
 * every item, with no item in both; without a cancel, all items done and {@code join} returned
 * after the last {@code done} by event number; with a failing consumer, exactly one failure and
 * its item still done once; with a cancel, {@code join} did not return (at least half the items
 * are done then, as the cancel is sent by the half-way item); and every item was done on the
 * kind of thread its mode promises. The coordinator's {@code join} gives up when no item is done
 * for a minute (an item's work is a second at most), so a run that lost an item ends, is stopped
 * as a cancelled one is, and fails the check with the loss counted, instead of waiting forever.
 *
 * <h2>What changes when migrating</h2>
 * Nothing in the queue. A pool of platform consumers sized to the cores becomes as many virtual
 * consumers as there are sources of work, and a failed consumer no longer needs a supervisor to
 * restart it if another can take its item. The structured form removes the thread list and the
 * cancel code, and makes the failure policy a visible choice (the {@code Joiner}).
 *
 * <h2>JDK facts it rests on</h2>
 * {@code Condition.await} on a virtual thread parks and unmounts (JEP 444), on every JDK since
 * 21. {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); {@code close()} interrupts
 * unfinished forks and waits for them, and {@code Joiner.awaitAll()} does not cancel on failure.
 * The stress tests in {@code src/jcstress/java/dev/loompatterns/taskqueue/} race
 * {@code put}, {@code taskDone} and {@code join} under the OpenJDK jcstress harness.
 *
 * @see <a href="https://docs.python.org/3/library/queue.html#queue.Queue.join">Python: Queue.join</a>
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.taskqueue;
