package dev.loompatterns.taskqueue;

import java.util.List;

/**
 * What a run left behind, for the check.
 *
 * @param events     the event log, in order
 * @param leftover   items still queued when the consumers had stopped (drained, not done)
 * @param failures   consumers that died with an exception
 * @param joinGaveUp the coordinator's join gave up: no item was done for the plan's stall limit
 */
record Outcome(List<EventLog.Event> events, List<Integer> leftover, List<Throwable> failures, boolean joinGaveUp) {

    Outcome {
        events = List.copyOf(events);
        leftover = List.copyOf(leftover);
        failures = List.copyOf(failures);
    }

    Outcome(List<EventLog.Event> events, List<Integer> leftover, List<Throwable> failures) {
        this(events, leftover, failures, false);
    }

    /** Whether {@code join()} returned (false when the run was cancelled): its event is in the log. */
    boolean joinReturned() {
        return events.stream().anyMatch(event -> event.kind() == EventLog.Kind.JOIN_RETURNED);
    }
}
