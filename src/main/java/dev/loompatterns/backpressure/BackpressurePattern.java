package dev.loompatterns.backpressure;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;

/** Catalogue entry for {@code backpressure}; see the package documentation. */
public final class BackpressurePattern extends AbstractPattern {

    static final Param LIMIT = Param.ofInt(
            "limit",
            "tasks in flight at most (at least 2: under caller-runs the caller is one of them)",
            10,
            2,
            Limits.MAX_PLATFORM_THREADS);
    static final Param QUEUE = Param.ofInt("queue", "platform mode: the pool's bounded queue", 10, 1, 1_000_000);
    static final Param WORK_MS = Param.ofInt("work-ms", "how long each task works", 5, 0, 60_000);
    static final Param TIMEOUT_MS = Param.ofInt(
            "timeout-ms", "virtual and structured shed: how long the caller waits for a permit", 1, 0, 60_000);

    static final PatternInfo INFO = PatternInfo.fromCatalogue("backpressure")
            .params(LIMIT, QUEUE, WORK_MS, TIMEOUT_MS)
            // every mode runs at most `limit` threads of its own (a pool, or a permit per thread), whatever the task
            // count
            .maxTasks(Limits.MAX_TASKS)
            .build();

    /**
     * Platform: a {@link java.util.concurrent.ThreadPoolExecutor} sized to the limit with a bounded queue,
     * the policy its rejection handler (abort; or caller-runs, one thread fewer, the caller the last worker);
     * virtual: a virtual thread per task behind a semaphore of {@code limit} permits, {@code tryAcquire(timeout)}
     * to shed and {@code acquire()} to wait; structured: the same semaphore taken before each fork of one scope.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformBackpressure::new, VirtualBackpressure::new, StructuredBackpressure::new);

    /**
     * Submits a burst of {@code tasks} tasks under the variant's policy in the mode's form, then checks the
     * ledger: every task done or shed exactly once, the measured peak in flight within the limit, and nothing
     * shed under {@code wait}.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Policy policy = variant.as(Policy.class);
        Load load = new Load(
                workload.tasks(),
                workload.intValue(LIMIT),
                workload.intValue(QUEUE),
                workload.millis(WORK_MS),
                workload.millis(TIMEOUT_MS));
        Ledger ledger = new Ledger(load.tasks(), load.limit());
        FORMS.of(mode).submitAll(ledger, load, policy);
        return check(policy, ledger.observe());
    }

    /**
     * Every task was counted exactly once, done or shed, and the counts add up; the measured peak
     * in flight stayed within the limit; {@code wait} shed nothing. The detail names what the caller
     * saw when refused. There is no check that a shed task was told to the caller, nor that a task
     * done was seen in flight: the {@link Ledger} counts a shed only where the caller is refused (the
     * catch of the exception, the {@code false}), with what it saw, and a task in flight before it
     * counts it done, so neither could fail. A task dropped without telling the caller is never
     * counted shed, and fails as neither done nor shed.
     */
    static Check check(Policy policy, Outcome seen) {
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
            return Check.failed(
                    "peak " + seen.peak() + " in flight, above the limit of " + seen.limit() + " (measured)");
        }
        if (policy == Policy.WAIT && seen.shed() > 0) {
            return Check.failed("wait shed " + seen.shed() + " tasks; it must hold the caller instead");
        }
        StringBuilder detail = new StringBuilder()
                .append(seen.submitted())
                .append(" submitted = ")
                .append(seen.done())
                .append(" done + ")
                .append(seen.shed())
                .append(" shed");
        if (seen.shed() > 0) {
            detail.append(" (the caller saw ").append(seen.refusal()).append(')');
        } else if (policy == Policy.SHED) {
            detail.append(" (none shed this time: each task found room as it came)");
        }
        if (seen.ranByCaller() > 0) {
            detail.append("; the caller ran ").append(seen.ranByCaller()).append(" tasks itself");
        }
        if (policy == Policy.WAIT && seen.callerWaits() > 0) {
            detail.append("; the caller waited for a permit ")
                    .append(seen.callerWaits())
                    .append(" times");
        }
        detail.append("; peak ")
                .append(seen.peak())
                .append(" in flight of limit ")
                .append(seen.limit())
                .append(" (measured)");
        return Check.passed(detail.toString());
    }
}
