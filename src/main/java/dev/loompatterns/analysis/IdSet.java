package dev.loompatterns.analysis;

/**
 * A set of thread ids, 64 to a word of bits, the words kept by their index: half a byte a thread where the ids are
 * close together, as the ids of threads made one after another are. The census keeps two (the threads that started
 * or ended in the recording, and those other events name) for as many threads as a recording holds.
 */
final class IdSet {

    private final LongLongMap words = new LongLongMap();

    /** Adds an id; one below 1 (no thread's: {@link Observation.ThreadRef#UNKNOWN}) is not added. */
    void add(long id) {
        if (id > 0) {
            long word = id >>> 6;
            words.put(word, words.get(word, 0) | 1L << (id & 63));
        }
    }

    /** How many of this set's ids {@code other} does not hold. */
    long countNotIn(IdSet other) {
        long[] count = {0};
        words.forEach((word, bits) -> count[0] += Long.bitCount(bits & ~other.words.get(word, 0)));
        return count[0];
    }
}
