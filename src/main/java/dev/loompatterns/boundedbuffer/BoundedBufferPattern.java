package dev.loompatterns.boundedbuffer;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;

/** Catalogue entry for {@code bounded-buffer}; see the package documentation. */
public final class BoundedBufferPattern extends AbstractPattern {

    static final Param CAPACITY = Param.ofInt("capacity", "items the buffer holds at most", 8, 1, 1_000_000);
    static final Param PRODUCERS = Param.ofInt("producers", "producer threads (or forks)", 4, 1, 1_000);
    static final Param CONSUMERS = Param.ofInt("consumers", "consumer threads (or forks)", 4, 1, 1_000);

    static final PatternInfo INFO = PatternInfo.fromCatalogue("bounded-buffer")
            .params(CAPACITY, PRODUCERS, CONSUMERS)
            .maxTasks(Limits.MAX_TASKS)
            .build(); // tasks are items; the threads are the producers and consumers

    /** The variant that uses the JDK's {@code ArrayBlockingQueue}; the other builds its own buffer. */
    static final Variant ARRAY_BLOCKING_QUEUE = INFO.variant("array-blocking-queue");

    /**
     * Platform: a platform thread per producer and per consumer, each parking an OS thread on the buffer's
     * conditions when blocked; virtual: a virtual thread for each, the buffer unchanged, unmounting while it
     * waits; structured: producers and consumers as forks of one scope. In every mode (a {@code core.Crew})
     * a failure interrupts the rest, so a producer blocked on a full buffer is woken instead of hanging; the
     * scope is where the JDK itself enforces it.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformBoundedBuffer::new, VirtualBoundedBuffer::new, StructuredBoundedBuffer::new);

    /**
     * Plays {@link BufferScenario} with {@code tasks} items on the variant's buffer (two conditions, or an
     * {@link java.util.concurrent.ArrayBlockingQueue}) in the mode's form and checks that every item was
     * taken exactly once, take blocked while empty and put while full, the buffer's peak is its capacity
     * (the fill reaches it, and never more), and every filler came back.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        int capacity = workload.intValue(CAPACITY);
        Buffer<Integer> buffer = variant.id().equals(ARRAY_BLOCKING_QUEUE.id())
                ? new QueueBuffer<>(capacity)
                : new BoundedBuffer<>(capacity);
        return check(FORMS.of(mode)
                .play(buffer, workload.tasks(), workload.intValue(PRODUCERS), workload.intValue(CONSUMERS)));
    }

    static Check check(Outcome outcome) {
        if (outcome.missing() != 0 || outcome.duplicated() != 0) {
            return Check.failed(outcome.missing() + " items lost and " + outcome.duplicated() + " taken twice, of "
                    + outcome.items());
        }
        if (outcome.peak() > outcome.capacity()) {
            return Check.failed("held " + outcome.peak() + " items, capacity " + outcome.capacity());
        }
        if (outcome.nullTakes() > 0) {
            return Check.failed("take() returned null " + outcome.nullTakes() + " times instead of blocking");
        }
        if (!outcome.takeBlockedWhileEmpty()) {
            return Check.failed("a consumer took an item from the empty buffer");
        }
        if (!outcome.putBlockedWhileFull()) {
            return Check.failed("a producer did not block on the full buffer");
        }
        // The run saw the buffer full with the filler parked before taking anything back, so a peak
        // below capacity is one the buffer failed to record (BufferScenario says why it is exact).
        if (outcome.peak() != outcome.capacity()) {
            return Check.failed(
                    "peak " + outcome.peak() + " recorded, but the buffer was seen full at " + outcome.capacity());
        }
        if (outcome.fillersBack() != outcome.capacity() + 1) {
            return Check.failed("took back " + outcome.fillersBack() + " of " + (outcome.capacity() + 1) + " fillers");
        }
        String peak = outcome.peakSampled() ? " (sampled; ArrayBlockingQueue enforces it)" : " (measured)";
        // the peak is the filling's, a phase of its own: "1 items consumed once each; peak 8 of capacity 8" read as
        // one item that made a peak of eight (a helper's hunt)
        return Check.passed(Check.count(outcome.items(), "item") + " consumed once each; filled to its capacity of "
                + outcome.capacity() + " and never past it" + peak + "; take blocked while empty, put blocked while"
                + " full");
    }
}
