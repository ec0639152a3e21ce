package dev.loompatterns.boundedbuffer;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * jcstress tests of {@link BoundedBuffer}: no item repeated, FIFO order (one lost would hang a take), the capacity
 * measured by the buffer never exceeded, both blocking paths woken, and a put happening-before the
 * take that returns its item. Each nested class is one test, named
 * {@code BoundedBufferStress.X} in the report; run them alone with
 * {@code -Djcstress.tests=BoundedBufferStress}.
 */
public final class BoundedBufferStress {

    private BoundedBufferStress() {}

    /** A failed blocking call in an actor; no outcome lists it, so it shows up as forbidden. */
    static final int INTERRUPTED = -2;

    @JCStressTest
    @Description("A producer puts 1 then 2 into a buffer of one slot, so its second put waits for the consumer's "
            + "first take, and the consumer's second take may wait for that put. Both wake-up paths run.")
    @Outcome(
            id = "1, 2, 1",
            expect = Expect.ACCEPTABLE,
            desc = "both items, in order; the buffer never held more than 1")
    // an item lost would leave the second take waiting for good: the test would hang, not report an outcome
    @Outcome(expect = Expect.FORBIDDEN, desc = "an item repeated or reordered, or the capacity exceeded")
    @State
    public static class HandOverThroughOneSlot {
        final BoundedBuffer<Integer> buffer = new BoundedBuffer<>(1);

        @Actor
        public void producer() {
            try {
                buffer.put(1);
                buffer.put(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Actor
        public void consumer(III_Result r) {
            try {
                r.r1 = buffer.take();
                r.r2 = buffer.take();
            } catch (InterruptedException e) {
                r.r1 = INTERRUPTED;
            }
        }

        @Arbiter
        public void peak(III_Result r) {
            r.r3 = buffer.peakSize();
        }
    }

    @JCStressTest
    @Description("Two producers race for a buffer of two slots; the arbiter reads what is left. The count, the "
            + "indices and the measured peak stay consistent under every interleaving.")
    @Outcome(id = "1, 2, 2", expect = Expect.ACCEPTABLE, desc = "producer 1 went first")
    @Outcome(id = "2, 1, 2", expect = Expect.ACCEPTABLE, desc = "producer 2 went first")
    // an item lost would leave the arbiter's second take waiting for good: a hang, as above, not an outcome
    @Outcome(expect = Expect.FORBIDDEN, desc = "an item repeated, or a wrong peak")
    @State
    public static class TwoProducersNoLoss {
        final BoundedBuffer<Integer> buffer = new BoundedBuffer<>(2);

        @Actor
        public void producer1() {
            putQuietly(buffer, 1);
        }

        @Actor
        public void producer2() {
            putQuietly(buffer, 2);
        }

        @Arbiter
        public void drain(III_Result r) {
            try {
                r.r1 = buffer.take();
                r.r2 = buffer.take();
            } catch (InterruptedException e) {
                r.r1 = INTERRUPTED;
            }
            r.r3 = buffer.peakSize();
        }
    }

    /** A plain field set before {@code put}: the buffer's lock is all that publishes it. */
    static final class Box {
        int value;
    }

    @JCStressTest
    @Description("Memory consistency: what the producer wrote into an item before put() is seen by the consumer "
            + "that takes it, with no volatile or final field to help.")
    @Outcome(id = "42", expect = Expect.ACCEPTABLE, desc = "the write before put() is visible after take()")
    @Outcome(expect = Expect.FORBIDDEN, desc = "take() returned an item without the writes made before its put()")
    @State
    public static class PutHappensBeforeTake {
        final BoundedBuffer<Box> buffer = new BoundedBuffer<>(1);

        @Actor
        public void producer() {
            Box box = new Box();
            box.value = 42;
            putQuietly(buffer, box);
        }

        @Actor
        public void consumer(I_Result r) {
            try {
                r.r1 = buffer.take().value;
            } catch (InterruptedException e) {
                r.r1 = INTERRUPTED;
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("A consumer blocked on the empty buffer returns after a put().")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the put woke the consumer")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "a lost wake-up on notEmpty")
    @State
    public static class PutWakesBlockedTake {
        final BoundedBuffer<Integer> buffer = new BoundedBuffer<>(1);

        @Actor
        public void consumer() {
            try {
                buffer.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Signal
        public void producer() {
            putQuietly(buffer, 1);
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("A producer blocked on the full buffer returns after a take().")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the take woke the producer")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "a lost wake-up on notFull")
    @State
    public static class TakeWakesBlockedPut {
        final BoundedBuffer<Integer> buffer = new BoundedBuffer<>(1);

        public TakeWakesBlockedPut() {
            putQuietly(buffer, 0); // full before the actor starts
        }

        @Actor
        public void producer() {
            putQuietly(buffer, 1);
        }

        @Signal
        public void consumer() {
            try {
                buffer.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static <E> void putQuietly(BoundedBuffer<E> buffer, E item) {
        try {
            buffer.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
