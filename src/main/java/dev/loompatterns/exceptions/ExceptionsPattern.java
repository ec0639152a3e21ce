package dev.loompatterns.exceptions;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Catalogue entry for {@code exceptions}; see the package documentation. */
public final class ExceptionsPattern extends AbstractPattern {

    static final Param FAIL_EVERY =
            Param.ofInt("fail-every", "task i fails when i % fail-every == 0 (task 0 always fails)", 3, 1, 1_000_000);

    static final PatternInfo INFO =
            PatternInfo.fromCatalogue("exceptions").params(FAIL_EVERY).build();

    /** Tasks a failed check names at most, so its line stays short. */
    private static final int SHOWN = 5;

    /**
     * Platform: a thread per task with an uncaught-exception handler, then {@code invokeAll} on a fixed pool
     * of four; virtual: the same two ways with a virtual-thread builder and a virtual-thread-per-task
     * executor; structured: a fail-fast scope whose first failure cancels the siblings, then
     * {@code Joiner.awaitAll()} for every outcome.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformExceptions::new, VirtualExceptions::new, StructuredExceptions::new);

    /**
     * Runs {@code tasks} tasks, task {@code i} failing when {@code i % fail-every == 0}, once per way of the
     * mode's form and checks each way: every failure meant to be reported was, with its own cause; only the
     * siblings meant to be cancelled saw an interrupt; no thread was left running.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        return check(FORMS.of(mode).runAll(workload.tasks(), workload.intValue(FAIL_EVERY)));
    }

    /**
     * For every way: every failure meant to be reported was, with its own cause; every sibling
     * meant to be cancelled saw the interrupt and no other task did; no thread was left running.
     * A failure is filed under the task whose thread, future or subtask brought it back
     * ({@link Outcome#reported()}), so a cause that is not that task's {@link TaskFailure} fails the
     * check, naming the task and the cause.
     */
    static Check check(List<Outcome> ways) {
        if (ways.isEmpty()) {
            return Check.failed("no way was run");
        }
        List<String> seen = new ArrayList<>();
        for (Outcome way : ways) {
            if (!way.reported().keySet().equals(way.expectedFailures())) {
                return Check.failed(way.way() + ": reported failures of tasks "
                        + new java.util.TreeSet<>(way.reported().keySet()) + ", expected "
                        + new java.util.TreeSet<>(way.expectedFailures()));
            }
            // in task order, so that a mix-up is always told from the lowest task it touched
            for (Map.Entry<Integer, Throwable> entry : new TreeMap<>(way.reported()).entrySet()) {
                if (!(entry.getValue() instanceof TaskFailure failure) || failure.task() != entry.getKey()) {
                    return Check.failed(
                            way.way() + ": task " + entry.getKey() + " was reported with cause " + entry.getValue());
                }
            }
            if (!way.interrupted().equals(way.expectedInterrupted())) {
                // the sizes alone may be equal: which tasks differ is what tells
                return Check.failed(way.way() + ": " + way.interrupted().size() + " tasks saw an interrupt, expected "
                        + way.expectedInterrupted().size()
                        + differing("; expected, not seen: ", way.expectedInterrupted(), way.interrupted())
                        + differing("; seen, not expected: ", way.interrupted(), way.expectedInterrupted()));
            }
            if (way.leftRunning() > 0) {
                return Check.failed(way.way() + ": " + way.leftRunning() + " threads still running after it returned");
            }
            seen.add(way.way() + ": " + way.reported().size() + " failure"
                    + (way.reported().size() == 1 ? "" : "s")
                    + " with cause via " + way.carrier()
                    + (way.expectedInterrupted().isEmpty()
                            ? ""
                            : ", " + way.interrupted().size() + " siblings interrupted"));
        }
        return Check.passed(String.join("; ", seen) + "; no thread left running");
    }

    /** The first few tasks in {@code these} and not in {@code those}, after {@code label}; empty if none. */
    private static String differing(String label, Set<Integer> these, Set<Integer> those) {
        List<Integer> tasks =
                these.stream().filter(task -> !those.contains(task)).sorted().toList();
        if (tasks.isEmpty()) {
            return "";
        }
        return label
                + (tasks.size() <= SHOWN
                        ? tasks
                        : tasks.subList(0, SHOWN) + " and " + (tasks.size() - SHOWN) + " more");
    }
}
