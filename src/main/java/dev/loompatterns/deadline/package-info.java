/**
 * {@code deadline}: a fan-out that must finish within a time budget, returning what was done in
 * time and leaving nothing running.
 *
 * <h2>The problem</h2>
 * A request fans out to many subtasks and has a fixed budget (200 ms by default). Most subtasks
 * are quick; some are stuck. At the deadline the caller takes what has been delivered, the rest
 * must be stopped, and, as in {@code race}, nothing may still be running once the call returns.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.deadline.PlatformDeadline} submits every subtask to a fixed pool and
 * calls {@code Future.get(timeout)} on each with what is left of the budget, then
 * {@code cancel(true)} on everything (the shared code is
 * {@code FuturesWithin.collect}). The pool size shows: once every pool thread is held by a slow
 * subtask, the quick ones queued behind it never start, and are cancelled unstarted.
 * {@link dev.loompatterns.deadline.VirtualDeadline} is the same code with a virtual thread per
 * subtask, so every subtask starts and only the slow ones are cut off. In both, the submitting stops
 * once the budget is spent, and the subtasks not submitted never start: 1,000,000 virtual subtasks,
 * each submitted, returned 18.8 s after a 200 ms budget (a review, on a loaded 2-core machine), and
 * 315 ms after it once the submitting stopped (here, one run). In both, {@code cancel}
 * interrupts but does not wait; the executor's {@code close()} does.
 * {@link dev.loompatterns.deadline.StructuredDeadline} puts the budget in the scope's
 * configuration:
 *
 * {@snippet :
 * try (var scope = StructuredTaskScope.open(Joiner.<String>awaitAll(),
 *         config -> config.withTimeout(budget))) {
 *     subtasks.forEach(scope::fork);
 *     try {
 *         scope.join();
 *     } catch (StructuredTaskScope.TimeoutException e) {
 *         // the scope is already cancelled: every unfinished fork has been interrupted
 *     }
 *     ...
 * }   // close() waits for the interrupted forks
 * }
 *
 * <h2>What changes when migrating</h2>
 * The deadline arithmetic (time left for each {@code get}), the cancel loop and the wait for the
 * cancelled tasks all go. What stays: subtasks must block interruptibly to be stoppable, and
 * the results delivered in time must be gathered somewhere. In JDK 25 {@code Subtask.get()}
 * throws after a timed-out {@code join()}, so the forks put their results into a concurrent map;
 * JDK 26 (JEP 525; read, not run here) adds {@code Joiner.onTimeout()}, with which a joiner can return the results
 * delivered before the timeout.
 *
 * <h2>Interruption</h2>
 * A caller interrupted while waiting gets {@code InterruptedException} in every form, and every
 * subtask has been interrupted and has ended by then.
 *
 * <h2>Memory consistency effects</h2>
 * Actions in a thread before it submits a subtask to an {@code ExecutorService} happen-before the
 * subtask begins, and the subtask's actions happen-before a {@code Future.get} that returns its
 * result ({@code resultNow()} reads a future already seen done). In the structured form, actions
 * before {@code fork} happen-before the fork; the forks put their results into a
 * {@code ConcurrentHashMap}, whose put happens-before a later read of that key, so the owner's copy
 * of the map after {@code join()}, returned or timed out, holds every result put so far; the
 * scope's {@code close()} then waits for the interrupted forks. Each subtask writes its state to the
 * {@link dev.loompatterns.core.TaskLog}, an {@code AtomicReferenceArray}, so the check, which
 * reads the log the moment the call returned, sees whether any subtask was still running.
 *
 * <h2>The check</h2>
 * Every {@code slow-every}-th subtask (every 4th by default) sleeps {@code slow-ms} (a minute);
 * the others {@code fast-ms}. Each subtask logs its start and its ending
 * ({@link dev.loompatterns.core.TaskLog}). The check passes if the call returned within the
 * budget plus a slack of 2 s (generous: late wake-ups on a loaded 2-core machine are
 * milliseconds to tens of milliseconds; a fan-out that failed to cut its slow subtasks would be
 * a minute late), nothing was cut off (interrupted, or never started) if it returned before the
 * budget (exact: neither {@code Future.get} with a timeout nor the scope's timeout gives up early),
 * no subtask was still running at that moment, and every result delivered is the right one from a
 * subtask that succeeded. It reports how many were delivered, interrupted
 * and never started. Unit tests assert no time at all.
 *
 * <h2>JDK facts it rests on</h2>
 * {@code StructuredTaskScope} and {@code Configuration.withTimeout} are preview APIs in JDK 25
 * (JEP 505); in JDK 26 (JEP 525; read, not run here) the configuration function becomes a {@code UnaryOperator} and
 * joiners gain {@code onTimeout()}. {@code Future.state()} and {@code resultNow()} are final
 * since JDK 19. Measured with {@code ./loom compare deadline} on the 2-core project machine (2026-11-22)
 * (50 subtasks, 12 slow, budget 200 ms): each form returned in 200-202 ms; the pool of 8 delivered
 * 24 results and never started 18, the virtual and structured forms delivered 38.
 *
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 * @see <a href="https://openjdk.org/jeps/525">JEP 525: Structured Concurrency (Sixth Preview)</a>
 */
package dev.loompatterns.deadline;
