/**
 * {@code deadlock}: two workers take two locks in opposite order; detect it, break it, fix it.
 *
 * <h2>The problem</h2>
 * The tutorial warns against nested locks and stops there. Here the warning is made real: worker
 * {@code a} takes lock {@code a} then {@code b}, worker {@code b} takes {@code b} then {@code a}.
 * To make the deadlock certain rather than likely, each worker takes its first lock and then both
 * meet at a latch before asking for the second ({@link dev.loompatterns.deadlock.LockPair}). The
 * run must still end: a watchdog waits until every pair is stuck (each worker queued on the lock
 * the other owns, both {@code WAITING}), looks with the tools the JDK offers, and breaks each
 * deadlock; then the same workers run again with the fix, watched for a deadlock all the same.
 *
 * <h2>Breaking it</h2>
 * Both locks are {@code ReentrantLock}s taken with {@code lockInterruptibly()}, so interrupting
 * one worker of the pair (the victim) makes it give up, release its first lock in a
 * {@code finally}, and report that it backed off; its partner then gets both locks and completes.
 * ({@code tryLock(timeout)} is the other way out, at the price of a timeout to choose.) A deadlock
 * on {@code synchronized} cannot be broken from inside the JVM: waiting for a monitor ignores
 * interrupts. That is the practical reason to use {@code ReentrantLock} where nesting is possible.
 *
 * <h2>The fix</h2>
 * One global lock order: every lock has a rank and every thread takes the lower rank first. The
 * fixed run releases both workers together from the latch before they lock, so they contend as
 * hard as before, and both complete.
 *
 * <h2>Seeing it: what each tool reports, measured on JDK 25.0.3</h2>
 * <ul>
 *   <li>{@code ThreadMXBean.findDeadlockedThreads()}, on <b>platform threads</b>, returns both ids:
 *       it follows ownable synchronizers as well as monitors. {@code findMonitorDeadlockedThreads()}
 *       returns null (a {@code ReentrantLock} is not a monitor). {@code ThreadInfo} gives state
 *       {@code WAITING}, lock name {@code java.util.concurrent.locks.ReentrantLock$NonfairSync@…},
 *       the owner's id and name, and, asked for, the synchronizer each thread holds. This is what
 *       {@link dev.loompatterns.deadlock.MxBeanDetector} uses, and what {@code jstack} and
 *       jconsole show.
 *   <li>The same call with the same workers on <b>virtual threads</b> returns null: ThreadMXBean
 *       does not support virtual threads ({@code getThreadInfo} returns null for their ids and
 *       {@code getAllThreadIds} leaves them out). Measured the same for a monitor deadlock. So a
 *       deadlock that moves to virtual threads disappears from every tool built on ThreadMXBean.
 *   <li>The <b>JSON thread dump</b> ({@code HotSpotDiagnosticMXBean.dumpThreads(file,
 *       ThreadDumpFormat.JSON)}, or {@code jcmd <pid> Thread.dump_to_file -format=json file}) lists
 *       every thread, virtual ones included, grouped by thread container (a
 *       {@code StructuredTaskScope} named {@code deadlock-pairs} appears as a container of that
 *       name). For each thread it gives {@code tid}, {@code name}, {@code virtual}, {@code state}
 *       and the stack; for a thread parked on a lock, a {@code parkBlocker} with the identity of
 *       the lock's synchronizer ({@code ReentrantLock$NonfairSync@5c90e579}); for monitors,
 *       {@code blockedOn}, {@code waitingOn} and {@code monitorsOwned}. What it does not give in
 *       JDK 25 is the owner of a {@code java.util.concurrent} lock, nor the synchronizers a thread
 *       holds; nor does it find cycles for you. So for monitors the dump alone is a complete
 *       wait-for graph; for {@code ReentrantLock} it tells who is stuck, where, and on which lock
 *       object, and the owner must come from elsewhere.
 *       {@link dev.loompatterns.deadlock.ThreadDumpDetector} reads the file with Jackson, keeps
 *       the workers that are {@code WAITING} with a park blocker and {@code lockInterruptibly} on
 *       the stack, asks the locks which one each is queued on and who owns it
 *       ({@code ReentrantLock.getOwner()} is protected, hence
 *       {@link dev.loompatterns.deadlock.NamedLock}), and finds the cycles. It works in every
 *       mode, so the check requires it everywhere, and ThreadMXBean as well in platform mode.
 * </ul>
 *
 * So the migration's change is in the detector, not the workers:
 *
 * {@snippet :
 * // before: sees platform threads only; null for a deadlock of virtual threads
 * long[] ids = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
 * // after: a JSON dump lists every thread, virtual ones included, with what each is parked on
 * ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
 *         .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
 * }
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.deadlock.PlatformDeadlock} and
 * {@link dev.loompatterns.deadlock.VirtualDeadlock} start a thread per worker and run the
 * watchdog on the calling thread; they differ in one builder. If the watchdog fails, every worker
 * is interrupted and joined, so nothing is left deadlocked.
 * {@link dev.loompatterns.deadlock.StructuredDeadlock} forks the workers and the watchdog in a
 * scope: if the watchdog fails the scope is cancelled, which interrupts every fork.
 *
 * <h2>Memory consistency effects</h2>
 * Starting a thread (or forking) happens-before every action of the worker it runs. A worker's
 * {@code countDown()} on the pair's latch happens-before the other's return from {@code await()},
 * and a lock's {@code unlock()} happens-before the next {@code lockInterruptibly()} that gets it:
 * so the partner that takes both locks after the victim backed off sees what the victim did under
 * them. Interrupting the victim happens-before the victim sees the interrupt (JLS 17.4.4). Each
 * worker writes its result and counts its critical section into atomics; the watchdog keeps what
 * the detectors saw and the pairs it broke in plain fields that its own thread alone writes. The run
 * reads them only after every thread has ended: each worker's end happens-before
 * {@code Thread.join()} returns (platform and virtual forms, where the watchdog runs on the joining
 * thread itself, so program order covers its fields), and each fork's end, the watchdog's included,
 * happens-before the scope's {@code join()} returns (structured form). So the check sees every
 * result, every count and both detections.
 *
 * <h2>The check</h2>
 * Every pair deadlocked; the JSON dump listed every deadlocked worker parked in
 * {@code lockInterruptibly}, and with the owners read from the locks gave each pair's cycle (in
 * platform mode ThreadMXBean, which names owners itself, saw each cycle too); each victim backed
 * off and each partner completed its critical section exactly once. The global order runs under a
 * watchdog too, which polls until every worker has ended: a pair it saw deadlocked it would break
 * and report, and the check would fail naming the pair; it saw none, and every worker completed.
 * Neither watchdog waits past {@code Crew.BACKSTOP}: then every worker is interrupted and the run
 * fails rather than hang. The detail line shows one line of evidence from each tool.
 *
 * <h2>JDK facts it rests on</h2>
 * Virtual threads (JEP 444) and ThreadMXBean's lack of support for them (its class comment);
 * the JSON thread dump that came with them. The fields listed above are what JDK 25.0.3 writes
 * (check an older release before relying on them); the JDK's {@code ThreadDumper} keeps
 * {@code parkBlocker} an object "to allow for exclusiveOwnerThread in the future". {@code StructuredTaskScope} is a
 * preview API in JDK 25 (JEP 505). The ThreadMXBean and dump facts above are asserted, guarded by
 * {@code Runtime.version().feature() == 25}, in {@code DeadlockTest}.
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.deadlock;
