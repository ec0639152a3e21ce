package dev.loompatterns.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code queueing-delay}: how long tasks waited between their submission and their start, from
 * our {@code loompatterns.TaskSubmitted} and {@code loompatterns.TaskStarted} events, paired by
 * task id. No JDK event shows it: {@code jdk.VirtualThreadStart} is stamped at first mount,
 * after the wait. The median and p99 are exact up to {@value LogHistogram#EXACT} tasks, then within
 * 1.6% ({@link LogHistogram}; {@code quantiles} says which).
 */
final class QueueingDelayRule extends BaseRule {

    static final String ID = "queueing-delay";

    QueueingDelayRule() {
        super(ID, "Queueing delay", "loompatterns.TaskSubmitted", "loompatterns.TaskStarted");
    }

    /** A longest wait from this long is a warning. */
    static final long WARNED = 100_000_000L;

    /** Each task's submission and start, by task id. */
    private final Pairing tasks = new Pairing((task, submitted, started) -> record(task, started - submitted));

    private final LogHistogram delays = new LogHistogram();
    private long longest = -1;
    private long longestTask;

    @Override
    public void accept(Observation observation) {
        if (observation instanceof Observation.TaskSubmitted s) {
            tasks.open(s.taskId(), s.time());
        } else if (observation instanceof Observation.TaskStarted s) {
            tasks.close(s.taskId(), s.time());
        }
    }

    private void record(long task, long delay) {
        delays.add(Math.max(0, delay));
        if (delay > longest) {
            longest = delay;
            longestTask = task;
        }
    }

    @Override
    public Finding finish(Recording recording) {
        if (delays.count() == 0) {
            return new Finding(
                    ID,
                    Severity.NA,
                    "No TaskSubmitted/TaskStarted pairs: queueing delay is not measured in this recording.",
                    "Queueing delay needs an event at submission; loom's scheduling pattern records"
                            + " loompatterns.TaskSubmitted and loompatterns.TaskStarted (profile scheduling).",
                    Map.of("tasks", 0));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tasks", delays.count());
        details.put("median_ms", Durations.ms(delays.quantile(0.5)));
        details.put("p99_ms", Durations.ms(delays.quantile(0.99)));
        details.put("quantiles", delays.precision());
        details.put("longest_ms", Durations.ms(longest));
        details.put("longest_task", longestTask);
        details.put("histogram", delays.buckets());
        details.put("unpaired", tasks.openOnly() + tasks.closedOnly());
        Severity severity = longest >= WARNED ? Severity.WARNING : Severity.INFO;
        return new Finding(
                ID,
                severity,
                delays.count() == 1
                        ? "1 task waited " + Durations.words(longest) + " before it started."
                        : String.format(
                                java.util.Locale.ROOT,
                                "%s waited a median of %s%s before they started, at most %s.",
                                Durations.count(delays.count(), "task"),
                                Durations.words(delays.quantile(0.5)),
                                delays.approximately(),
                                Durations.words(longest)),
                "The wait between submitting a task and its start is time in the scheduler's queue: with more runnable"
                    + " virtual threads than carriers, and no time slicing, a task waits until one ahead of it blocks"
                    + " or ends.",
                details);
    }
}
