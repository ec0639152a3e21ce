package dev.loompatterns.taskqueue;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The memory consistency effect the javadoc promises: what a consumer wrote before
 * {@code taskDone} is visible after {@code join} returns. Two items are taken; each consumer
 * writes a plain (non-volatile) field and marks its item done; the joiner, once released, must see
 * both writes. The joiner blocks only on the two consumers, which never block, so every iteration
 * ends.
 */
@JCStressTest
@Outcome(id = "1, 2", expect = Expect.ACCEPTABLE, desc = "both results visible after join")
@Outcome(expect = Expect.FORBIDDEN, desc = "join returned before, or without seeing, a consumer's write")
@State
public class TaskQueueJoinVisibilityStress {

    private final TaskQueue<Integer> queue = StressQueues.withTaken(2);
    private int first;  // plain fields on purpose: only the queue orders them
    private int second;

    @Actor
    public void consumerOne() {
        first = 1;
        queue.taskDone();
    }

    @Actor
    public void consumerTwo() {
        second = 2;
        queue.taskDone();
    }

    @Actor
    public void joiner(II_Result r) {
        try {
            queue.join();
        } catch (InterruptedException e) {
            r.r1 = -1; // the harness gave up on this iteration: FORBIDDEN, and visible as such
            return;
        }
        r.r1 = first;
        r.r2 = second;
    }
}
