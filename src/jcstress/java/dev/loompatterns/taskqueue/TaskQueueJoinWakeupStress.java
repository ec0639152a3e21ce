package dev.loompatterns.taskqueue;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * {@code join} racing with the last {@code taskDone}: whether the joiner is already parked or
 * still on its way in, the signal must not be lost. A joiner that stays blocked after the last
 * task is done is the bug this forbids.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "join returned after the last taskDone")
@Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: join still blocked with nothing unfinished")
@State
public class TaskQueueJoinWakeupStress {

    private final TaskQueue<Integer> queue = StressQueues.withTaken(1);

    @Actor
    public void joiner() throws InterruptedException {
        queue.join();
    }

    @Signal
    public void lastDone() {
        queue.taskDone();
    }
}
