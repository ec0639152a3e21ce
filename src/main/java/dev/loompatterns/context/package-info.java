/**
 * {@code context}: a request's id and user must reach every task the request fans out to, and
 * must not leak into another request.
 *
 * <h2>The problem</h2>
 * A request handler knows who is asking ({@link dev.loompatterns.context.RequestContext}: a
 * request id and a user) and hands work to other threads. Logging, auditing and authorization in
 * those threads need the same context, without it being passed through every method signature.
 * The classic answer is a {@code ThreadLocal}; it fails quietly at every hand-off to another
 * thread, and a thread that is reused (a pool thread) keeps whatever was left in it.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.context.PlatformContext} runs handlers and their subtasks on two fixed
 * pools of platform threads; {@link dev.loompatterns.context.VirtualContext} runs each on a new
 * virtual thread. Both share {@code CopiedByHand}: the handler sets a {@code ThreadLocal}, and
 * since a thread-local does not cross a hand-off, each subtask is given the captured value, sets
 * it, and removes it in a {@code finally} (or a pool thread carries it into its next task).
 * {@link dev.loompatterns.context.StructuredContext} binds the context for the extent of a call
 * and forks the subtasks inside it; the forks inherit the binding, there is nothing to copy and
 * nothing to remove, and outside the call the value is unbound:
 *
 * {@snippet :
 * ScopedValue.where(CONTEXT, context).call(() -> {
 *     try (var scope = StructuredTaskScope.open()) {
 *         Subtask<String> audit = scope.fork(() -> audit(CONTEXT.get()));  // sees the binding
 *         scope.join();
 *         return audit.get();
 *     }
 * });
 * // here CONTEXT.isBound() is false
 * }
 *
 * A nested {@code ScopedValue.where(CONTEXT, other).call(...)} rebinds the value for a smaller
 * extent (subtask 0 of each request acts as "auditor" that way, in a scope of its own), and the
 * outer value is back when it returns.
 *
 * <h2>The variants: what goes wrong, mode by mode</h2>
 * <ul>
 *   <li>{@code uncopied}: the thread-local is read in the subtask without copying. Lost in every
 *       mode: a new virtual thread starts with no thread-locals, as does a pool thread that was
 *       never given the value. In the structured form, a plain {@code Thread.ofVirtual().start()}
 *       inside the binding does not inherit it either: only forks of a scope do.
 *   <li>{@code inheritable}: an {@code InheritableThreadLocal} is copied once, when a thread is
 *       created. A pool creates its worker threads during the first requests, so every later
 *       request's subtasks see one of those first requests' contexts: stale, and no error
 *       anywhere. With a new thread per task (virtual or forked) the copy is always current, so
 *       this variant shows no stale value there; it still copies a value per thread.
 *   <li>{@code mdc-lost} and {@code mdc-copied}: a library that keeps context in a
 *       {@code ThreadLocal} of its own: logging's MDC ({@code org.slf4j.MDC}, here on logback's
 *       adapter). The handler puts the request id in the MDC; each subtask writes a log line, and
 *       an appender reads the line's MDC as it is written. Not copied, no line of a subtask
 *       carries the id, in a pool, on a thread per task and in forks alike: a
 *       {@code ScopedValue} binding cannot reach a library that reads a {@code ThreadLocal}.
 *       Copied by a task wrapper ({@code MDC.getCopyOfContextMap()} on the handler's thread,
 *       {@code MDC.setContextMap(copy)} in the task, the thread's own map put back after it), every line
 *       carries its own request's id and none leaks into a pool thread's next task.
 *   <li>{@code per-thread-cache}: a library caches an expensive immutable object (a lookup
 *       table, {@code table-kib} KiB) in a {@code ThreadLocal}, as many do with formatters and
 *       buffers. On a pool that is one per pool thread; with a virtual thread per task it is one
 *       per task, built and discarded every time: the cache no longer caches. The structured
 *       form binds one table per request with a {@code ScopedValue}, shared by its forks.
 * </ul>
 *
 * <h2>What changes when migrating</h2>
 * ThreadLocals still work on virtual threads (one value per virtual thread), so code that sets
 * and reads on the same thread keeps working. What to change: hand-offs that copy context by
 * hand become forks inside a binding; {@code InheritableThreadLocal}s become scoped values;
 * per-thread caches of immutable objects become a shared instance, or one bound per request; of
 * mutable objects, a pool of its own (see {@code semaphore-pool}).
 *
 * <h2>Memory consistency effects</h2>
 * A thread-local is never read across threads: what crosses is a value, captured on the
 * handler's thread and handed to the subtask. In the executor forms
 * ({@code PlatformContext}, {@code VirtualContext}), actions in the handler prior to
 * {@code ExecutorService.submit} of a subtask (reading the context, copying the MDC) happen-before
 * the subtask begins, and the subtask's actions happen-before the handler's return from
 * {@code Future.get}; the handler's, in turn, happen-before the caller's {@code Future.get}, and
 * closing the executors waits for every task. In the structured form, actions before
 * {@code fork} (binding the scoped value, opening the scope) happen-before the fork runs, and a
 * fork's actions happen-before the owner's return from {@code join()}, after which
 * {@code Subtask.get} hands over its result; the plain threads of {@code uncopied} are started
 * ({@code Thread.start}) and joined ({@code Thread.join}), so the array they write is final when
 * read. So every subtask's outcome, written in another thread, is seen whole by the check.
 *
 * <h2>The check</h2>
 * One outcome per subtask, in request order; for {@code propagated}, every subtask saw exactly
 * its request's context (subtask 0 in the structured form: the auditor rebinding), no pool
 * thread held a value left by an earlier task when a subtask began, and nothing is visible on
 * the calling thread after the run. The wrong-way variants report how many subtasks lost the
 * context or saw another request's, or how many tables were built, without failing: "shown" when
 * this run observed the flaw (a lost context; a stale one; a table built for every subtask, none
 * used twice), "not shown" when it did not, as for {@code inheritable} on a new thread per task,
 * or {@code per-thread-cache} on a pool (whose threads reuse their table), in the structured
 * form (one table per request, no per-thread cache), and with one subtask in all, in any mode
 * (nothing could be used twice).
 *
 * <h2>Cost of per-thread caches with many threads</h2>
 * Measured separately, not in the test suite (it takes a minute and gigabytes), on the 2-core
 * project machine with JDK 25.0.3 (2026-11-22), a million subtasks each on its own virtual thread:
 * {@snippet lang=sh :
 * /usr/bin/time -f "maxrss_kb=%M" ./loom run context --mode virtual --variant propagated --tasks 250000
 * /usr/bin/time -f "maxrss_kb=%M" ./loom run context --mode virtual --variant per-thread-cache --tasks 250000
 * }
 * {@code propagated}: 11.1 s, peak RSS 1.5 GiB. {@code per-thread-cache}: 36.2 s, peak RSS
 * 2.8 GiB, and 1,000,000 tables of 16 KiB built (15.3 GiB allocated and collected), where a pool
 * of 4 threads builds 4 and the structured form, one per request, 250,000. Single runs: expect
 * tens of percent between runs.
 *
 * <h2>JDK facts it rests on</h2>
 * {@code ScopedValue} is final in JDK 25 (JEP 506); {@code orElse(null)} is not allowed (the
 * argument must be non-null), so "maybe unbound" reads use {@code isBound()}. Forks of a
 * {@code StructuredTaskScope} (a preview API in JDK 25, JEP 505) inherit the scoped-value
 * bindings of the thread that opened the scope; virtual threads from {@code Thread.ofVirtual()}
 * inherit inheritable thread-locals unless told not to (JEP 444).
 *
 * @see <a href="https://openjdk.org/jeps/506">JEP 506: Scoped Values</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.context;
