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
 */
record Plan(int items, int consumers, Duration work, boolean consumerFails, boolean cancelled) {

    Plan {
        if (items < 1 || consumers < 2) {
            throw new IllegalArgumentException("items >= 1 and consumers >= 2, got " + items + ", " + consumers);
        }
    }

    /** Items done before the cancel arrives: about half, at least one. */
    int cancelAfter() {
        return cancelled ? Math.max(1, items / 2) : 0;
    }
}
