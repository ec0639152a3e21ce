package dev.loompatterns.deadline;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.TaskLog;
import dev.loompatterns.core.TaskLog.State;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Catalogue entry for {@code deadline}; see the package documentation. */
public final class DeadlinePattern extends AbstractPattern {

    static final Param BUDGET_MS = Param.ofInt("budget-ms", "the time budget for the whole fan-out", 200, 1, 60_000);
    static final Param FAST_MS = Param.ofInt("fast-ms", "latency of the subtasks that make it", 10, 0, 60_000);
    static final Param SLOW_MS =
            Param.ofInt("slow-ms", "latency of the subtasks that must be cut off", 60_000, 0, 600_000);
    static final Param SLOW_EVERY = Param.ofInt("slow-every", "every Nth subtask is slow; 0 for none", 4, 0, 1_000_000);
    static final Param POOL_SIZE =
            Param.ofInt("pool-size", "platform mode: the fixed pool's size", 8, 1, Limits.MAX_PLATFORM_THREADS);

    /** Tasks are the subtasks of the one fan-out. */
    static final PatternInfo INFO = PatternInfo.fromCatalogue("deadline")
            .params(BUDGET_MS, FAST_MS, SLOW_MS, SLOW_EVERY, POOL_SIZE)
            .build();

    /**
     * Platform: a fixed pool, {@code Future.get} with the time left, then cancel, so fast subtasks queued
     * behind slow ones are cancelled unstarted; virtual: the same calls with a virtual thread per subtask, so
     * only the slow ones miss; structured: a fork per subtask in a scope whose timeout is the budget, which
     * cancels the stragglers when it runs out.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformDeadline::new, VirtualDeadline::new, StructuredDeadline::new);

    /**
     * How far past its budget a fan-out may return and still pass. Generous on purpose: a timed
     * wake-up on a loaded 2-core machine is late by milliseconds to tens of milliseconds, and
     * cancelling and joining the stragglers adds a few more; a fan-out that did not cut its slow
     * subtasks off would be late by their whole latency (a minute by default), far beyond this.
     */
    static final Duration SLACK = Duration.ofSeconds(2);

    /**
     * Fans out {@code tasks} subtasks, every {@code slow-every}th one slow, under the budget in the mode's
     * form and checks that the call returned within the budget plus {@link #SLACK}, cut nothing off before
     * the budget, left no subtask running, and that every result delivered came from a subtask that
     * succeeded.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Form form = FORMS.of(mode);
        Duration budget = workload.millis(BUDGET_MS);
        TaskLog log = new TaskLog(workload.tasks());
        var subtasks =
                Subtasks.of(workload.intValue(SLOW_EVERY), workload.millis(FAST_MS), workload.millis(SLOW_MS), log);

        long start = System.nanoTime();
        Map<Integer, String> delivered = form.within(budget, subtasks, workload.intValue(POOL_SIZE));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return check(budget, took, delivered, log.snapshot()); // the log as it was when the call returned
    }

    /**
     * The call returned within the budget plus {@link #SLACK}; if it returned before the budget, no
     * subtask was cut off (interrupted, or never started) and every subtask that succeeded was
     * delivered; no subtask was still running then; and every result delivered is the right one, from
     * a subtask that succeeded.
     */
    static Check check(Duration budget, Duration took, Map<Integer, String> delivered, List<State> subtasks) {
        String timing = "returned in " + took.toMillis() + " ms (budget " + budget.toMillis() + " + slack "
                + SLACK.toMillis() + ")";
        if (took.compareTo(budget.plus(SLACK)) > 0) {
            return Check.failed(timing + ": late");
        }
        // Exact: neither Future.get(timeout) nor the scope's timeout gives up before the budget, and
        // nothing else in a form interrupts a subtask or leaves one unstarted.
        long cutOff = subtasks.stream()
                .filter(state -> state == State.INTERRUPTED || state == null)
                .count();
        if (took.compareTo(budget) < 0 && cutOff > 0) {
            return Check.failed("returned in " + took.toMillis() + " ms, before the " + budget.toMillis()
                    + " ms budget, yet cut " + cutOff + " subtask(s) off (interrupted or never started)");
        }
        long running = subtasks.stream().filter(state -> state == State.STARTED).count();
        if (running > 0) {
            return Check.failed(running + " subtask(s) still running after the call returned");
        }
        for (Map.Entry<Integer, String> result : delivered.entrySet()) {
            int index = result.getKey();
            if (!Subtasks.result(index).equals(result.getValue()) || subtasks.get(index) != State.SUCCEEDED) {
                return Check.failed("delivered " + result + " but subtask " + index + " is " + subtasks.get(index));
            }
        }
        long interrupted =
                subtasks.stream().filter(state -> state == State.INTERRUPTED).count();
        long neverStarted = subtasks.stream().filter(state -> state == null).count();
        // a subtask that finished, or failed, when the budget had run out and its result was no longer taken: with
        // these the counts add up to the subtasks (a review's "1 of 50 delivered, 3 interrupted, 41 never
        // started" left 5 unsaid). Before the budget, a form must take every result that came.
        long undelivered = subtasks.size() - delivered.size() - interrupted - neverStarted;
        long succeeded =
                subtasks.stream().filter(state -> state == State.SUCCEEDED).count();
        if (took.compareTo(budget) < 0 && succeeded > delivered.size()) {
            return Check.failed("returned in " + took.toMillis() + " ms, before the " + budget.toMillis()
                    + " ms budget, yet delivered " + delivered.size() + " of the " + succeeded
                    + " subtasks that succeeded");
        }
        // Nothing delivered is no failure: a machine that stalled for the whole budget (a review met it beside two
        // busy loops, 2 of 49 runs; -P budget-ms=1 does it always) cut everything off, as a deadline must. But the
        // run then showed the cut-off only, and says so rather than pass as if results had come in time.
        return Check.passed(timing + ": " + delivered.size() + " of " + subtasks.size() + " delivered, "
                + (undelivered > 0 ? undelivered + " ended but not delivered (past the budget), " : "") + interrupted
                + " interrupted, " + neverStarted + " never started; none running at return"
                + (delivered.isEmpty()
                        ? " (nothing came within the budget, so this run showed the cut-off only: no subtask"
                                + " ended within it, on a loaded or cold machine, with a budget shorter than fast-ms,"
                                + " or with every subtask slow, slow-every=1)"
                        : ""));
    }
}
