package dev.loompatterns.taskqueue;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@code put} and {@code taskDone} racing on the unfinished count: one item is already taken,
 * one actor puts a second while the other marks the first done. Both update the same count
 * under the lock, so neither update may be lost: one task unfinished, one item queued.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "one unfinished, one queued: no update lost")
@Outcome(expect = Expect.FORBIDDEN, desc = "a put or a taskDone was lost")
@State
public class TaskQueueCountStress {

    private final TaskQueue<Integer> queue = StressQueues.withTaken(1);

    @Actor
    public void producer() {
        queue.put(2);
    }

    @Actor
    public void consumer() {
        queue.taskDone();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = (int) queue.unfinishedTasks();
        r.r2 = queue.size();
    }
}
