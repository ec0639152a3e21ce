package dev.loompatterns.eventsignal;

import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * jcstress tests of {@link ResettableEvent}: the properties one run of the pattern cannot show,
 * checked under the interleavings and compiler modes jcstress tries. Each nested class is one
 * test, named {@code ResettableEventStress.X} in the report; run them alone with
 * {@code -Djcstress.tests=ResettableEventStress}.
 */
public final class ResettableEventStress {

    private ResettableEventStress() {}

    /** The waiter: blocks in {@code await()}; an interrupt (jcstress ends a stale actor so) just ends it. */
    static void awaitQuietly(ResettableEvent event) {
        try {
            event.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("A thread blocked in await() returns after set().")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "set() released the waiter")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "the waiter missed the set(): a lost wake-up")
    @State
    public static class SetReleasesWaiter {
        final ResettableEvent event = new ResettableEvent();

        @Actor
        public void waiter() {
            awaitQuietly(event);
        }

        @Signal
        public void setter() {
            event.set();
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("A thread blocked in await() returns even if clear() follows set() before it wakes up: "
            + "the generation counter, not the flag, decides. A flag-only event hangs here.")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the waiter left in the generation set() ended")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "clear() stranded a waiter that set() had released")
    @State
    public static class SetThenClearStillReleasesWaiter {
        final ResettableEvent event = new ResettableEvent();

        @Actor
        public void waiter() {
            awaitQuietly(event);
        }

        @Signal
        public void setThenClear() {
            // Only a waiter already blocked is promised a release; one that starts after the clear waits.
            while (event.waitingThreads() == 0) {
                Thread.onSpinWait();
            }
            event.set();
            event.clear();
        }
    }

    /** A plain field written before {@code set()}: the event's lock is all that publishes it. */
    static final class Payload {
        int value;
    }

    @JCStressTest
    @Description(
            "Memory consistency: what a thread wrote before set() is seen by a thread whose wait saw the event set.")
    @Outcome(id = "42", expect = Expect.ACCEPTABLE, desc = "saw the set, and the write before it")
    @Outcome(id = "-1", expect = Expect.ACCEPTABLE, desc = "the event was not set yet")
    @Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "saw the set but not the write before it")
    @State
    public static class SetHappensBeforeWaitReturns {
        final ResettableEvent event = new ResettableEvent();
        final Payload payload = new Payload();

        @Actor
        public void setter() {
            payload.value = 42;
            event.set();
        }

        @Actor
        public void waiter(I_Result r) {
            try {
                r.r1 = event.await(Duration.ZERO) ? payload.value : -1;
            } catch (InterruptedException e) {
                r.r1 = -2;
            }
        }
    }
}
