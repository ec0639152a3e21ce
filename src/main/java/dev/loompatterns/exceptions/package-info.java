/**
 * {@code exceptions}: what happens to an exception thrown in another thread, and how the caller
 * learns of it.
 *
 * <h2>The problem</h2>
 * The tutorial's "handle exceptions within threads": an exception in a thread's target does not
 * reach the thread that started it. It ends the thread and goes to {@code threading.excepthook};
 * only a {@code Future} carries it back. Java has the same split. Here task {@code i} fails when
 * {@code i % fail-every == 0} (task 0 always does) with a {@link dev.loompatterns.exceptions.TaskFailure}
 * naming its task, so the report can check that every failure arrived with its own cause.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.exceptions.PlatformExceptions}: a thread per task with an
 * uncaught-exception handler that collects (the JDK's default one would only print a stack
 * trace), and a fixed pool's {@code invokeAll}, where each {@code Future.get} throws
 * {@link java.util.concurrent.ExecutionException} with the task's exception as its cause. Neither
 * stops the other tasks: a failure is one outcome among many.
 * {@link dev.loompatterns.exceptions.VirtualExceptions}: the same code with a virtual-thread
 * builder and {@code Executors.newVirtualThreadPerTaskExecutor()}; failures travel the same way.
 * {@link dev.loompatterns.exceptions.StructuredExceptions}: in {@code StructuredTaskScope.open()}
 * the first failure cancels the scope, every sibling still running is interrupted (the report
 * counts them), and {@code join()} throws {@code StructuredTaskScope.FailedException} with that
 * failure as its cause; {@code close()} returns only after every fork has ended. When every
 * outcome is wanted, {@code Joiner.awaitAll()} lets all forks finish and each {@code Subtask}
 * holds its result or its exception.
 *
 * {@snippet :
 * try (var scope = StructuredTaskScope.<Integer>open()) {
 *     for (int i = 0; i < n; i++) {
 *         int task = i;
 *         scope.fork(() -> work(task));
 *     }
 *     scope.join();                       // the first failure cancels the rest
 * } catch (StructuredTaskScope.FailedException e) {
 *     report(0, e.getCause());            // filed under task 0: FailedException does not say which fork
 *                                         // threw (in the pattern only task 0 works; its siblings wait)
 * }
 * }
 *
 * <h2>What changes when migrating</h2>
 * From threads with handlers or {@code invokeAll}, nothing is needed for virtual threads. Moving to
 * a scope changes the policy, not just the syntax: {@code open()} fails fast and cancels, so a
 * loop that collected every {@code ExecutionException} becomes {@code Joiner.awaitAll()} and a
 * look at each {@code Subtask}. A cancelled fork sees an interrupt: code that swallows
 * {@code InterruptedException} keeps running until it next blocks, and {@code close()} waits for it.
 * {@code FailedException} is unchecked, unlike {@code ExecutionException}.
 *
 * <h2>Interruption</h2>
 * Threads started per task are joined (and interrupted first if the caller is interrupted);
 * executors and scopes are closed by try-with-resources, which waits for their tasks.
 *
 * <h2>Memory consistency effects</h2>
 * An uncaught-exception handler runs on the failing thread before it terminates, so what it
 * records happens-before the return of {@code Thread.join()} on that thread. A task's actions,
 * its exception included, happen-before {@code Future.get()} returns or throws
 * {@code ExecutionException}. In the structured forms, a fork's actions happen-before the owner's
 * actions after {@code join()} (and after {@code close()}, when {@code join()} threw), so
 * {@code Subtask.exception()} and the cause of {@code FailedException} are seen whole. The
 * tasks' records of what they saw ({@code Tasks}) are concurrent collections, read by the check
 * after every thread was joined.
 *
 * <h2>The check</h2>
 * For every way: the failures meant to be reported were, each with its own cause. A failure is
 * filed under the task whose thread (its handler), {@code Future} or {@code Subtask} brought it
 * back, never under the task its exception names, and its cause must be that task's
 * {@code TaskFailure}; {@code FailedException} does not say which fork failed, so in fail-fast the
 * cause must be task 0's, the only one set to fail. In fail-fast, every sibling saw the interrupt
 * and none is alive once the scope has closed; elsewhere no task was interrupted; and no thread
 * that ran a task is left running.
 *
 * <h2>JDK facts it rests on</h2>
 * {@code ExecutorService} is {@code AutoCloseable} since JDK 19, its {@code close()} waiting for
 * submitted tasks. {@code StructuredTaskScope.open()}, {@code Joiner.awaitAll()},
 * {@code Joiner.awaitAllSuccessfulOrThrow()} and {@code FailedException} are the JDK 25 preview
 * API (JEP 505); in earlier previews the same policies were the subclasses
 * {@code ShutdownOnFailure} and {@code ShutdownOnSuccess}.
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.exceptions;
