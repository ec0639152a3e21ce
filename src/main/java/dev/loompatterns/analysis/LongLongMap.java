package dev.loompatterns.analysis;

import java.util.Arrays;

/**
 * A map from long to long with open addressing, for a million live threads without a million
 * boxed entries. Keys must not be {@link Long#MIN_VALUE}.
 */
final class LongLongMap {

    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys = new long[1024];
    private long[] values = new long[1024];
    private int size;

    LongLongMap() {
        Arrays.fill(keys, EMPTY);
    }

    int size() {
        return size;
    }

    /** Each value held, in no particular order. */
    void forEachValue(java.util.function.LongConsumer action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept(values[i]);
            }
        }
    }

    /** What {@link #forEach} hands each entry to. */
    @FunctionalInterface
    interface Entry {
        void accept(long key, long value);
    }

    /** Each key with its value, in no particular order. */
    void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    void put(long key, long value) {
        int i = insertionSlot(key); // first: it may grow the arrays
        values[i] = value;
    }

    /** The key's slot, taken for it with the value 0 if the key was absent. */
    private int insertionSlot(long key) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int i = slot(keys, key);
        if (keys[i] == EMPTY) {
            keys[i] = key;
            values[i] = 0;
            size++;
        }
        return i;
    }

    /** The key's value, or {@code missing}. */
    long get(long key, long missing) {
        int i = slot(keys, key);
        return keys[i] == EMPTY ? missing : values[i];
    }

    /** Removes the key and returns its value, or {@code missing} if it was not there. */
    long remove(long key, long missing) {
        int i = slot(keys, key);
        if (keys[i] == EMPTY) {
            return missing;
        }
        long value = values[i];
        keys[i] = EMPTY;
        size--;
        // re-insert the cluster after the hole, so lookups that probed past it still find their keys
        int mask = keys.length - 1;
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            long k = keys[j];
            long v = values[j];
            keys[j] = EMPTY;
            int to = slot(keys, k);
            keys[to] = k;
            values[to] = v;
        }
        return value;
    }

    private static int slot(long[] keys, long key) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /**
     * The key's hash, every bit of it depending on every bit of the key (murmur3's fmix64), since the slot
     * is its low bits. A multiply then {@code h ^ (h >>> 32)} left the low 16 bits zero for keys that
     * differ only in their top 16: keys {@code n << 48} all took slot 0, one cluster probed end to end.
     */
    static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int to = slot(keys, oldKeys[i]);
                keys[to] = oldKeys[i];
                values[to] = oldValues[i];
            }
        }
    }
}
