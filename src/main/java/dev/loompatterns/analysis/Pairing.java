package dev.loompatterns.analysis;

/**
 * Pairs two events per key, an opening and a closing one (a task's submission and its start, a
 * virtual thread's start and its end), in whichever order the file holds them: the events of one
 * chunk are not in time order across threads. Each event waits, by its key, for the other; an
 * event whose other never comes stays unpaired. Keys must not be {@link Long#MIN_VALUE}.
 */
final class Pairing {

    /** What to do with a pair: the key, and the times of its opening and its closing event. */
    @FunctionalInterface
    interface Paired {
        void paired(long key, long opened, long closed);
    }

    private static final long NONE = Long.MIN_VALUE;

    private final Paired paired;
    private final LongLongMap opened = new LongLongMap();
    private final LongLongMap closed = new LongLongMap();

    Pairing(Paired paired) {
        this.paired = paired;
    }

    /** An opening event: paired with its closing one if that came first, else kept until it comes. */
    void open(long key, long time) {
        meet(key, time, closed, opened, true);
    }

    /** A closing event: paired with its opening one if that came first, else kept until it comes. */
    void close(long key, long time) {
        meet(key, time, opened, closed, false);
    }

    /** Pairs the event with the other kind's waiting under its key, or keeps it among its own kind. */
    private void meet(long key, long time, LongLongMap others, LongLongMap own, boolean opening) {
        long other = others.remove(key, NONE);
        if (other == NONE) {
            own.put(key, time);
        } else if (opening) {
            paired.paired(key, time, other);
        } else {
            paired.paired(key, other, time);
        }
    }

    /** Keys opened and not (yet) closed. */
    int openOnly() {
        return opened.size();
    }

    /** Keys closed without an opening: it came later in the file, or was never recorded. */
    int closedOnly() {
        return closed.size();
    }

    /** The time of each opening event left without its closing one, in no particular order. */
    void forEachOpenOnly(java.util.function.LongConsumer time) {
        opened.forEachValue(time);
    }

    /** The time of each closing event left without its opening one, in no particular order. */
    void forEachClosedOnly(java.util.function.LongConsumer time) {
        closed.forEachValue(time);
    }
}
