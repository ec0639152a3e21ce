package dev.loompatterns.exceptions;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.FailedException;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * The two ways a scope reports failures. With {@code StructuredTaskScope.open()} (the joiner
 * {@code awaitAllSuccessfulOrThrow}) the first failure cancels the scope: every sibling still
 * running is interrupted, {@code join()} throws {@link FailedException} whose cause is that first
 * failure, and {@code close()} returns only when every fork has ended. Failures that would have
 * come later are never reported: that is the point of failing fast. When every outcome is wanted,
 * {@code Joiner.awaitAll()} lets every fork finish and each {@link Subtask} holds its result or
 * its exception.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); compile and run
 * with {@code --enable-preview}.
 */
public final class StructuredExceptions implements Form {

    @Override
    public List<Outcome> runAll(int tasks, int failEvery) throws InterruptedException {
        return List.of(failFast(new Tasks(tasks, failEvery)), awaitAll(new Tasks(tasks, failEvery)));
    }

    /** Task 0 fails once every sibling is running; the siblings wait until the scope cancels them. */
    private static Outcome failFast(Tasks tasks) throws InterruptedException {
        CountDownLatch siblingsStarted = new CountDownLatch(tasks.count - 1);
        String carrier = "nothing (join returned normally)";
        try (var scope = StructuredTaskScope.<Integer>open()) {
            scope.fork(() -> {
                siblingsStarted.await(); // BLOCKS-UNTIL: every sibling runs, so each can be seen interrupted
                return tasks.work(0);
            });
            for (int i = 1; i < tasks.count; i++) {
                Threads.stopStartingIfInterrupted(i); // close() cancels those forked
                int task = i;
                scope.fork(() -> {
                    siblingsStarted.countDown();
                    return tasks.waitToBeCancelled(task);
                });
            }
            scope.join();
        } catch (FailedException e) {
            // close() has run: every sibling has ended. FailedException does not say which fork failed;
            // the caller knows it is task 0, the only one set to fail (the siblings wait to be cancelled)
            tasks.report(0, e.getCause());
            carrier = "join()'s FailedException";
        }
        Set<Integer> siblings = new TreeSet<>();
        for (int i = 1; i < tasks.count; i++) {
            siblings.add(i);
        }
        return tasks.summarize("fail-fast", carrier, Set.of(0), siblings, false);
    }

    private static Outcome awaitAll(Tasks tasks) throws InterruptedException {
        try (var scope = StructuredTaskScope.open(Joiner.<Integer>awaitAll())) {
            List<Subtask<Integer>> subtasks = new ArrayList<>(tasks.count);
            for (int i = 0; i < tasks.count; i++) {
                Threads.stopStartingIfInterrupted(i); // close() cancels those forked
                int task = i;
                subtasks.add(scope.fork(() -> tasks.work(task)));
            }
            scope.join(); // never throws for a failed fork: awaitAll wants every outcome
            for (int task = 0; task < subtasks.size(); task++) {
                Subtask<Integer> subtask = subtasks.get(task);
                if (subtask.state() == Subtask.State.FAILED) {
                    tasks.report(task, subtask.exception());
                }
            }
        }
        return tasks.summarize("await-all", "Subtask.exception()", tasks.failing(), Set.of(), false);
    }
}
