/**
 * {@code timer}: run an action once after a delay, cancel it before it fires, or run it at a
 * fixed rate.
 *
 * <h2>The problem</h2>
 * Python's {@code threading.Timer(interval, function)}: {@code start()} runs the function once,
 * {@code interval} seconds later, on a thread of its own; {@code cancel()} stops it if it is still
 * waiting. Repeating work is a timer that re-arms itself, and a timer that re-arms after each run
 * drifts: every tick's wake-up and work pushes all later ticks back. The promises to keep are
 * three: an action runs once, never before its delay, and never after a cancel that succeeded.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.timer.PlatformTimer} is the form to migrate from: a
 * {@code ScheduledThreadPoolExecutor} of a few threads ({@code -P pool-size}, 2 by default) with
 * {@code schedule}, {@code Future.cancel} and {@code scheduleAtFixedRate}, whose next time is the
 * previous time plus the period, so it does not drift. Few threads serve every timer, which is
 * fine while actions are short.
 * {@link dev.loompatterns.timer.VirtualTimer} is Python's own shape made cheap: a virtual thread
 * per timer that waits, then acts. Python's {@code Timer} waits on an {@code Event} with the
 * interval as timeout, and {@code cancel()} sets the event; here a timer waits on its own
 * {@code CountDownLatch} with a timeout ({@code TimerState.awaitDue}): the timeout is the delay,
 * the latch is the cancel. A waiting virtual thread is unmounted, so pending timers hold no
 * carrier. A ticking timer waits until {@code start + k * period}, computed from its start and not
 * from its last tick:
 *
 * {@snippet :
 * for (int k = 1; k <= ticks; k++) {
 *     state.awaitDue(start + k * period);   // not a wait of one period: that drifts
 *     action.run(k);
 * }
 * }
 *
 * The virtual threads are a {@code core.Crew}, which behaves like a scope: the first action to
 * throw interrupts the other timers, and {@code awaitAll()} throws it.
 * {@link dev.loompatterns.timer.StructuredTimer} forks each timer in one
 * {@code StructuredTaskScope} with a deadline ({@code Configuration.withTimeout}: the last timer's
 * time plus a minute), so no timer outlives its owner and a hung one becomes a failure. Its timers
 * wait on the same latch, and have to: a fork is not interrupted on its own (interrupting forks is
 * how a scope cancels them all). So the virtual and the structured forms' timers are the same
 * (a crew's start against a scope's fork); the structured form also owns its scope's deadline and
 * turns {@code StructuredTaskScope}'s exceptions into the form's, which the crew does for the
 * virtual one. It keeps the scope in view rather than inside {@code core.Crew}: the scope's API
 * is what this form is here to show.
 *
 * <h2>Who wins, the cancel or the timer</h2>
 * In every form one compare-and-set ({@code TimerState}) decides: the timer fires only if it
 * turns PENDING into FIRED, and {@code cancel()} returns true only if it turns PENDING into
 * CANCELLED. The scheduled pool needs it as much as the threads do: {@code Future.cancel(false)}
 * returns true even while the action is running, because a {@code FutureTask} stays NEW until its
 * action returns, so its answer cannot mean "it never ran". Python's {@code Timer.cancel()}
 * returns nothing at all; here a true answer is a promise. A ticking timer turns FIRED back into
 * PENDING after each tick; a cancel during a tick turns FIRED into CANCELLED, so that tick runs to
 * its end, undisturbed (no interrupt in any form), and no later tick starts.
 *
 * <h2>The wrong way: blocking actions on a scheduled pool</h2>
 * In {@code blocking-actions} every timer is due at the same instant and its action blocks for
 * {@code block-ms}. On the pool of 2, the third timer waits until one of the first two actions ends,
 * so it is at least {@code block-ms} late, and the last of 20 starts nine blocking actions late: a
 * pool sized for short actions turns blocking ones into lateness for everyone else. With a virtual
 * thread (or a fork) per timer no timer waits for another. The check says {@code shown} when a timer
 * ran on a thread that had run another timer's action before it and started at least
 * {@code block-ms} after its time, {@code not shown} otherwise (the virtual and structured forms,
 * whose threads each run one action). It asks which thread ran each action, not only how late:
 * a stall (a GC pause, a cold JVM, a busy machine) can make any timer {@code block-ms} late, and
 * then it waited for nobody.
 *
 * <h2>Memory consistency effects</h2>
 * What the owner did before scheduling a timer happens-before its action: submitting to an
 * executor, starting a thread and forking all give that edge. Each action's own record (its fire
 * count and times) is written to atomic arrays, and the owner reads them only after
 * {@code awaitAll()}: completing the future the owner waits on, a thread's end before its join,
 * and a fork's end before {@code scope.join()} each happen-before the read. A cancel that
 * returned true happens-before the cancelled timer's look at its state, which is why it then
 * leaves without acting.
 *
 * <h2>The check</h2>
 * {@code once}: timers with delays spread from {@code delay-ms} to twice it each fired exactly
 * once, none before its delay (measured with {@code System.nanoTime}, the clock the timers wait
 * on, from just before the owner scheduled it; no slack is needed and no upper bound is set).
 * {@code cancel}: the owner cancels every second timer once all are scheduled; a timer whose
 * {@code cancel()} returned true never fired, and every other fired once and on time. A cancel
 * that said false must have come after the timer's delay (read when {@code cancel()} returned; a
 * timer never fires before its delay, so a false answer earlier means a cancel that does not
 * work); one that came too late, on a loaded machine, is reported, not failed. {@code fixed-rate}:
 * each of the {@code ticks} ticks came exactly once, the k-th not before the start plus k periods.
 * With 20 ticks or more (the default is 20), drift is told by a catch-up: some tick less than a
 * period after the one before, which a re-armed timer never shows, at any load, and a fixed-rate one
 * shows unless each of its wake-ups happened to be later than the last (for wake-ups whose lateness
 * varied independently, one chance in 20! for 20; under load they are not independent, and this was
 * not measured, but 2 of 48 fresh runs beside two busy loops failed the bound and none the catch-up),
 * or its pool has too few threads for all its timers' ticks, so that each waits behind the others'
 * (that pool does not keep the rate either, and fails too). With fewer ticks drift is not judged,
 * and the check says so: a punctual timer's last tick is late by one wake-up, a drifting one's by
 * the sum of them all, but a loaded machine's stall makes one wake-up as late as many. A bound on
 * that lateness (a quarter of the span, {@code ticks * period}, plus 100 ms) judged at 20 ticks too
 * until 2026-12-01, when a review's fresh runs beside two busy loops (a load of 10 to 20 on 2 cores)
 * failed a punctual timer in 2 of 48, its last tick 132 and 171 ms late (bound 125 ms); and below 20
 * until 2026-12-04, when another's failed 13 of 24 with {@code -P ticks=10}, up to 387.5 ms late.
 * {@code blocking-actions}: the same properties, plus
 * which timers waited for another's action, as above.
 *
 * <h2>What changes when migrating</h2>
 * A {@code ScheduledExecutorService} whose actions are short can stay. One whose actions block (a
 * call, a lock, I/O) needs either more threads or a virtual thread per action: keep the pool as
 * the clock and hand each action to a virtual thread, or make each timer a virtual thread. And a
 * hand-made repeating timer must compute every deadline from its start.
 *
 * <h2>JDK facts it rests on</h2>
 * A timed wait ({@code CountDownLatch.await} with a timeout) parks a virtual thread, which unmounts
 * it (JEP 444); a timer checks {@code System.nanoTime} before it acts, so it never acts before its
 * time. {@code ScheduledThreadPoolExecutor.scheduleAtFixedRate} runs late ticks at once
 * to catch up, and a periodic task cancelled from its own run is not scheduled again.
 * {@code StructuredTaskScope} and {@code Configuration.withTimeout} are preview APIs in JDK 25
 * (JEP 505). Measured with {@code ./loom compare timer --wide} on the 2-core project machine (20
 * timers, defaults; 2026-11-30, after the virtual form moved to a latch wait, 4 runs, load 2-3):
 * every run passed; the fixed-rate timers' last tick was late by 5.1-6.6 ms on the pool, 0.2-1.9 ms
 * on virtual threads and 0.2-0.6 ms on forks (bound 125 ms); with blocking actions the pool of 2
 * started timers late by up to 226.9-229.5 ms (18 of 20 late in the run that counted them), and none
 * on virtual threads or forks (at most 0.4-1.2 ms). Beside one CPU-bound process, {@code ./loom run
 * timer} and its {@code blocking-actions} variant passed 3 of 3 each (the sleeping virtual form
 * before it passed beside three).
 *
 * @see <a href="https://docs.python.org/3/library/threading.html#timer-objects">Python: Timer objects</a>
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.timer;
