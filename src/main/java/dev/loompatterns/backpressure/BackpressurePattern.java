package dev.loompatterns.backpressure;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.List;

/** Catalogue entry for {@code backpressure}; see the package documentation. */
public final class BackpressurePattern implements Pattern {

    static final String LIMIT = "limit";
    static final String QUEUE = "queue";
    static final String WORK_MS = "work-ms";
    static final String TIMEOUT_MS = "timeout-ms";

    @Override
    public String id() {
        return "backpressure";
    }

    @Override
    public String title() {
        return "a burst of submissions under a limit: shed or wait";
    }

    @Override
    public String tutorial() {
        return "ThreadPoolExecutor with a bounded queue and a RejectedExecutionHandler (abort, caller-runs)";
    }

    @Override
    public int number() {
        return 20;
    }

    @Override
    public List<Variant> variants() {
        return List.of(
                Variant.of("shed", "refuse what does not fit and count it: AbortPolicy / Semaphore.tryAcquire(timeout)"),
                Variant.of("wait", "hold the submitter until there is room: CallerRunsPolicy / Semaphore.acquire()"));
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.ofInt(LIMIT, "tasks in flight at most (at least 2: under caller-runs the caller is one of them)", 10, 2,
                        Limits.MAX_PLATFORM_THREADS),
                Param.ofInt(QUEUE, "platform only: the pool's bounded queue", 10, 1, 1_000_000),
                Param.ofInt(WORK_MS, "how long each task works", 5, 0, 60_000),
                Param.ofInt(TIMEOUT_MS, "virtual and structured shed: how long the caller waits for a permit", 1, 0, 60_000));
    }

    @Override
    public int defaultTasks() {
        return 200;
    }

    /** Every mode runs at most {@code limit} threads of its own (a pool, or a permit per thread), whatever the task count. */
    @Override
    public int maxTasks(Mode mode) {
        return Limits.MAX_TASKS;
    }

    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Submitter submitter = switch (mode) {
            case PLATFORM -> new PlatformBackpressureDemo();
            case VIRTUAL -> new VirtualBackpressureDemo();
            case STRUCTURED -> new StructuredBackpressureDemo();
        };
        Policy policy = Policy.of(variant.id());
        Load load = new Load(workload.tasks(), workload.intValue(LIMIT), workload.intValue(QUEUE), workload.millis(WORK_MS),
                workload.millis(TIMEOUT_MS));
        Ledger ledger = new Ledger(load.tasks(), load.limit());
        submitter.submitAll(ledger, load, policy);
        return check(policy, ledger.observe());
    }

    /**
     * Every task was counted exactly once, done or shed, and the counts add up; the measured peak
     * in flight stayed within the limit; {@code wait} shed nothing; and every task shed was refused
     * to the caller's face (an exception, a {@code false}), which the detail names.
     */
    static Check check(Policy policy, Ledger.Observation seen) {
        int[] decisions = seen.decisions();
        for (int task = 0; task < decisions.length; task++) {
            if (decisions[task] == 0) {
                return Check.failed("task " + task + " was neither done nor shed: dropped silently");
            }
            if (decisions[task] > 1) {
                return Check.failed("task " + task + " was counted " + decisions[task] + " times, expected once");
            }
        }
        if (seen.submitted() != seen.tasks()) {
            return Check.failed(seen.submitted() + " of " + seen.tasks() + " tasks submitted");
        }
        if (seen.done() + seen.shed() != seen.submitted()) {
            return Check.failed(seen.done() + " done + " + seen.shed() + " shed != " + seen.submitted() + " submitted");
        }
        if (seen.peak() > seen.limit()) {
            return Check.failed("peak " + seen.peak() + " in flight, above the limit of " + seen.limit() + " (measured)");
        }
        if (seen.done() > 0 && seen.peak() < 1) {
            return Check.failed(seen.done() + " done but none seen in flight");
        }
        if (policy == Policy.WAIT && seen.shed() > 0) {
            return Check.failed("wait shed " + seen.shed() + " tasks; it must hold the caller instead");
        }
        if (seen.shed() > 0 && (seen.refusal() == null || seen.refusal().isBlank())) {
            return Check.failed(seen.shed() + " shed but the caller was never told");
        }
        StringBuilder detail = new StringBuilder()
                .append(seen.submitted()).append(" submitted = ").append(seen.done()).append(" done + ")
                .append(seen.shed()).append(" shed");
        if (seen.shed() > 0) {
            detail.append(" (the caller saw ").append(seen.refusal()).append(')');
        } else if (policy == Policy.SHED) {
            detail.append(" (none shed this time: the burst never outran the limit)");
        }
        if (seen.ranByCaller() > 0) {
            detail.append("; the caller ran ").append(seen.ranByCaller()).append(" tasks itself");
        }
        if (policy == Policy.WAIT && seen.callerWaits() > 0) {
            detail.append("; the caller waited for a permit ").append(seen.callerWaits()).append(" times");
        }
        detail.append("; peak ").append(seen.peak()).append(" in flight of limit ").append(seen.limit()).append(" (measured)");
        return Check.passed(detail.toString());
    }
}
