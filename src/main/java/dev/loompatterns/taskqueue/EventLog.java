package dev.loompatterns.taskqueue;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order of what happened in a run, for the check to prove: every event takes a number from
 * one counter at the moment it happens, so "join returned after the last item was done" is a
 * comparison of two numbers, not a guess about timing.
 */
final class EventLog {

    /** What happened. */
    enum Kind {
        /** The producer is about to put the item. */
        PUT,
        /** A consumer finished the item and is about to call {@code taskDone}. */
        DONE,
        /** A consumer could not finish the item and put it back. */
        HANDED_BACK,
        /** {@code join()} returned (item is -1). */
        JOIN_RETURNED
    }

    /**
     * @param seq     the event's place in the run, from 0
     * @param kind    what happened
     * @param item    the item, or -1
     * @param virtual whether the thread that recorded it was virtual
     */
    record Event(long seq, Kind kind, int item, boolean virtual) {}

    private final AtomicLong clock = new AtomicLong();
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

    void record(Kind kind, int item) {
        events.add(new Event(
                clock.getAndIncrement(), kind, item, Thread.currentThread().isVirtual()));
    }

    /** Every event so far, in the order they happened. */
    List<Event> events() {
        return events.stream().sorted(Comparator.comparingLong(Event::seq)).toList();
    }
}
