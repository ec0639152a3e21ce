package dev.loompatterns.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nanosecond values counted in buckets that double from 1 microsecond: memory does not grow with
 * the number of values. Quantiles are exact while there are at most {@value #EXACT} values (each
 * is kept until then); past that they are the upper edge of their bucket (at most 2x over), and
 * never more than the largest value.
 */
final class LogHistogram {

    private static final int BUCKETS = 48;

    /** Up to this many values are kept, for exact quantiles: 64 KiB. */
    static final int EXACT = 8_192;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long max;
    private long[] values = new long[16];

    void add(long nanos) {
        counts[bucket(nanos)]++;
        if (count < EXACT) {
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[(int) count] = nanos;
        } else {
            values = null; // too many to keep: the buckets answer from now on
        }
        max = count == 0 ? nanos : Math.max(max, nanos);
        count++;
    }

    long count() {
        return count;
    }

    private static int bucket(long nanos) {
        long micros = Math.max(1, nanos / 1_000);
        return Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros));
    }

    /** The upper edge of bucket i, in nanoseconds. */
    static long upper(int i) {
        return (2L << i) * 1_000;
    }

    /** The smallest value with at least {@code q} of all values at or below it; 0 with none. */
    long quantile(double q) {
        long rank = Math.max(1, (long) Math.ceil(q * count));
        if (count == 0) {
            return 0;
        }
        if (values != null) {
            long[] sorted = Arrays.copyOf(values, (int) count);
            Arrays.sort(sorted);
            return sorted[(int) rank - 1];
        }
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank && counts[i] > 0) {
                return Math.min(upper(i), max);
            }
        }
        return max;
    }

    /** Non-empty buckets: upper edge in ms and count. */
    List<Map<String, Object>> buckets() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] > 0) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("up_to_ms", upper(i) / 1e6);
                one.put("count", counts[i]);
                list.add(one);
            }
        }
        return list;
    }
}
