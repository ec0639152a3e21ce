/**
 * {@code scheduling}: who gets a carrier, and when.
 *
 * <h2>The problem</h2>
 * Virtual threads run on a small pool of carrier threads, by default one per core. The scheduler
 * is not the OS: it does not slice time. A virtual thread gives its carrier back only when it
 * blocks (and can unmount) or ends. CPU-bound work therefore holds carriers as long as it runs,
 * and so does blocking that the JDK cannot make asynchronous, such as a file read; meanwhile
 * other virtual threads wait in the scheduler's queue, and no JDK event says how long.
 *
 * <h2>The variants</h2>
 * <ul>
 *   <li>{@code cpu-hog}: {@code --tasks} hogs spin for {@code -P hog-ms} each, then a probe starts
 *       and notes when it first ran. Run in a child JVM with
 *       {@code -Djdk.virtualThreadScheduler.parallelism=1} (the scheduler reads it once, at the
 *       first virtual thread): the probe waits for every hog, one after another.
 *   <li>{@code yield}: the same with {@code Thread.yield()} in the spin loop. A yielding virtual
 *       thread is resubmitted to its carrier's local queue if that holds other tasks, else to the
 *       scheduler's external queue ({@code VirtualThread.afterYield}, JDK 25), behind the threads
 *       already there, and the
 *       probe runs at once, provided it was queued before a hog got the carrier. A virtual starter
 *       ensures that: it holds the one carrier until it has started every thread. A platform
 *       starter does not: the carrier keeps taking tasks from the queue it last took one from
 *       ({@code ForkJoinPool.runWorker}), so a hog it took while that hog was alone in the
 *       starter's queue keeps finding itself in the carrier's queue until it ends, and the probe
 *       waits about one hog's run, never all of them. E19 shows both (Temurin 25.0.3, 2-core
 *       machine, 2026-12-01, {@code java --enable-preview examples/E19_Scheduling.java}, 10 runs,
 *       4 hogs of 100 ms): from a platform starter, 0.1-0.2 ms in 8 runs, where the first hog ran
 *       after the probe was started, and 95.0 and 106.0 ms in 2, where it ran before; from a
 *       virtual starter 0.1-3.4 ms in all 10. So every form starts its tasks from one starter,
 *       and in the virtual forms the starter is a virtual thread.
 *   <li>{@code offload}: the same hogs, each handing its spin to a pool of platform threads sized to
 *       the cores ({@code Executors.newFixedThreadPool(availableProcessors())}) and waiting for the
 *       future. Waiting unmounts a virtual thread, so the one carrier stays free and the probe runs
 *       at once, while the OS time-slices the pool's threads: the fix that {@code yield} only hints at.
 *       A task interrupted while it waits (its scope cancelled, Ctrl-C) cancels its spin, which
 *       stops: a plain {@code get()} would leave it running on the pool ({@code Starvation.awaitOffloaded}).
 *   <li>{@code metrics}: more CPU-bound tasks than carriers, read mid-run through
 *       {@code jdk.management.VirtualThreadSchedulerMXBean} (JDK 24+): parallelism, carriers, and
 *       how many virtual threads are mounted and queued, for the whole JVM: the carriers' load, which
 *       for CPU-bound tasks is what a pool's {@code getActiveCount()} and {@code getQueue().size()}
 *       said. A virtual thread blocked on I/O or a lock is neither mounted nor queued: for blocking
 *       tasks the semaphores' own {@code availablePermits()} and {@code getQueueLength()}, a
 *       counter, and the JSON thread dump ({@code loom dump}) say how many are in flight and waiting.
 *   <li>{@code file-io}: tasks read a file with {@code RandomAccessFile}. The read stays mounted
 *       and holds its carrier, and JFR records no {@code jdk.VirtualThreadPinned}: nothing pinned,
 *       the thread never tried to unmount. Only {@code jdk.FileRead} shows where the time went.
 *   <li>{@code queueing-delay}: CPU-bound tasks ({@code -P work-ms}), more than carriers. Each
 *       task is marked by our own events, {@code loompatterns.TaskSubmitted} on the starter just
 *       before {@code start()} or {@code fork()} and {@code loompatterns.TaskStarted} as the
 *       task's first action; the difference is its queueing delay.
 *       {@code jdk.VirtualThreadStart} cannot show it: it is committed at the thread's first
 *       mount, after the wait, so it comes as late as {@code TaskStarted}.
 * </ul>
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.scheduling.PlatformScheduling} starts a platform thread per task: the
 * OS preempts spinning threads every few milliseconds, so the probe waits a time slice, not a
 * task. {@link dev.loompatterns.scheduling.VirtualScheduling} starts a virtual thread per task
 * from a virtual starter; {@link dev.loompatterns.scheduling.StructuredScheduling} forks them in
 * a scope opened by a subtask of an outer scope (API status: preview in JDK 25, JEP 505). A
 * scope adds structure, not time slicing.
 *
 * {@snippet :
 * while (System.nanoTime() < end) {
 *     compute();
 *     Thread.yield();   // lets queued virtual threads run; without it they wait until this ends
 * }
 * }
 *
 * <h2>Memory consistency effects</h2>
 * Actions of the starter prior to {@code Thread.start} of a task (or to its {@code fork})
 * happen-before the task's first action: the submission time noted (or the {@code TaskSubmitted}
 * event committed) just before a task is started is in place when it runs. Every action of a task
 * happens-before the starter's return from {@code Thread.join} on it (platform, virtual) or from
 * the scope's {@code join()} (structured), and the starter's own end happens-before the caller's
 * join of it (or the outer scope's {@code join()}); so what the tasks wrote to plain arrays (the
 * probe's first-run time, the hogs' yield counts) is final when the measurement reads it after
 * {@code startAll} returns. The JFR figures reach the measurement through concurrent maps and
 * atomic counters, each update happening-before a later read of it, and all are in before
 * {@code RecordingStream.stop()} returns, which waits for the stream to deliver every event so far.
 * A child JVM's figures come back as its printed output, read after the process has exited.
 *
 * <h2>What changes when migrating</h2>
 * Virtual threads are for tasks that mostly wait. CPU-bound work keeps its own bounded pool of
 * platform threads (or a {@code ForkJoinPool}), and long computations started from virtual
 * threads are handed to it; a {@code Thread.yield()} in a long loop is a stopgap, which does not
 * let in a thread started or woken from outside the carriers while every carrier's thread yields
 * (on JDK 25 the end of a sleep too: docs/inspect.md, "A library that spins"). Blocking file
 * I/O on many virtual threads holds as many carriers (JDK 21 added a carrier for the time of each
 * call; since JDK 23, JDK-8329593, only direct I/O, synchronized-integrity writes, {@code force}
 * and file locks get one); it is not a pin and the pinning profile does not show it: use
 * {@code --profile scheduling}.
 *
 * <h2>The check</h2>
 * The effect must be present with the expected sign, never a tight bound: with one carrier, the
 * probe runs only once every spinning virtual hog has ended, and before the last has ended behind
 * yielding ones or on platform threads (the order decides, not a length of time, which a loaded
 * machine stretches); every file read appears as {@code jdk.FileRead}
 * on the mode's kind of thread with no pin, at least a full read per chunk of every task's file;
 * every task has both of our events, none starts before it was submitted, and with more tasks than
 * carriers no more start at once than there are carriers: of any carriers + 1 starts, the last came
 * at least half a task's work after the first (a task held its carrier for the whole spin, so one
 * had to end first; the order of the starts decides, not the delays, which a starter pre-empted on
 * a busy machine shortens). The child JVM must report one carrier in the virtual forms. The wrong
 * way, {@code cpu-hog}, is "shown" when the probe was starved (on one carrier) and "not shown" on
 * platform threads, which the OS time-slices: there the probe is not starved.
 * {@code offload}: in every mode the probe runs before the last hog has ended, since
 * each hog waits for its pool's future (unmounted) instead of spinning on the carrier.
 * {@code metrics}: in the virtual forms the bean, read mid-run, counts at least as many mounted
 * virtual threads as its parallelism allows to run (or as there are tasks, if fewer), and at least
 * the rest of the tasks queued; on platform threads, fewer mounted and queued together than the
 * tasks spinning, since they are not the scheduler's (a bean that counted them, on its carriers or
 * waiting for one, would count them all); that reading is taken once no virtual thread is mounted
 * or queued, since a carrier of an earlier run still looking for work counts as mounted on JDK 25.
 *
 * <h2>JDK facts it rests on</h2>
 * Measured on Temurin 25.0.3 on 2 cores ({@code ./loom run scheduling --variant V}): behind 8 hogs
 * of 100 ms on one carrier the probe waited 890 ms on virtual threads, 12 ms on platform threads,
 * and 1 to 4 ms when the hogs yielded; 8 queued tasks of 5 ms on 2 carriers waited up to 18 ms,
 * and their {@code jdk.VirtualThreadStart} came just as late. {@code jcmd PID Thread.vthread_scheduler}
 * shows the scheduler's queue while a run is under way.
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 */
package dev.loompatterns.scheduling;
