package dev.loompatterns.taskqueue;

import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * What {@code join(Duration.ZERO)} answers while the last {@code taskDone} races it. The racing
 * check may say done (1) or not yet (0); told done, it must also see the plain write the consumer
 * made before {@code taskDone} (else -1). Once both actors are done, a check must say done.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "the racing check came after the taskDone, and saw the write")
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "the racing check came before the taskDone")
@Outcome(
        expect = Expect.FORBIDDEN,
        desc = "told done without the write visible (-1), or still unfinished after both (r2 = 0)")
@State
public class TaskQueueTimedJoinResultStress {

    private final TaskQueue<Integer> queue = StressQueues.withTaken(1);
    private int result; // a plain field on purpose: only the queue orders it

    @Actor
    public void consumer() {
        result = 42;
        queue.taskDone();
    }

    @Actor
    public void checker(II_Result r) {
        r.r1 = !join() ? 0 : result == 42 ? 1 : -1;
    }

    @Arbiter
    public void after(II_Result r) {
        r.r2 = join() ? 1 : 0;
    }

    private boolean join() {
        try {
            return queue.join(Duration.ZERO);
        } catch (InterruptedException e) {
            throw new AssertionError("nothing interrupts a stress actor", e);
        }
    }
}
