/**
 * {@code backpressure}: a burst of submissions under a limit, and what to do with the excess.
 *
 * <h2>The problem</h2>
 * Work arrives faster than it can be done. Something has to say how much may run at once (the
 * limit) and what happens to a submission beyond it (the policy): refuse it and say so (shed), or
 * hold the submitter until there is room (wait). Either is fine; what is never fine is a task that
 * is neither done nor refused, or a limit that is silently exceeded.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.backpressure.Ledger} is the same in every mode: it counts submissions,
 * tasks done and tasks shed, each task exactly once, and measures the tasks in flight.
 * {@link dev.loompatterns.backpressure.PlatformBackpressure} is the classic form: a
 * {@code ThreadPoolExecutor} with {@code limit} threads, an {@code ArrayBlockingQueue} of
 * {@code queue} slots, and a {@code RejectedExecutionHandler}: {@code AbortPolicy} to shed
 * ({@code submit} throws {@code RejectedExecutionException}), {@code CallerRunsPolicy} to wait
 * (the caller runs the task itself, and submits nothing more meanwhile).
 * {@link dev.loompatterns.backpressure.VirtualBackpressure} starts a virtual thread per task
 * behind a {@code Semaphore} of {@code limit} permits that the submitter takes before each task
 * ({@link dev.loompatterns.backpressure.Admission}): {@code tryAcquire(timeout)} to shed, and its
 * {@code false} is the refusal; {@code acquire()} to wait.
 * {@link dev.loompatterns.backpressure.StructuredBackpressure} forks a subtask per task behind
 * the same semaphore, in a {@code StructuredTaskScope}.
 *
 * {@snippet :
 * // BEFORE: the limit and the policy are the pool's constructor arguments
 * var pool = new ThreadPoolExecutor(limit, limit, 0, MILLISECONDS,
 *         new ArrayBlockingQueue<>(queue), new ThreadPoolExecutor.AbortPolicy());
 * try { results.add(pool.submit(task)); } catch (RejectedExecutionException e) { shed++; }
 * // AFTER: a thread per task; the limit is a Semaphore, the policy a choice at the call
 * Semaphore permits = new Semaphore(limit);
 * try (var perTask = Executors.newVirtualThreadPerTaskExecutor()) {
 *     if (permits.tryAcquire(timeout, MILLISECONDS)) {   // shed; or permits.acquire() to wait
 *         results.add(perTask.submit(() -> { try { task.run(); } finally { permits.release(); } }));
 *     } else {
 *         shed++;
 *     }
 * }
 * for (var result : results) result.get();   // in both: a task's exception is in its future
 * }
 *
 * <h2>What changes when migrating</h2>
 * A bounded pool is a limit and a policy at once, and its size is the limit by accident of being a
 * thread count. {@code newVirtualThreadPerTaskExecutor()} has no queue and no handler: it accepts
 * every task and starts a thread for it, so it can neither refuse nor slow anybody down. Code that
 * relied on the pool to push back must say so when it moves to virtual threads: a semaphore for
 * the limit (JEP 444: never pool virtual threads; limit the resource), and at the call, the policy
 * the handler used to hide. Taking the permit in the submitter, not in the task, keeps the
 * backpressure where it was: the caller is refused or slowed, and no more than {@code limit}
 * tasks are in flight at once, where a permit taken inside the task would let the burst start a
 * parked thread per task. Tasks, not threads: a task releases its permit in {@code finally},
 * before its thread has ended, so for a moment a finishing thread and the one started on its
 * permit can both exist (at most {@code limit} threads started and not yet at that release, plus
 * those unwinding after it). The queue has no direct equivalent: under {@code shed} its role (how much
 * excess to absorb before refusing) passes to the timeout, a bound in time rather than in slots;
 * under {@code wait} the waiting submitter is the queue. The timeout also paces the caller: each
 * refusal first costs it up to the timeout, in which tasks end and free permits. Measured with the
 * defaults on 2 cores ({@code ./loom compare backpressure}, five runs): the pool shed 160 to 178
 * of the 200 (its queue is full within microseconds of the burst's start), the semaphore with a
 * 1 ms timeout 30 to 53, in virtual and structured mode alike.
 *
 * <p>{@code CallerRunsPolicy} has a catch the check makes visible: the caller becomes one more
 * worker. A pool of {@code limit} threads under caller-runs has {@code limit + 1} tasks in flight
 * at its peak, so the platform form gives the pool {@code limit - 1} threads (and {@code -P limit}
 * is at least 2). A semaphore has no such off-by-one: the permits are the limit, whoever runs.
 *
 * <h2>Memory consistency effects</h2>
 * Every count is an atomic, so an update happens-before a later read of it. A task's release of
 * its permit happens-before the acquire that takes it back (the semaphore's guarantee), so the
 * next task admitted sees its predecessor counted out of flight. Submitting a task to an executor
 * happens-before it runs, and a task's end happens-before {@code Future.get} (or the scope's
 * {@code join()}) returns, so the figures the check reads after joining every task are final.
 *
 * <h2>The check</h2>
 * Every task was counted exactly once, done or shed, and done + shed equals submitted: nothing is
 * dropped silently. The most tasks in flight at once, measured by a counter inside the task (not
 * assumed from a thread count), never exceeds the limit. {@code wait} sheds nothing. A task is
 * counted shed only where the caller is refused, and the detail names what the caller saw: the
 * {@code RejectedExecutionException} from {@code submit}, or the {@code false} from
 * {@code tryAcquire}; a task a pool drops without telling the caller is counted neither done nor
 * shed, and fails the check. The defaults (200 tasks of 5 ms, limit 10, a queue of 10, a timeout
 * of 1 ms) make a burst that outruns the limit, so {@code shed} sheds; if it did not this time, the
 * detail says so, and that is not a failure.
 *
 * <h2>JDK facts it rests on</h2>
 * JEP 444 (JDK 21): virtual threads, and "do not pool virtual threads". A virtual thread parked in
 * {@code Semaphore.acquire()} unmounts. {@code ThreadPoolExecutor}'s handlers
 * ({@code AbortPolicy}, {@code CallerRunsPolicy}, {@code DiscardPolicy},
 * {@code DiscardOldestPolicy}); the two discard policies drop tasks silently, which is why this
 * pattern does not use them. {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 *
 * @see <a href="https://openjdk.org/jeps/444">JEP 444: Virtual Threads</a>
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 */
package dev.loompatterns.backpressure;
