package dev.loompatterns.deadlock;

import java.util.List;
import java.util.Set;

/**
 * What one detector saw.
 *
 * @param detector the tool, as a reader would name it
 * @param cycles   deadlocked cycles among the workers, each the set of its thread ids
 * @param evidence one line of what the tool reported, for the first cycle, or why it saw nothing
 */
record Detection(String detector, List<Set<Long>> cycles, String evidence) {

    Detection {
        cycles = List.copyOf(cycles);
    }
}
