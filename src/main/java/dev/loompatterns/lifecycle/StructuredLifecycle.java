package dev.loompatterns.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * The walk as a fork, and the subtask's own states beside the thread's. A fork starts at once, so
 * its thread is never seen NEW by the owner, which never holds it: the fork hands its thread over
 * only so the observer can read its state. The {@link Subtask} is UNAVAILABLE until its fork
 * completes, then SUCCESS (with a result) or FAILED (with an exception); a fork cancelled before it
 * completed stays UNAVAILABLE. After {@code close()} the fork's thread is TERMINATED: no fork
 * outlives its scope.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); compile and run
 * with {@code --enable-preview}.
 */
public final class StructuredLifecycle implements Form {

    @Override
    public Outcome observe(int task) throws InterruptedException {
        StateWalk walk = new StateWalk(task, task % 2 == 1);
        List<String> seen = new ArrayList<>();
        List<String> subtaskStates = new ArrayList<>();
        Thread subject = null;
        // awaitAll: the subject's planned failure must not cancel the helper
        try (var scope = StructuredTaskScope.open(Joiner.<Object>awaitAll(), cf -> cf.withName("lifecycle-" + task))) {
            scope.fork(() -> walk.helper());
            Subtask<Integer> subtask = scope.fork(walk::subject);
            try {
                subject = walk.subjectThread();
                subtaskStates.add(subtask.state().name());
                walk.drive(subject, seen);
            } finally {
                walk.release(subject);
            }
            scope.join();
            subtaskStates.add(subtask.state().name());
        }
        seen.add(subject.getState().name()); // the scope is closed: must read TERMINATED
        return new Outcome(task, seen, subtaskStates, walk.mountedAs(), walk.parkedAs(), walk.blockedAs());
    }
}
