/**
 * {@code lifecycle}: the thread state diagram, observed rather than drawn.
 *
 * <h2>The problem</h2>
 * Tutorials draw the life of a thread as a diagram: new, runnable, blocked or waiting, terminated.
 * Java names six states ({@link java.lang.Thread.State}) and {@code Thread.getState()} reports
 * them, so the diagram can be walked and checked. A subject thread here steps through each state
 * on a signal from an observer: it spins (RUNNABLE), sleeps (TIMED_WAITING, woken by an
 * interrupt), parks (WAITING), joins a helper thread (WAITING), and enters a monitor the observer
 * holds (BLOCKED); joined, it is TERMINATED. The observer never sleeps "long enough": it polls
 * {@code getState()} (with {@code Thread.onSpinWait} and short parks) until the subject has both
 * announced the step and reached the state, bounded by a 30 s backstop that only a broken run
 * reaches; a step not reached by then is recorded as what was seen instead and ends the walk.
 *
 * {@snippet :
 * if (!reached(subject, Phase.PARKING, Thread.State.WAITING, "park", seen)) { // poll, never sleep
 *     return;                                                               // gave up: seen says why
 * }
 * parkReleased = true;                                                      // the condition first,
 * LockSupport.unpark(subject);                                              // then the wake-up
 * }
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.lifecycle.PlatformLifecycle} and
 * {@link dev.loompatterns.lifecycle.VirtualLifecycle} walk the same diagram with the same code and
 * see the same states: {@code getState()} describes the virtual thread, not its carrier. Where
 * they differ is beneath: a waiting platform thread holds its OS thread, while a sleeping, parked,
 * joining or (since JDK 24, JEP 491) monitor-blocked virtual thread is unmounted and its carrier
 * runs others. The report shows it through {@code toString()}: a spinning virtual thread prints
 * {@code VirtualThread[#27,subject-0]/runnable@ForkJoinPool-1-worker-2}, a parked one
 * {@code .../waiting} with no carrier. {@code jcmd <pid> Thread.dump_to_file -format=json FILE}
 * shows the same: a carrier only for a mounted virtual thread (checked on Temurin 25: a spinning
 * virtual thread's entry had {@code "state": "RUNNABLE", "carrier": "24"}, a parked one
 * {@code "state": "WAITING"} and no carrier).
 * {@link dev.loompatterns.lifecycle.StructuredLifecycle} walks a fork, which {@code fork()} starts
 * at once (so NEW is never seen), and adds the {@code Subtask}'s states: UNAVAILABLE until the
 * fork completes, then SUCCESS, or FAILED for the odd-numbered subjects that throw at their end.
 * After {@code close()} the fork's thread is TERMINATED.
 *
 * <h2>What changes when migrating</h2>
 * Nothing in code that reads states: a monitoring tool that counts BLOCKED or WAITING threads
 * counts virtual ones the same way. What changes is the meaning of a count: a thousand WAITING
 * virtual threads cost a thousand small heap objects, not a thousand OS threads. Tools that
 * enumerate threads ({@code Thread.getAllStackTraces}, {@code ThreadMXBean}) do not list virtual
 * threads; the JSON thread dump does.
 *
 * <h2>Interruption</h2>
 * A walk that fails or whose observer is interrupted releases every step it has not reached, then
 * joins the subject and its helper (or lets the scope's {@code close()} do it), so no thread
 * outlives the run.
 *
 * <h2>Memory consistency effects</h2>
 * The subject and its observer share only volatile fields, a latch and futures
 * ({@code StateWalk}). Starting a thread (or forking) happens-before its first action, and
 * completing the future with its own thread happens-before the observer's {@code get()} returns
 * it. Each release the observer writes (a volatile flag, set before {@code unpark}, since
 * {@code unpark} alone promises no ordering; the latch's {@code countDown()}; the interrupt)
 * happens-before the subject's next step reads it, and leaving the monitor happens-before the
 * subject enters it. The outcome is built on the observing thread, from the states it read
 * itself; the last, {@code TERMINATED}, is read after {@code Thread.join()} (platform and
 * virtual) or the scope's {@code join()} and {@code close()} (structured), and a fork's end
 * happens-before {@code join()} returns, so the subtask's final state is read after it.
 *
 * <h2>The check</h2>
 * Every subject showed every state of its mode's diagram in order (NEW and TERMINATED read
 * directly, the others reached), and every subtask showed UNAVAILABLE then SUCCESS or FAILED as
 * planned. A step the observer gave up on fails it with what was seen instead:
 * {@code showed RUNNABLE in PARKING (timed out), not WAITING(park)}.
 *
 * <h2>JDK facts it rests on</h2>
 * Virtual thread states and their {@code toString()} with the carrier after {@code @} (JEP 444,
 * JDK 21; the format is not specified). A virtual thread blocked on a monitor unmounts since JDK 24
 * (JEP 491); on JDK 21-23 it stayed mounted, pinning its carrier.
 * {@code Subtask.State} is part of {@code StructuredTaskScope}, a preview API in JDK 25 (JEP 505).
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/491">JEP 491: Synchronize Virtual Threads without Pinning</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.lifecycle;
