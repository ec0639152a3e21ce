package dev.loompatterns.threadconfig;

/**
 * What one worker reported of its own thread: the same record in every mode.
 *
 * @param worker    the worker's index
 * @param argument  the argument it was given
 * @param name      its thread's name
 * @param daemon    whether its thread is a daemon
 * @param priority  its thread's priority
 * @param virtual   whether its thread is virtual
 * @param inherited the value of {@link Worker#REQUEST} it found, or {@code null}
 */
public record WorkerReport(
        int worker, String argument, String name, boolean daemon, int priority, boolean virtual, String inherited) {}
