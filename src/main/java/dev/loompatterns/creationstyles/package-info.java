/**
 * {@code creation-styles}: the ways of making a thread, and which of them survive the move to
 * virtual threads.
 *
 * <h2>The problem</h2>
 * The tutorial shows two styles side by side: {@code threading.Thread(target=f, args=(...))},
 * where the thread runs a function with its arguments, and a subclass of {@code threading.Thread}
 * that keeps its arguments in fields and overrides {@code run()}. Java has both, and since JDK 21
 * two more: the {@code Thread.Builder} and thread factories made from it. Each worker here is given
 * its own argument ({@code item-i}) and reports it back, so a mix-up between workers would show.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.creationstyles.PlatformCreationStyles} spreads the workers over four
 * styles: a {@code Runnable} target, a {@code Thread} subclass, {@code Thread.ofPlatform()} and a
 * {@link java.util.concurrent.ThreadFactory}.
 * {@link dev.loompatterns.creationstyles.VirtualCreationStyles} has two: {@code Thread.ofVirtual()}
 * and {@link java.util.concurrent.Executors#newVirtualThreadPerTaskExecutor()}. A virtual thread
 * cannot be a subclass: every public {@code Thread} constructor makes a platform thread (the
 * report prints {@code isVirtual()} of a real subclass instance: {@code false}), and the JDK's
 * virtual thread class is final and not public.
 * {@link dev.loompatterns.creationstyles.StructuredCreationStyles} has one: {@code fork} a
 * {@link java.util.concurrent.Callable}; the caller gets a {@code Subtask}, never a {@code Thread}.
 *
 * {@snippet :
 * // BEFORE: the state lives in the thread
 * class GreeterThread extends Thread {
 *     private final Greeter greeter;
 *     @Override public void run() { greeter.runInto(runs); }
 * }
 * new GreeterThread(greeter, runs).start();
 *
 * // AFTER: the state lives in a task; any thread, executor or scope can run it
 * record Greeter(int worker, String argument) implements Callable<Outcome> { ... }
 * Thread.ofVirtual().name("virtual-", 0).start(() -> greeter.runInto(runs));
 * }
 *
 * <h2>What changes when migrating</h2>
 * Move a subclass's fields and {@code run()} body into a {@code Runnable} or {@code Callable} (a
 * record is often enough), and let a builder or executor make the thread. Code that overrides
 * other {@code Thread} methods ({@code interrupt()}, {@code toString()}) loses that hook; code
 * that tests {@code instanceof MyThread} on {@code Thread.currentThread()} must look the state up
 * elsewhere (a {@link java.lang.ScopedValue}, see {@code context}). A {@code ThreadFactory}
 * passed to an executor still works: {@code Thread.ofVirtual().factory()} is one.
 *
 * <h2>Interruption</h2>
 * If the caller is interrupted while joining, every worker is interrupted and still joined
 * ({@link dev.loompatterns.core.Threads#joinAll}); the executor's and the scope's {@code close()}
 * wait for their tasks in the same way.
 *
 * <h2>Memory consistency effects</h2>
 * However a thread is made (constructor, subclass, builder, factory), actions before its
 * {@code start()} happen-before its actions, so each worker sees the arguments it was built
 * with; its actions happen-before {@code Thread.join()} on it returns. Each bare thread adds its
 * report to a {@code ConcurrentLinkedQueue} (an add happens-before a later read that sees the
 * element), and the queue is read after every thread was joined. A task submitted to the
 * virtual-thread-per-task executor happens-before the return of {@code Future.get()}; a fork's
 * actions happen-before {@code Subtask.get()} after the scope's {@code join()}. So the check
 * reads every worker's report whole.
 *
 * <h2>The check</h2>
 * Every worker ran exactly once, with its own argument, on the kind of thread its mode promises,
 * made in the style its index chose as its name shows: each style names its threads its own way,
 * and the check expects worker {@code i}'s exact name. The target and the subclass are named by
 * the form after their worker ({@code target-i}, {@code subclass-i}); a builder or factory numbers
 * its threads from 0 in the order it makes them, which is worker order, so with {@code k} styles
 * worker {@code i} runs on {@code builder-(i/k)}, {@code factory-(i/k)} or {@code virtual-(i/k)};
 * the per-task executor's and the scope's default factories leave them unnamed.
 *
 * <h2>JDK facts it rests on</h2>
 * {@code Thread.Builder}, {@code Thread.ofVirtual()} and the per-task executor are final since
 * JDK 21 (JEP 444), as is the rule that virtual threads cannot be made by subclassing.
 * {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.creationstyles;
