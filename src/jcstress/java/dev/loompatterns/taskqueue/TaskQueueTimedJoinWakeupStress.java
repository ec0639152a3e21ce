package dev.loompatterns.taskqueue;

import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * The timed {@code join(Duration)} racing with the last {@code taskDone}, as
 * {@link TaskQueueJoinWakeupStress} races the untimed one: parked in {@code awaitNanos} or still
 * on its way in, the joiner must be woken, not left to wait out its (here much longer) timeout.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "join(Duration) returned after the last taskDone")
@Outcome(
        id = "STALE",
        expect = Expect.FORBIDDEN,
        desc = "lost wake-up: join(Duration) still waiting with nothing unfinished")
@State
public class TaskQueueTimedJoinWakeupStress {

    /** Far longer than jcstress waits before it calls a test stale. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final TaskQueue<Integer> queue = StressQueues.withTaken(1);

    @Actor
    public void joiner() throws InterruptedException {
        queue.join(TIMEOUT);
    }

    @Signal
    public void lastDone() {
        queue.taskDone();
    }
}
