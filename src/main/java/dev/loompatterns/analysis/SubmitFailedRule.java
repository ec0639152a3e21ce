package dev.loompatterns.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code submit-failed}: virtual threads whose start or unpark the scheduler refused
 * ({@code jdk.VirtualThreadSubmitFailed}).
 */
final class SubmitFailedRule extends BaseRule {

    static final String ID = "submit-failed";

    SubmitFailedRule() {
        super(ID, "Virtual thread submit failures", FAILED);
    }

    private static final String FAILED = "jdk.VirtualThreadSubmitFailed";

    private long failures;
    private final Map<String, Long> byMessage = new LinkedHashMap<>();

    @Override
    public void accept(Observation observation) {
        if (observation instanceof Observation.SubmitFailed failed) {
            failures++;
            String message = failed.exceptionMessage() == null ? "(no message)" : failed.exceptionMessage();
            if (byMessage.size() < 20 || byMessage.containsKey(message)) {
                byMessage.merge(message, 1L, Long::sum);
            }
        }
    }

    /**
     * What the rule sees and what it does not: a user's executor that rejects a task (a full
     * {@code ThreadPoolExecutor}) records no JFR event (a review's program had 46 of 50 submissions rejected,
     * and this rule said OK).
     */
    static final String ONLY_THE_SCHEDULERS = FAILED + " is the virtual-thread scheduler's refusal to run a"
            + " started virtual thread; a task an executor of yours rejected (RejectedExecutionException) records no"
            + " JFR event, so it is not seen here.";

    @Override
    public Finding finish(Recording recording) {
        if (failures == 0) {
            return !recording.on(eventTypes())
                    ? notRecorded(
                            recording,
                            eventTypes(),
                            FAILED,
                            "to see virtual threads the scheduler refused to run (the JDK's default and profile"
                                    + " settings record it).",
                            "failures")
                    : new Finding(
                            ID,
                            Severity.OK,
                            "No virtual thread failed to be scheduled.",
                            ONLY_THE_SCHEDULERS,
                            Map.of("failures", 0));
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        byMessage.forEach((message, count) -> messages.add(Finding.inOrder("message", message, "count", count)));
        return new Finding(
                ID,
                Severity.WARNING,
                "The scheduler refused to run a virtual thread "
                        + (failures == 1 ? "once." : Durations.count(failures) + " times."),
                "Thread.start() or an unpark threw because the scheduler rejected the task: usually an out-of-memory"
                        + " error or a scheduler that was shut down. The thread did not run (start) or stayed parked"
                        + " (unpark).",
                Finding.inOrder("failures", failures, "messages", messages));
    }
}
