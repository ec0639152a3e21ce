/**
 * {@code daemon-threads}: a background ticker that must not keep the program alive.
 *
 * <h2>The problem</h2>
 * The tutorial starts a background task with {@code daemon=True} and lets the main thread finish:
 * the program ends although the task never would. A JVM likewise exits when its last non-daemon
 * thread ends, and abandons daemon threads where they stand, without unwinding them (no
 * {@code finally} block runs). Whether a JVM exits can only be seen from outside it, so every
 * run here starts child JVMs ({@code TickerChild}, with the running JVM's own {@code java} and
 * class path) and reads what they print, in order: {@code tick n}, {@code main-returning},
 * {@code ticker-ended} (the ticker's {@code finally}), and {@code jvm-exiting} (a shutdown hook).
 * The JVM exited while the ticker ran exactly when {@code jvm-exiting} came and
 * {@code ticker-ended} did not come before it.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.daemonthreads.PlatformDaemonThreads} runs two children: with a
 * non-daemon ticker the JVM outlives {@code main} until the ticker ends; with
 * {@code daemon(true)} it exits at once.
 * {@link dev.loompatterns.daemonthreads.VirtualDaemonThreads}: every virtual thread is a daemon and
 * {@code setDaemon(false)} throws {@link java.lang.IllegalArgumentException}, so a program whose
 * only work is on virtual threads exits as soon as {@code main} returns; the second child shows
 * the fix, {@code main} joining the thread it needs.
 * {@link dev.loompatterns.daemonthreads.StructuredDaemonThreads} forks the ticker beside the work;
 * the scope's joiner ({@code anySuccessfulResultOrThrow}) cancels the scope when the work
 * succeeds, which interrupts the ticker, and {@code close()} waits for it. Nothing is left in the
 * background, so the question of daemon or not does not arise.
 *
 * {@snippet :
 * try (var scope = StructuredTaskScope.open(Joiner.<String>anySuccessfulResultOrThrow())) {
 *     scope.fork(() -> { ticker.tick(); return "ticker"; });      // runs until cancelled
 *     scope.fork(() -> { doTheWork(); return "work"; });          // its success cancels the ticker
 *     scope.join();
 * }                                                               // the ticker has ended here
 * }
 *
 * <h2>What changes when migrating</h2>
 * A non-daemon platform thread that the program relied on to stay alive (a server's accept loop
 * started from {@code main}) becomes, on a virtual thread, a daemon: the JVM exits under it.
 * {@code main} must wait explicitly ({@code join}, a latch, or a scope). A daemon platform thread
 * becomes a virtual thread with no change; but a daemon is killed mid-step at exit, so work that
 * must finish belongs in a scope (or a shutdown hook), not in a daemon.
 *
 * <h2>Interruption and leftovers</h2>
 * A child still alive after a 60 s backstop is stopped (asked, then killed 5 s later), and every
 * child is stopped and waited for before a run returns, also when the run is interrupted, which
 * stops them at once: no child JVM outlives it. The
 * ticker also ends by itself, 30 ticks (300 ms) after {@code main}'s last line where the JVM should
 * wait for it and 1,000 (10 s) where it should not (counted from the ticks {@code main} waited for
 * where {@code main} joins it), and after 6,000 ticks at the most, so even an orphaned child ends.
 *
 * <h2>Memory consistency effects</h2>
 * In the child, starting the ticker's thread (or forking it) happens-before its first tick, and
 * the ticker's {@code countDown()} on the tick latch happens-before {@code main}'s return from
 * {@code awaitTicks()}, so {@code main} reads a live ticker after the ticks it waited for. Every
 * line goes through {@code System.out}, a {@code PrintStream} that locks around each
 * {@code println}: one line's unlock happens-before the next line's lock, so the order of the
 * lines is the order in which the threads (and the shutdown hook) printed them, which is the
 * evidence the parent reads. In the virtual form, the ticker's end happens-before {@code join()}
 * returns in {@code main}; in the structured form, every fork's end (the ticker's {@code finally}
 * included) happens-before {@code scope.join()} returns. The parent waits for each child with
 * {@code Process.waitFor()}, then reads on the calling thread the file the child's output went to,
 * whole once the process has exited, and checks the reports on that same thread.
 *
 * <h2>The check</h2>
 * Every child exited by itself with status 0; the JVM exited while the ticker ran for the daemon
 * and virtual-main-returns children, and only after it ended for the others; the virtual children
 * saw {@code setDaemon(false)} throw; the structured ticker ended before {@code main} returned.
 * The one duration it rests on: a JVM whose last non-daemon thread has ended begins to exit
 * before a ticker it should not wait for ends, 1,000 ticks (10 s) after {@code main} returned.
 * The exit (the child launcher's report after {@code main}, then the JVM's own shutdown) needs
 * CPU, and a CPU-bound process beside the children, or the children themselves started together
 * on few cores, can slow it, so the slack is wide; a passing run never waits it out, since the JVM
 * exits under the ticker. A ticker the JVM should wait for ends 30 ticks after
 * {@code main}, which such a run does wait out. The daemon children's detail says how many ticks
 * came between {@code main} returning and the JVM beginning to exit.
 *
 * <h2>JDK facts it rests on</h2>
 * Virtual threads are always daemon threads, and {@code setDaemon(false)} on one throws
 * {@code IllegalArgumentException} (JEP 444, final in JDK 21). {@code StructuredTaskScope} and
 * its joiners are a preview API in JDK 25 (JEP 505): {@code close()} cancels the scope if it was
 * not cancelled and waits for every fork. Measured on the 2-core project machine, shared with
 * other builds, with {@code ./loom compare daemon-threads --repeat 3}: medians of 512 ms
 * (platform) and 545 ms (virtual), each waiting out a ticker's 30 ticks in one child, and 114 ms
 * (structured); the rest is JVM start-up.
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.daemonthreads;
