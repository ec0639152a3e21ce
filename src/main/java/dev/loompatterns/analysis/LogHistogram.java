package dev.loompatterns.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nanosecond values counted in buckets that double from 1 microsecond: memory does not grow with
 * the number of values. Quantiles are the upper edge of their bucket (at most 2x over).
 */
final class LogHistogram {

    private static final int BUCKETS = 48;
    private final long[] counts = new long[BUCKETS];
    private long count;

    void add(long nanos) {
        counts[bucket(nanos)]++;
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

    long quantile(double q) {
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank && counts[i] > 0) {
                return upper(i);
            }
        }
        return 0;
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
