/**
 * {@code thread-config}: what a thread is given besides its work (name, arguments, daemon,
 * priority, an uncaught-exception handler, inherited thread locals), and which of these a
 * virtual thread keeps.
 *
 * <h2>The problem</h2>
 * The tutorial passes {@code name}, {@code args}, {@code kwargs} and {@code daemon} to
 * {@code threading.Thread}. Java passes arguments by capturing them in the task (a lambda or a
 * record: Java has no keyword arguments; a record's named fields are the analogue) and sets the
 * rest on a {@code Thread.Builder}, once for many threads: {@code name("worker-", 0)} numbers them.
 * Each worker here reports what its thread carries, and the last one throws, so the report shows
 * where an exception that escapes a thread goes.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.threadconfig.PlatformThreadConfig} sets everything on
 * {@code Thread.ofPlatform()}: name counter, {@code daemon}, {@code priority},
 * {@code inheritInheritableThreadLocals}, {@code uncaughtExceptionHandler}.
 * {@link dev.loompatterns.threadconfig.VirtualThreadConfig} uses {@code Thread.ofVirtual()}, which
 * has neither {@code daemon(..)} nor {@code priority(..)}: a virtual thread is always a daemon,
 * and {@code setPriority} is silently ignored ({@code getPriority()} stays 5).
 * {@link dev.loompatterns.threadconfig.StructuredThreadConfig} gives the scope a thread factory
 * ({@code Configuration.withThreadFactory}) and a name; the handler on that factory is never
 * called, because a fork's exception is kept by its {@code Subtask}.
 *
 * {@snippet :
 * Thread.Builder builder = Thread.ofPlatform()
 *         .name("worker-", 0)                       // worker-0, worker-1, ...
 *         .daemon(true)                             // gone on ofVirtual(): always a daemon
 *         .priority(8)                              // gone on ofVirtual(): ignored
 *         .inheritInheritableThreadLocals(false)    // same on both
 *         .uncaughtExceptionHandler(handler);       // same on both; unused by a scope's forks
 * }
 *
 * <h2>What changes when migrating</h2>
 * Drop {@code daemon(false)} (a virtual thread is a daemon; see {@code daemon-threads}) and any
 * reliance on priority: to favour work, give it its own limit (a {@code Semaphore}) rather than a
 * priority. An uncaught-exception handler still fires for a virtual thread started from a
 * builder, but in a scope the failure goes to {@code join()} and {@code Subtask.exception()}
 * (see {@code exceptions}). Inheritable thread locals are copied into every virtual thread by
 * default; with millions of threads that copy costs memory, so turn it off where not needed and
 * prefer a {@link java.lang.ScopedValue} (see {@code context}).
 *
 * <h2>Interruption</h2>
 * If the caller is interrupted while joining, every worker is interrupted and still joined
 * ({@link dev.loompatterns.core.Threads#joinAll}); the scope's {@code close()} does the same.
 *
 * <h2>Memory consistency effects</h2>
 * A new thread's inheritable thread locals are copied when the thread is created, on the creating
 * thread, which is why the caller sets the request before it creates the workers and removes it
 * only after. Starting a thread (or forking) happens-before the worker's first action. Each
 * worker adds its report to a {@code ConcurrentLinkedQueue}, and the uncaught-exception handler
 * runs on the failing thread before that thread terminates, so both writes come before the
 * thread's end; its end happens-before {@code Thread.join()} returns (platform and virtual forms),
 * and every fork's end happens-before the scope's {@code join()} returns, after which the caller
 * reads each {@code Subtask}'s state and exception (structured form). So the check, which reads the
 * reports and the failures after joining, sees every one.
 *
 * <h2>The check</h2>
 * Every worker ran once with the argument the creating loop handed it, on a thread named with the
 * counter, with the daemon flag, priority and inherited local its kind allows (platform: as asked;
 * virtual: daemon, priority 5); the last worker's failure reached the handler from the right
 * thread, or, in a scope, its subtask and not the handler. The daemon flag asked is the opposite
 * of the caller's ({@code true} from the CLI's main thread), since a platform thread not told
 * otherwise takes its creator's: so the flag the workers show is the builder's.
 *
 * <h2>JDK facts it rests on</h2>
 * {@code Thread.Builder} is final since JDK 21 (JEP 444), which also fixes that virtual threads
 * are daemons, have normal priority that cannot be changed, and support inheritable thread
 * locals. {@code StructuredTaskScope.Configuration} is a preview API in JDK 25 (JEP 505).
 * Priority on a platform thread is a hint: HotSpot on Linux ignores it by default
 * ({@code -XX:ThreadPriorityPolicy}).
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.threadconfig;
