package dev.loompatterns.lockcounter;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.List;

/** Catalogue entry for {@code lock-counter}; see the package documentation. */
public final class LockCounterPattern implements Pattern {

    static final String INCREMENTS = "increments";

    @Override
    public String id() {
        return "lock-counter";
    }

    @Override
    public String title() {
        return "a shared counter guarded by a lock";
    }

    @Override
    public String tutorial() {
        return "threads that increment a global counter under threading.Lock";
    }

    @Override
    public int number() {
        return 6;
    }

    @Override
    public List<Variant> variants() {
        return List.of(
                Variant.of("synchronized", "a synchronized method (no pinning since JDK 24, JEP 491)"),
                Variant.of("reentrant-lock", "lock() / unlock() in try-finally"),
                Variant.of("atomic-long", "AtomicLong.incrementAndGet, no lock"),
                Variant.of("long-adder", "LongAdder: striped cells, summed on read"),
                Variant.wrongWay("unguarded", "the wrong way: count++ with no lock loses updates"));
    }

    @Override
    public List<Param> params() {
        return List.of(Param.ofInt(INCREMENTS, "increments per worker", 10_000, 1, 10_000_000));
    }

    @Override
    public int defaultTasks() {
        return 100;
    }

    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        CountingWorkers workers = switch (mode) {
            case PLATFORM -> new PlatformLockCounter();
            case VIRTUAL -> new VirtualLockCounter();
            case STRUCTURED -> new StructuredLockCounter();
        };
        Counter counter = Counter.forVariant(variant.id());
        int increments = workload.intValue(INCREMENTS);
        workers.count(counter, workload.tasks(), increments);
        return check(variant, (long) workload.tasks() * increments, counter.total());
    }

    /**
     * Exact total for a guarded counter. For the unguarded one the flaw is a lost update, observed
     * when the total falls short: shown with the loss, or not shown (not failed) when none was lost.
     */
    static Check check(Variant variant, long expected, long total) {
        if (variant.wrongWay()) {
            long lost = expected - total;
            return lost > 0
                    ? Check.demonstrated("lost " + lost + " of " + expected + " updates (no lock: count++ is read, add, write)")
                    : Check.notShown("lost none of " + expected + " this time: no thread wrote over another's update (a race is likely, not certain)");
        }
        return Check.expect(total == expected, "total " + total + " of " + expected);
    }
}
