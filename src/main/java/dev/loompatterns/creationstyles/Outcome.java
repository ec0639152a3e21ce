package dev.loompatterns.creationstyles;

/**
 * What one worker saw: the same record in every mode, so the check is mode-independent.
 *
 * @param worker   the worker's index
 * @param argument the argument it was given
 * @param thread   the name of the thread it ran on
 * @param virtual  whether that thread was virtual
 */
public record Outcome(int worker, String argument, String thread, boolean virtual) {}
