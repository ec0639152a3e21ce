package dev.loompatterns.lifecycle;

import java.util.List;

/**
 * What one walk produced: what the observer saw of one subject.
 *
 * @param task          the subject's number
 * @param threadStates  the thread's states in the order observed, each with what it was doing:
 *                      {@code NEW}, {@code RUNNABLE(spin)}, ..., {@code TERMINATED}
 * @param subtaskStates the subtask's states in order (structured mode only, else empty)
 * @param mountedAs     the thread's {@code toString()} while it spun
 * @param parkedAs      the thread's {@code toString()} while it was parked
 * @param blockedAs     the thread's {@code toString()} while it was blocked on a monitor
 */
public record Outcome(
        int task,
        List<String> threadStates,
        List<String> subtaskStates,
        String mountedAs,
        String parkedAs,
        String blockedAs) {

    public Outcome {
        threadStates = List.copyOf(threadStates);
        subtaskStates = List.copyOf(subtaskStates);
    }
}
