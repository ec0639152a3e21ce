package dev.loompatterns.analysis;

import java.util.LinkedHashMap;
import java.util.List;
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

    private static final String SUBMITTED = "loompatterns.TaskSubmitted";
    private static final String STARTED = "loompatterns.TaskStarted";

    QueueingDelayRule() {
        super(ID, "Queueing delay", SUBMITTED, STARTED);
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

    /** A negative delay (a start stamped before its submission, by clocks that disagree) counts as none. */
    private void record(long task, long delay) {
        long d = Math.max(0, delay);
        delays.add(d);
        if (d > longest) {
            longest = d;
            longestTask = task;
        }
    }

    private static final List<String> EVENTS = List.of(SUBMITTED, STARTED);

    /** What the N/A finding advises: where the events come from. */
    private static final String HOW = "Queueing delay needs an event at submission, which no JDK event gives: loom's"
            + " scheduling pattern records " + SUBMITTED + " and " + STARTED
            + " (./loom run scheduling --variant queueing-delay --profile scheduling --jfr FILE).";

    private int unpaired() {
        return tasks.openOnly() + tasks.closedOnly();
    }

    /**
     * Why no wait was measured: the program had no such events (any program but loom's), the settings left
     * them off, or they were on and no submission met its start (one side off, or the recording cut them apart).
     */
    private String whyNone(Recording recording) {
        if (recording.absent(EVENTS)) {
            return "Not recorded: the program that made this recording has no " + SUBMITTED + " or " + STARTED
                    + " events (loom's own; no JDK event shows how long a task waited to start).";
        }
        if (recording.off(EVENTS)) {
            return "Not recorded: the recording's settings leave " + SUBMITTED + " and " + STARTED + " off.";
        }
        int unpaired = unpaired();
        return "No task's submission and start were both recorded"
                + (unpaired == 0
                        ? ""
                        : " (" + Durations.count(unpaired, "event") + " without its other half: one of the two"
                                + " event types off, or the recording began or ended between them)")
                + ": queueing delay is not measured in this recording.";
    }

    @Override
    public Finding finish(Recording recording) {
        if (delays.count() == 0) {
            return new Finding(
                    ID,
                    Severity.NA,
                    whyNone(recording),
                    HOW,
                    Map.<String, Object>of("tasks", 0, "unpaired", unpaired()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tasks", delays.count());
        details.put("median_ms", Durations.ms(delays.quantile(0.5)));
        details.put("p99_ms", Durations.ms(delays.quantile(0.99)));
        details.put("quantiles", delays.precision());
        details.put("longest_ms", Durations.ms(longest));
        details.put("longest_task", longestTask);
        details.put("histogram", delays.buckets());
        details.put("unpaired", unpaired());
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
