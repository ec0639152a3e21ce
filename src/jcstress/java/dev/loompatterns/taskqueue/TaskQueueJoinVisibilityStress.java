package dev.loompatterns.taskqueue;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The memory consistency effect the javadoc promises: what a consumer wrote before
 * {@code taskDone} is visible after {@code join} returns. Two items are taken; the consumer
 * writes a plain (non-volatile) field before marking each done; the joiner, once released, must see
 * both writes. Two actors, not three: jcstress silently skips a test with more actors than the
 * machine has CPUs, and the project machine (and CI) has two. The joiner blocks only on the
 * consumer, which never blocks, so every iteration ends.
 */
@JCStressTest
@Outcome(id = "1, 2", expect = Expect.ACCEPTABLE, desc = "both results visible after join")
@Outcome(expect = Expect.FORBIDDEN, desc = "join returned before, or without seeing, a write made before a taskDone")
@State
public class TaskQueueJoinVisibilityStress {

    private final TaskQueue<Integer> queue = StressQueues.withTaken(2);
    private int first; // plain fields on purpose: only the queue orders them
    private int second;

    @Actor
    public void consumer() {
        first = 1;
        queue.taskDone();
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
