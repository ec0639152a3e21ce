package dev.loompatterns.lockcounter;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;

/** Catalogue entry for {@code lock-counter}; see the package documentation. */
public final class LockCounterPattern extends AbstractPattern {

    static final Param INCREMENTS = Param.ofInt("increments", "increments per worker", 10_000, 1, 10_000_000);

    static final PatternInfo INFO =
            PatternInfo.fromCatalogue("lock-counter").params(INCREMENTS).build();

    /**
     * Platform: a thread per worker, each incrementing the shared counter; virtual: a virtual thread per
     * worker, the same loop; structured: a fork per worker in one scope, joined before the total is read. In
     * every form the workers wait at one start gate, so they contend together.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformLockCounter::new, VirtualLockCounter::new, StructuredLockCounter::new);

    /**
     * Counts with the variant's counter in the mode's form and checks the total: exact for a guarded counter;
     * for unguarded, whether an update was lost this time.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Counter counter = Counter.forVariant(variant.id());
        int increments = workload.intValue(INCREMENTS);
        long finished = FORMS.of(mode).count(counter, workload.tasks(), increments);
        return check(variant, workload.tasks(), increments, finished, counter.total());
    }

    /**
     * Every worker ran its increments, in every variant: a total short because workers never ran is not a
     * lost update. Then the exact total for a guarded counter. For the unguarded one the flaw is a lost
     * update, observed when the total falls short: shown with the loss, or not shown (not failed) when none
     * was lost; with one worker none can be, since no other thread writes.
     */
    static Check check(Variant variant, int workers, int increments, long finished, long total) {
        long expected = (long) workers * increments;
        if (finished != workers) {
            return Check.failed(
                    finished + " of " + workers + " workers ran their increments; total " + total + " of " + expected);
        }
        if (variant.wrongWay()) {
            long lost = expected - total;
            if (lost > 0) {
                return Check.demonstrated("lost " + lost + " of " + expected
                        + " updates (no lock: count++ is read, add, write; a yield between them, now and then,"
                        + " widens the race)");
            }
            return Check.notShown(
                    workers == 1
                            ? "lost none of " + expected
                                    + ": one worker, so no other thread could write over its updates"
                            : "lost none of " + expected
                                    + " this time: no thread wrote over another's update (a race is likely, not"
                                    + " certain)");
        }
        return Check.expect(total == expected, "total " + total + " of " + expected);
    }
}
