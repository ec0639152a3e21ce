package dev.loompatterns.taskqueue;

import java.util.List;

/**
 * What a run left behind, for the check.
 *
 * @param events   the event log, in order
 * @param leftover items still queued when the consumers had stopped (drained, not done)
 * @param failures consumers that died with an exception
 */
record Outcome(List<EventLog.Event> events, List<Integer> leftover, List<Throwable> failures) {

    Outcome {
        events = List.copyOf(events);
        leftover = List.copyOf(leftover);
        failures = List.copyOf(failures);
    }

    /** Whether {@code join()} returned (false when the run was cancelled): its event is in the log. */
    boolean joinReturned() {
        return events.stream().anyMatch(event -> event.kind() == EventLog.Kind.JOIN_RETURNED);
    }
}
