package dev.loompatterns.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Intervals of threads (a thread id, a start and a length), or instants of threads (without the
 * length), kept in the order they were added, packed for a recording of a million virtual threads:
 * each is written as the difference of its thread id and of its start from the one before it, and
 * its length, as variable-length numbers (7 bits a byte) into pages of bytes. JFR writes the events
 * of neighbouring threads at neighbouring times, so the differences are small: the middles of the
 * million {@code jdk.ThreadSleep}s of 25 ms of a recording of a million virtual threads took 3 bytes
 * each where two longs take 16, their intervals 7 bytes where three longs take 24 (2026-12-01). Read
 * back only in order, whole ({@link #forEach}).
 */
final class PackedIntervals {

    /** What to do with each interval. */
    @FunctionalInterface
    interface Visitor {
        void visit(long thread, long start, long length);
    }

    private static final int PAGE = 1 << 16;
    /** The most one interval can take: three numbers of up to 10 bytes. */
    private static final int MOST = 30;

    private final boolean lengths;
    private final List<byte[]> pages = new ArrayList<>();
    /** How much of each full page was written; the last page's is {@link #position}. */
    private int[] filled = new int[16];

    private byte[] page;
    private int position;
    private long size;
    private long lastThread;
    private long lastStart;

    /** Intervals if {@code lengths}, else instants: their lengths are not kept and read back as 0. */
    PackedIntervals(boolean lengths) {
        this.lengths = lengths;
    }

    /** The intervals added. */
    long size() {
        return size;
    }

    /** Bytes taken by the pages, for a measurement. */
    long bytes() {
        return (long) pages.size() * PAGE;
    }

    /** Adds an interval; a length below 0 is taken as 0, and any length as 0 where lengths are not kept. */
    void add(long thread, long start, long length) {
        if (page == null || position > PAGE - MOST) {
            if (page != null) {
                if (pages.size() > filled.length) {
                    filled = Arrays.copyOf(filled, filled.length * 2);
                }
                filled[pages.size() - 1] = position;
            }
            page = new byte[PAGE];
            pages.add(page);
            position = 0;
        }
        write(zigzag(thread - lastThread));
        write(zigzag(start - lastStart));
        if (lengths) {
            write(Math.max(0, length));
        }
        lastThread = thread;
        lastStart = start;
        size++;
    }

    /** Every interval, in the order they were added. */
    void forEach(Visitor visitor) {
        long thread = 0;
        long start = 0;
        for (int p = 0; p < pages.size(); p++) {
            byte[] bytes = pages.get(p);
            int end = p == pages.size() - 1 ? position : filled[p];
            int[] at = {0};
            while (at[0] < end) {
                thread += unzigzag(read(bytes, at));
                start += unzigzag(read(bytes, at));
                visitor.visit(thread, start, lengths ? read(bytes, at) : 0);
            }
        }
    }

    private void write(long value) {
        while ((value & ~0x7FL) != 0) {
            page[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        page[position++] = (byte) value;
    }

    private static long read(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    /** Small differences of either sign as small unsigned numbers: 0, -1, 1, -2, ... as 0, 1, 2, 3, ... */
    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
