package dev.loompatterns.boundedbuffer;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.List;

/** Catalogue entry for {@code bounded-buffer}; see the package documentation. */
public final class BoundedBufferPattern implements Pattern {

    static final String CAPACITY = "capacity";
    static final String PRODUCERS = "producers";
    static final String CONSUMERS = "consumers";

    @Override
    public String id() {
        return "bounded-buffer";
    }

    @Override
    public String title() {
        return "producers and consumers share a bounded buffer";
    }

    @Override
    public String tutorial() {
        return "a queue built on threading.Condition: put waits while full, get while empty";
    }

    @Override
    public int number() {
        return 10;
    }

    @Override
    public List<Variant> variants() {
        return List.of(
                Variant.of("two-conditions", "BoundedBuffer: one lock, conditions notFull and notEmpty"),
                Variant.of("array-blocking-queue", "ArrayBlockingQueue, the JDK's class for the job"));
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.ofInt(CAPACITY, "items the buffer holds at most", 8, 1, 1_000_000),
                Param.ofInt(PRODUCERS, "producer threads (or forks)", 4, 1, 1_000),
                Param.ofInt(CONSUMERS, "consumer threads (or forks)", 4, 1, 1_000));
    }

    @Override
    public int defaultTasks() {
        return 20_000;
    }

    @Override
    public int maxTasks(Mode mode) {
        return Limits.MAX_TASKS; // tasks are items; the threads are the producers and consumers
    }

    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        BufferDemo demo = switch (mode) {
            case PLATFORM -> new PlatformBoundedBufferDemo();
            case VIRTUAL -> new VirtualBoundedBufferDemo();
            case STRUCTURED -> new StructuredBoundedBufferDemo();
        };
        int capacity = workload.intValue(CAPACITY);
        Buffer<Integer> buffer = variant.id().equals("array-blocking-queue") ? new QueueBuffer<>(capacity) : new BoundedBuffer<>(capacity);
        return check(demo.play(buffer, workload.tasks(), workload.intValue(PRODUCERS), workload.intValue(CONSUMERS)));
    }

    static Check check(BufferScenario.Report report) {
        if (report.missing() != 0 || report.duplicated() != 0) {
            return Check.failed(report.missing() + " items lost and " + report.duplicated() + " taken twice, of " + report.items());
        }
        if (report.peak() > report.capacity()) {
            return Check.failed("held " + report.peak() + " items, capacity " + report.capacity());
        }
        if (!report.takeBlockedWhileEmpty()) {
            return Check.failed("a consumer took an item from the empty buffer");
        }
        if (!report.putBlockedWhileFull()) {
            return Check.failed("a producer did not block on the full buffer");
        }
        if (report.fillersBack() != report.capacity() + 1) {
            return Check.failed("took back " + report.fillersBack() + " of " + (report.capacity() + 1) + " fillers");
        }
        return Check.passed(report.items() + " items consumed once each; peak " + report.peak() + " of capacity "
                + report.capacity() + " (measured); take blocked while empty, put blocked while full");
    }
}
