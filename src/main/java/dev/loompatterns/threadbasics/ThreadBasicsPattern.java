package dev.loompatterns.threadbasics;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;

/** Catalogue entry for {@code thread-basics}; see the package documentation. */
public final class ThreadBasicsPattern implements Pattern {

    static final String SLEEP_MS = "sleep-ms";

    @Override
    public String id() {
        return "thread-basics";
    }

    @Override
    public String title() {
        return "start workers that sleep, join them all";
    }

    @Override
    public String tutorial() {
        return "three threading.Thread(target=worker) that sleep 2 s, started then joined";
    }

    @Override
    public int number() {
        return 1;
    }

    @Override
    public List<Param> params() {
        return List.of(Param.ofInt(SLEEP_MS, "how long each worker sleeps", 100, 0, 60_000));
    }

    @Override
    public int defaultTasks() {
        return 1_000;
    }

    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        SleepingWorkers workers = switch (mode) {
            case PLATFORM -> new PlatformThreadBasics();
            case VIRTUAL -> new VirtualThreadBasics();
            case STRUCTURED -> new StructuredThreadBasics();
        };
        Duration sleep = workload.millis(SLEEP_MS);
        return check(mode, workload.tasks(), sleep, workers.runAll(workload.tasks(), sleep));
    }

    /** Every worker reported exactly once, slept at least as asked, on the kind of thread the mode uses. */
    static Check check(Mode mode, int workers, Duration sleep, List<WorkerReport> reports) {
        BitSet seen = new BitSet(workers);
        boolean wantVirtual = mode != Mode.PLATFORM;
        int missing = 0;
        for (WorkerReport report : reports) {
            if (report == null) {
                missing++;
                continue;
            }
            if (seen.get(report.worker())) {
                return Check.failed("worker " + report.worker() + " reported twice");
            }
            seen.set(report.worker());
            if (report.slept().compareTo(sleep) < 0) {
                return Check.failed("worker " + report.worker() + " slept " + report.slept().toMillis() + " ms, less than " + sleep.toMillis());
            }
            if (report.virtual() != wantVirtual) {
                return Check.failed("worker " + report.worker() + " ran on a " + (report.virtual() ? "virtual" : "platform") + " thread");
            }
        }
        if (missing > 0 || seen.cardinality() != workers) {
            return Check.failed((workers - seen.cardinality()) + " of " + workers + " workers did not report");
        }
        return Check.passed(workers + " workers ran once each, slept >= " + sleep.toMillis() + " ms, on "
                + (wantVirtual ? "virtual" : "platform") + " threads");
    }
}
