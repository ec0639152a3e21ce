/**
 * {@code pinning}: what pins a carrier on this JDK, why, and the fix.
 *
 * <h2>The problem</h2>
 * A virtual thread that blocks is unmounted: its stack is copied off the carrier (a platform
 * thread of the scheduler's pool), and the carrier runs another virtual thread. Some blocking
 * cannot unmount. The virtual thread is then <em>pinned</em>: the carrier blocks with it, and with
 * as many pinned threads as carriers (one per core by default) every other virtual thread waits,
 * which looks like a deadlock or a server that stopped answering. JFR records each such block as
 * {@code jdk.VirtualThreadPinned}, with the reason ({@code pinnedReason}), what blocked
 * ({@code blockingOperation}), the carrier, and the stack.
 *
 * <h2>The variants</h2>
 * Every task of a run sleeps ({@code -P sleep-ms}) in one place:
 * <ul>
 *   <li>{@code ffm-upcall}: in a Java comparator that the C library's {@code qsort} calls back
 *       ({@link dev.loompatterns.pinning.UpcallSort}). A native frame is on the stack: pins on
 *       every JDK, reason "Native or VM frame on stack". JNI callbacks are the same.
 *   <li>{@code class-init}: in a static initializer ({@link dev.loompatterns.pinning.SlowStaticInit},
 *       fresh per run). The initializing thread pins ("VM call to X.&lt;clinit&gt; on stack"), and
 *       threads that need the class meanwhile pin waiting for it ("Waited for initialization of X
 *       by another thread") on JDK 25. JDK 26 stops pinning such waits when they come from
 *       {@code new} or a static access (JDK-8369238, read, not run here); this variant's waiters
 *       come through {@code Class.forName}, which still pins there, and the initializing thread
 *       pins on every JDK: the check expects its pin, cause {@code class-init}. The waits are
 *       named apart, as a first use, not counted in {@code pinned}: whether a thread arrives while
 *       an initializer runs is timing ({@link dev.loompatterns.jfr.PinTaxonomy}).
 *   <li>{@code synchronized}: inside a {@code synchronized} block, all tasks sharing the monitor.
 *       No pin since JDK 24 (JEP 491): a monitor is owned by the virtual thread, not its carrier,
 *       so sleeping, waiting and contending for it all unmount.
 *   <li>{@code synchronized-jdk21}: the same code in a child JVM started with
 *       {@code -XX:LockingMode=1}, which on JDK 24 and 25 (deprecated flag, with a warning)
 *       restores the JDK 21-23 monitors: the sleep and the contended entry both pin
 *       ("Freeze or preempt failed"). This is what users still on JDK 21 get.
 *   <li>{@code reentrant-lock}: holding a {@link java.util.concurrent.locks.ReentrantLock}, the
 *       migration advice for JDK 21-23: a virtual thread parked on a {@code java.util.concurrent}
 *       lock unmounts on every JDK.
 * </ul>
 * {@code loom run pinning} runs every variant, so one recording holds every reason.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.pinning.PlatformPinning} runs the tasks on platform threads: a
 * platform thread that blocks holds only itself, so nothing pins and the report says that
 * pinning is a virtual-thread notion. {@link dev.loompatterns.pinning.VirtualPinning} and
 * {@link dev.loompatterns.pinning.StructuredPinning} run the same tasks on virtual threads and on
 * forks of a {@code StructuredTaskScope} (API status: preview in JDK 25, JEP 505): a fork is a
 * virtual thread and pins where one does.
 *
 * {@snippet :
 * // BEFORE (JDK 21-23 pinned here):           AFTER (unmounts on every JDK):
 * synchronized (monitor) {                     lock.lock();
 *     Thread.sleep(sleep);                     try {
 * }                                                Thread.sleep(sleep);
 *                                              } finally {
 *                                                  lock.unlock();
 *                                              }
 * }
 *
 * <h2>What changes when migrating</h2>
 * On JDK 24 and later, nothing for {@code synchronized}: the advice to replace it with
 * {@code ReentrantLock} was for JDK 21-23. What still needs care: blocking in callbacks from
 * native code, and slow static initializers (move the work out of the initializer, to its first
 * use: a lazily used holder class would only move it into the holder's initializer). Find them with the pinning profile ({@code --profile pinning}) or assert their
 * absence in tests with {@link dev.loompatterns.jfr.junit.ShouldNotPin}.
 *
 * <h2>The check</h2>
 * Each run records its own pins with a {@link dev.loompatterns.jfr.PinRecorder} (threshold 0,
 * stack traces; pins of other threads left out) and classifies them with
 * {@link dev.loompatterns.jfr.PinTaxonomy}: the pattern's own pins (its package's code) are what
 * the check judges; a cold JVM's pins (the JDK or the harness loading or initializing a class for
 * its first use, and any thread's wait for another's initializer) and JFR's own are set apart and named in the detail, "(not counted: ...)". The
 * check compares the pattern's pins with what {@code Runtime.version().feature()} says this JDK
 * does: pins of the expected cause ({@code native-frame} for {@code ffm-upcall},
 * {@code class-init} for {@code class-init}, {@code monitor} for {@code synchronized-jdk21};
 * reported as "shown": they are the wrong way), none for {@code synchronized} on JDK 24+ and for
 * {@code reentrant-lock}, none at all on platform threads (where a wrong-way variant is "not
 * shown": a platform thread has no carrier to pin). No warm-up call is needed: a first
 * run in a fresh JVM is judged as a later one is (60 of 60 fresh JVMs passed, docs/pins.md).
 *
 * <h2>Memory consistency effects</h2>
 * Every action of a task happens-before the caller's return from {@code Thread.join} on its
 * thread (platform, virtual) or from the scope's {@code join()} (structured); the recorder is
 * stopped only after that, and {@code PinRecorder.stop()} closes its stream and collects what it
 * delivered under the recorder's lock, which {@code pins()} takes again to read them; so the pins
 * the check reads are every pin the tasks made. A child JVM's
 * pins come back as its printed lines, read after the process has exited.
 *
 * <h2>Interruption</h2>
 * An interrupt of the caller interrupts and joins every task ({@link dev.loompatterns.core.Threads#joinAll});
 * a sleep inside an upcall keeps the interrupt as the thread's status, because an exception must
 * not escape an upcall. The child JVM is destroyed and waited for on every path.
 *
 * <h2>JDK facts it rests on</h2>
 * Measured on Temurin 25.0.3 ({@code ./loom run pinning}): the four reasons above, exactly; no
 * {@code jdk.VirtualThreadPinned} for synchronized without the flag. Recording
 * {@code jdk.VirtualThreadStart} can itself pin a virtual thread as it first mounts ("Freeze or
 * preempt failed (2)", Contended monitor enter in {@code VirtualThreadStartEvent.commit}): seen
 * once, and classified as JFR's own. On JDK 26 {@code -XX:LockingMode} is obsolete
 * (JDK-8359437, read, not run here): {@code synchronized-jdk21} then says so instead of starting
 * a child JVM.
 *
 * @see <a href="https://openjdk.org/jeps/491">JEP 491: Synchronize Virtual Threads without Pinning</a>
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/454">JEP 454: Foreign Function &amp; Memory API</a>
 */
package dev.loompatterns.pinning;
