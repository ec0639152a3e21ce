package dev.loompatterns.threadbasics;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;

/** Catalogue entry for {@code thread-basics}; see the package documentation. */
public final class ThreadBasicsPattern extends AbstractPattern {

    static final Param SLEEP_MS = Param.ofInt("sleep-ms", "how long each worker sleeps", 100, 0, 60_000);

    static final PatternInfo INFO =
            PatternInfo.fromCatalogue("thread-basics").params(SLEEP_MS).build();

    /**
     * Platform: a platform thread per worker, all started, then all joined; virtual: the same loop with a
     * virtual-thread builder, each sleeper unmounting from its carrier; structured: a fork per worker in one
     * scope, whose {@code join()} replaces the join loop.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformThreadBasics::new, VirtualThreadBasics::new, StructuredThreadBasics::new);

    /**
     * Starts {@code tasks} workers that each sleep {@code sleep-ms} in the mode's form and checks that every
     * worker reported exactly once, slept at least as asked, and ran on the mode's kind of thread.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Duration sleep = workload.millis(SLEEP_MS);
        return check(mode, workload.tasks(), sleep, FORMS.of(mode).runAll(workload.tasks(), sleep));
    }

    /** Every worker reported exactly once, slept at least as asked, on the kind of thread the mode uses. */
    static Check check(Mode mode, int workers, Duration sleep, List<Outcome> reports) {
        BitSet seen = new BitSet(workers);
        boolean wantVirtual = mode != Mode.PLATFORM;
        int missing = 0;
        for (Outcome report : reports) {
            if (report == null) {
                missing++;
                continue;
            }
            if (report.worker() < 0 || report.worker() >= workers) {
                return Check.failed("a report for worker " + report.worker() + ", of " + workers);
            }
            if (seen.get(report.worker())) {
                return Check.failed("worker " + report.worker() + " reported twice");
            }
            seen.set(report.worker());
            if (report.slept().compareTo(sleep) < 0) {
                return Check.failed("worker " + report.worker() + " slept "
                        + report.slept().toMillis() + " ms, less than " + sleep.toMillis());
            }
            if (report.virtual() != wantVirtual) {
                return Check.failed("worker " + report.worker() + " ran on a "
                        + (report.virtual() ? "virtual" : "platform") + " thread");
            }
        }
        if (missing > 0 || seen.cardinality() != workers) {
            return Check.failed((workers - seen.cardinality()) + " of " + workers + " workers did not report");
        }
        return Check.passed(Check.count(workers, "worker") + " ran once each, slept >= " + sleep.toMillis() + " ms, on "
                + (wantVirtual ? "virtual" : "platform") + " threads");
    }
}
