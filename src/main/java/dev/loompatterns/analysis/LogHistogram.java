package dev.loompatterns.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Nanosecond values, counted so that memory does not grow with their number. Quantiles are exact
 * while there are at most {@value #EXACT} values (each is kept until then); past that they come
 * from buckets: each power of 2 split into {@value #SUB_BUCKETS} equal sub-buckets, the answer the
 * middle of the quantile's sub-bucket, which is within 1/{@value #ERROR_DENOMINATOR} (1.6%) of the
 * exact quantile (a sub-bucket is at most 1/{@value #SUB_BUCKETS} of its lower edge wide), and
 * never below the smallest value or above the largest, which are kept and answer for the first
 * and the last rank. {@link #precision()} says which.
 *
 * <p>The picture's buckets ({@link #buckets()}) are coarser: they double from 1 microsecond.
 */
final class LogHistogram {

    /** The picture's buckets: doubling from 1 microsecond. */
    private static final int BUCKETS = 48;

    /** Up to this many values are kept, for exact quantiles: 64 KiB. */
    static final int EXACT = 8_192;

    /** Sub-buckets per power of 2 (a power of 2 itself), for the quantiles past {@link #EXACT}. */
    static final int SUB_BUCKETS = 32;

    private static final int SUB_BITS = Integer.numberOfTrailingZeros(SUB_BUCKETS);

    /** The quantiles past {@link #EXACT} are within 1/this of the exact ones: half a sub-bucket. */
    static final int ERROR_DENOMINATOR = 2 * SUB_BUCKETS;

    /** {@link #precision()} once the quantiles come from the sub-buckets. */
    static final String WITHIN = String.format(Locale.ROOT, "within %.1f%%", 100.0 / ERROR_DENOMINATOR);

    /**
     * Values below {@link #SUB_BUCKETS} ns one each, then {@link #SUB_BUCKETS} for each power of 2
     * up to 2^62: 1,888 counts, 15 KiB.
     */
    private final long[] fine = new long[fineIndex(Long.MAX_VALUE) + 1];

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long min;
    private long max;
    private long[] values = new long[16];

    /** Adds a value; negative ones count as 0. */
    void add(long nanos) {
        nanos = Math.max(0, nanos);
        counts[bucket(nanos)]++;
        fine[fineIndex(nanos)]++;
        if (count < EXACT) {
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[(int) count] = nanos;
        } else {
            values = null; // too many to keep: the sub-buckets answer from now on
        }
        min = count == 0 ? nanos : Math.min(min, nanos);
        max = count == 0 ? nanos : Math.max(max, nanos);
        count++;
    }

    /** Adds every value of another histogram, as if each had been added here; exact while both are, up to the limit. */
    void addAll(LogHistogram other) {
        if (other.count == 0) {
            return;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        for (int i = 0; i < fine.length; i++) {
            fine[i] += other.fine[i];
        }
        if (values != null && other.values != null && count + other.count <= EXACT) {
            values = Arrays.copyOf(values, (int) (count + other.count));
            System.arraycopy(other.values, 0, values, (int) count, (int) other.count);
        } else {
            values = null;
        }
        min = count == 0 ? other.min : Math.min(min, other.min);
        max = count == 0 ? other.max : Math.max(max, other.max);
        count += other.count;
    }

    long count() {
        return count;
    }

    /** What the quantiles are: {@code exact}, or {@link #WITHIN} of exact; null with no values. */
    String precision() {
        if (count == 0) {
            return null;
        }
        return values != null ? "exact" : WITHIN;
    }

    /** For a quantile in words: {@code " (within 1.6%)"} when it is not exact, else nothing. */
    String approximately() {
        return values == null ? " (" + WITHIN + ")" : "";
    }

    private static int bucket(long nanos) {
        long micros = Math.max(1, nanos / 1_000);
        return Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros));
    }

    /**
     * The sub-bucket of a value: below {@link #SUB_BUCKETS}, the value itself; from there, for the
     * power of 2 at or below it, its {@link #SUB_BITS} bits after the leading one.
     */
    private static int fineIndex(long nanos) {
        if (nanos < SUB_BUCKETS) {
            return (int) nanos;
        }
        int power = 63 - Long.numberOfLeadingZeros(nanos); // at least SUB_BITS
        int shift = power - SUB_BITS;
        return (shift + 1) * SUB_BUCKETS + (int) ((nanos >>> shift) - SUB_BUCKETS);
    }

    /** The smallest value in sub-bucket i. */
    private static long fineLower(int i) {
        if (i < SUB_BUCKETS) {
            return i;
        }
        int shift = i / SUB_BUCKETS - 1;
        return (long) (SUB_BUCKETS + i % SUB_BUCKETS) << shift;
    }

    /** How many values sub-bucket i holds: 1 below 2 × {@link #SUB_BUCKETS}, then doubling. */
    private static long fineWidth(int i) {
        return i < SUB_BUCKETS ? 1 : 1L << (i / SUB_BUCKETS - 1);
    }

    /** The upper edge of bucket i, in nanoseconds. */
    static long upper(int i) {
        return (2L << i) * 1_000;
    }

    /**
     * The smallest value with at least {@code q} of all values at or below it, as {@link
     * #precision()} says.
     *
     * @throws IllegalStateException with no values: no quantile is known (callers say so)
     */
    long quantile(double q) {
        if (count == 0) {
            throw new IllegalStateException("no values, no quantile");
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        if (values != null) {
            long[] sorted = Arrays.copyOf(values, (int) count);
            Arrays.sort(sorted);
            return sorted[(int) rank - 1];
        }
        if (rank == 1 || rank >= count) {
            return rank == 1 ? min : max; // the smallest and the largest are known exactly
        }
        long seen = 0;
        for (int i = 0; i < fine.length; i++) {
            seen += fine[i];
            if (seen >= rank && fine[i] > 0) {
                long middle = fineLower(i) + (fineWidth(i) - 1) / 2;
                return Math.min(max, Math.max(min, middle));
            }
        }
        return max;
    }

    /**
     * The buckets from the first non-empty one to the last, empty ones between included (a bar
     * chart's axis is then a doubling scale): upper edge in ms and count.
     */
    List<Map<String, Object>> buckets() {
        List<Map<String, Object>> list = new ArrayList<>();
        if (count == 0) {
            return list;
        }
        for (int i = bucket(min); i <= bucket(max); i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("up_to_ms", upper(i) / 1e6);
            one.put("count", counts[i]);
            list.add(one);
        }
        return list;
    }
}
