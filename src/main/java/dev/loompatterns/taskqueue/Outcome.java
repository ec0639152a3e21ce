package dev.loompatterns.taskqueue;

import java.util.List;

/**
 * What a run left behind, for the check.
 *
 * @param events       the event log, in order
 * @param joinReturned whether {@code join()} returned (false when the run was cancelled)
 * @param leftover     items still queued when the consumers had stopped (drained, not done)
 * @param failures     consumers that died with an exception
 */
record Outcome(List<EventLog.Event> events, boolean joinReturned, List<Integer> leftover, List<Throwable> failures) {

    Outcome {
        events = List.copyOf(events);
        leftover = List.copyOf(leftover);
        failures = List.copyOf(failures);
    }
}
