package dev.loompatterns.analysis;

import java.util.Arrays;

/**
 * Event times, as many as a recording has, 8 bytes each, read back once in time order. They are
 * kept in blocks of {@value #BLOCK} longs (256 KiB) rather than one array: a growing array is
 * copied as it grows (half again as much, for a moment), and a large one is a humongous object to
 * G1 (from half a region: 512 KiB on heaps up to 2 GB), which needs free regions side by side. On
 * the million-thread recording of docs/inspect.md, {@code loom inspect} needed a 6 MB larger heap
 * with the census's times in two growing arrays than in blocks ({@code -Xmx92m} against {@code
 * -Xmx86m}, 2026-12-01). Each block is sorted by itself and the blocks are merged as they are read.
 */
final class EventTimes {

    static final int BLOCK = 1 << 15;

    private long[][] blocks = new long[8][];
    private int size;
    private long latest = Long.MIN_VALUE;

    void add(long time) {
        latest = Math.max(latest, time);
        int block = size / BLOCK;
        if (block == blocks.length) {
            blocks = Arrays.copyOf(blocks, block * 2);
        }
        if (blocks[block] == null) {
            blocks[block] = new long[BLOCK];
        }
        blocks[block][size % BLOCK] = time;
        size++;
    }

    /** The latest time, {@link Long#MIN_VALUE} with none. */
    long latest() {
        return latest;
    }

    /** The times from the earliest; call once, when every time is in. */
    InOrder inOrder() {
        return new InOrder();
    }

    /**
     * The times in order: each block sorted in place, then merged, a heap of the blocks keyed by
     * the next time each holds.
     */
    final class InOrder {

        /** Next index in each block. */
        private final int[] next;
        /** Blocks with times left, a min-heap by their next time. */
        private final int[] heap;

        private int left;

        private InOrder() {
            int count = (size + BLOCK - 1) / BLOCK;
            next = new int[count];
            heap = new int[count];
            for (int b = 0; b < count; b++) {
                Arrays.sort(blocks[b], 0, length(b));
                heap[left++] = b;
            }
            for (int i = left / 2 - 1; i >= 0; i--) {
                down(i);
            }
        }

        boolean hasNext() {
            return left > 0;
        }

        /** The next time, left where it is. */
        long peek() {
            return head(heap[0]);
        }

        /** The next time, and past it. */
        long next() {
            int b = heap[0];
            long time = head(b);
            if (++next[b] == length(b)) {
                heap[0] = heap[--left];
            }
            down(0);
            return time;
        }

        private long head(int block) {
            return blocks[block][next[block]];
        }

        private int length(int block) {
            return Math.min(BLOCK, size - block * BLOCK);
        }

        /** Sifts the block at heap position i down to its place. */
        private void down(int i) {
            while (true) {
                int least = i;
                for (int child = 2 * i + 1; child <= 2 * i + 2 && child < left; child++) {
                    if (head(heap[child]) < head(heap[least])) {
                        least = child;
                    }
                }
                if (least == i) {
                    return;
                }
                int swap = heap[i];
                heap[i] = heap[least];
                heap[least] = swap;
                i = least;
            }
        }
    }
}
