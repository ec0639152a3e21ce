package dev.loompatterns.taskqueue;

import java.time.Duration;

/**
 * What one run does, the same in every mode.
 *
 * @param items         items the producer puts
 * @param consumers     consumer threads or forks (at least 2, so one can fail and another take over)
 * @param work          how long processing one item takes (a sleep: the consumer waits, as on I/O)
 * @param consumerFails the first attempt at item 0 throws; its consumer hands the item back and dies
 * @param cancelled     the run is cancelled (its coordinating thread interrupted) once
 *                      {@link #cancelAfter()} items are done
 * @param stallLimit    the coordinator's join gives up when no item was done for this long, so a run
 *                      that lost an item ends with a verdict instead of waiting forever
 */
record Plan(int items, int consumers, Duration work, boolean consumerFails, boolean cancelled, Duration stallLimit) {

    /**
     * The run's own stall limit. Not a speed limit: one item's work is at most a second (the
     * parameter's maximum), so a run that does no item for a minute, even on a loaded machine or
     * held by {@code loom dump} for its thread dump, has lost one.
     */
    static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    Plan {
        if (items < 1 || consumers < 2) {
            throw new IllegalArgumentException("items >= 1 and consumers >= 2, got " + items + ", " + consumers);
        }
        if (!stallLimit.isPositive()) {
            throw new IllegalArgumentException("a stall limit above zero, got " + stallLimit);
        }
    }

    Plan(int items, int consumers, Duration work, boolean consumerFails, boolean cancelled) {
        this(items, consumers, work, consumerFails, cancelled, STALL_LIMIT);
    }

    /** Items done before the cancel arrives: about half, at least one. */
    int cancelAfter() {
        return cancelled ? Math.max(1, items / 2) : 0;
    }
}
