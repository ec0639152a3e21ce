/**
 * {@code race}: ask several mirrors of one resource at once, take the first answer that succeeds,
 * and cancel the rest.
 *
 * <h2>The problem</h2>
 * The same file is on several mirrors with different latencies, and some mirrors are down. The
 * caller wants the first good answer, not the first answer: a mirror that fails fast must not
 * win. Once there is a winner, the others are wasted work and must stop, and the call should not
 * return while they are still unwinding (a loser that keeps a connection or a file open past the
 * call is a leak). Only if every mirror fails should the caller see a failure.
 *
 * <h2>The three forms</h2>
 * {@link dev.loompatterns.race.PlatformRace} calls {@code ExecutorService.invokeAny} on a fixed
 * pool of platform threads, one per mirror. {@link dev.loompatterns.race.VirtualRace} is the same
 * call on {@code Executors.newThreadPerTaskExecutor} with a factory of virtual threads named as the
 * pool's were ({@code mirror-0}, {@code mirror-1}, ...). Both get the semantics right
 * (failures skipped unless all fail; the losers cancelled with an interrupt) but invokeAny
 * returns without waiting for the losers to end. The pool's submits lazily (it polls for a result
 * before each further submit), so with a quick winner the slowest mirrors may never be asked; the
 * thread-per-task executor's starts a thread for every mirror at once (JDK 25's
 * {@code ThreadPerTaskExecutor.invokeAny}, read), so every mirror is asked. Closing the executor is
 * what waits, so each race has its own. {@link dev.loompatterns.race.StructuredRace} forks every
 * mirror in a scope opened with {@code Joiner.anySuccessfulResultOrThrow()}: {@code join()} returns the first success and
 * cancels the scope, and the scope cannot be left before {@code close()} has waited for the
 * losers.
 *
 * {@snippet :
 * try (var scope = StructuredTaskScope.open(Joiner.<String>anySuccessfulResultOrThrow())) {
 *     for (Callable<String> mirror : mirrors) {
 *         scope.fork(mirror);
 *     }
 *     return scope.join();   // the first success; losers interrupted; FailedException if all fail
 * }                          // close() returns only once every loser has ended
 * }
 *
 * <h2>What changes when migrating</h2>
 * From invokeAny: the exception when all fail is {@code StructuredTaskScope.FailedException}
 * (a mirror's exception as its cause) instead of {@code ExecutionException}; every mirror is
 * forked up front; and waiting for the losers is no longer the caller's job. A long-lived pool
 * kept across races would need an explicit wait (a latch counted down by each task as it ends),
 * which is the code the scope makes unnecessary.
 *
 * <h2>Interruption</h2>
 * Losers are cancelled by interrupting them: a mirror must block interruptibly (sleep, socket
 * I/O on a virtual thread, {@code HttpClient.send}) for the cancel to work. If the caller itself
 * is interrupted, every form throws {@code InterruptedException} after every mirror has ended.
 *
 * <h2>Memory consistency effects</h2>
 * Actions in a thread before it submits a task to an {@code ExecutorService} happen-before the
 * task begins, and the winner's actions happen-before {@code invokeAny} returns its result. A
 * loser may still be unwinding then; the executor's {@code close()} waits until every loser has
 * ended, which is why the platform and virtual forms close their executor before returning the
 * answer. In the structured form,
 * actions before {@code fork} happen-before the fork, and every fork's actions, losers' included,
 * happen-before the scope's {@code close()} returns. Each mirror writes its state to the
 * {@link dev.loompatterns.core.TaskLog}, an {@code AtomicReferenceArray}, so the check, which
 * reads the log after the race returned, sees every mirror's last state.
 *
 * <h2>The check</h2>
 * Mirror 0 fails at once, mirror 1 answers after {@code latency-ms}, and each further mirror
 * would answer {@code gap-ms} (5 s by default, 1 s at the least, so that no stall of a loaded machine lets a
 * slower mirror answer first; it costs no time, as the losers are interrupted) later than the one before. Every
 * mirror logs its
 * start and its ending ({@link dev.loompatterns.core.TaskLog}); the check reads the log the
 * moment the race returns. It passes if mirror 1 won every race, exactly one mirror succeeded,
 * every other loser was interrupted or never started, and none was still running. In the
 * {@code all-fail} variant the race must throw, with every mirror failed and ended.
 *
 * <h2>JDK facts it rests on</h2>
 * {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505). JDK 26 (JEP 525; read, not run
 * here) renames {@code Joiner.anySuccessfulResultOrThrow()} to {@code anySuccessfulOrThrow()}; it is called
 * once, in {@code StructuredRace.race}. {@code ExecutorService.close()} (JDK 19) waits for
 * running tasks and, if interrupted, cancels them and keeps waiting.
 *
 * @see <a href="https://openjdk.org/jeps/505">JEP 505: Structured Concurrency (Fifth Preview)</a>
 * @see <a href="https://openjdk.org/jeps/525">JEP 525: Structured Concurrency (Sixth Preview)</a>
 */
package dev.loompatterns.race;
