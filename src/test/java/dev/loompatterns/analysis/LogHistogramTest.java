package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LogHistogramTest {

    /**
     * The queueing delays of one {@code loom run scheduling --variant queueing-delay} (ms): the
     * buckets alone made the median 16.4 ms and the p99 32.8 ms, above the longest wait, 20.85 ms.
     */
    private static final double[] DELAYS_MS = {
        0.15, 0.16, 0.22, 1.13, 3.09, 5.11, 5.29, 8.12, 8.52, 10.13, 10.44, 10.65, 11.70, 11.75, 13.12, 14.95, 15.88,
        15.89, 16.73, 16.95, 18.04, 19.11, 20.16, 20.85
    };

    @Test
    void aFewValuesGiveExactQuantiles() {
        LogHistogram histogram = new LogHistogram();
        for (double ms : DELAYS_MS) {
            histogram.add(Math.round(ms * 1e6));
        }

        assertThat(histogram.quantile(0.5)).isEqualTo(10_650_000L); // the 12th of 24
        assertThat(histogram.quantile(0.99)).isEqualTo(20_850_000L); // the 24th: the longest
        assertThat(histogram.count()).isEqualTo(DELAYS_MS.length);
    }

    /**
     * Histograms added together answer as one that was given every value: exact while the values fit, from the
     * sub-buckets past that (the wakeup-delay rule adds the sleeps of the times asked that a threshold keeps).
     */
    @Test
    void histogramsAddedTogetherAnswerAsOneGivenEveryValue() {
        java.util.Random random = new java.util.Random(7);
        for (int[] sizes : new int[][] {{0, 5}, {5, 0}, {100, 300}, {LogHistogram.EXACT, 1}, {9_000, 20_000}}) {
            LogHistogram one = new LogHistogram();
            LogHistogram first = new LogHistogram();
            LogHistogram second = new LogHistogram();
            for (int i = 0; i < sizes[0] + sizes[1]; i++) {
                long value = (long) (Math.exp(random.nextDouble() * 20) * 100);
                one.add(value);
                (i < sizes[0] ? first : second).add(value);
            }
            first.addAll(second);
            assertThat(first.count()).isEqualTo(one.count());
            assertThat(first.precision()).isEqualTo(one.precision());
            assertThat(first.buckets()).isEqualTo(one.buckets());
            for (double q : new double[] {0.0, 0.25, 0.5, 0.99, 1.0}) {
                assertThat(first.quantile(q))
                        .as("q %s of %d + %d", q, sizes[0], sizes[1])
                        .isEqualTo(one.quantile(q));
            }
            first.add(1); // still takes values after
            assertThat(first.quantile(0.0)).isEqualTo(Math.min(1, one.quantile(0.0)));
        }
    }

    @Test
    void manyValuesGiveBucketQuantilesButNeverMoreThanTheLargest() {
        LogHistogram histogram = new LogHistogram();
        LongStream.range(0, LogHistogram.EXACT + 1).forEach(i -> histogram.add(3_000_000L));

        // 3 ms falls in the bucket up to 4.096 ms, whose edge would be over every value
        assertThat(histogram.quantile(0.5)).isEqualTo(3_000_000L);
        assertThat(histogram.quantile(0.99)).isEqualTo(3_000_000L);
    }

    @Test
    void manyValuesGiveQuantilesNeverBelowTheSmallestNorAboveTheLargest() {
        LogHistogram histogram = new LogHistogram();
        LongStream.range(0, LogHistogram.EXACT).forEach(i -> histogram.add(3_000_000L));
        histogram.add(50_000_000L);

        // 3 ms falls in the sub-bucket from 2.949 ms, 65.5 us wide, whose middle is below every value
        assertThat(histogram.quantile(0.5)).isEqualTo(3_000_000L);
        assertThat(histogram.quantile(1.0)).isEqualTo(50_000_000L);
    }

    /**
     * Past the values it keeps, every quantile of 100,000 values spread from 1 us to 100 s is within
     * 1/64 of the exact one. Before, it was the upper edge of the value's power of 2: up to 2x over.
     */
    @Test
    void pastTheKeptValuesEveryQuantileIsWithinOneSixtyFourthOfTheExactOne() {
        LogHistogram histogram = new LogHistogram();
        Random random = new Random(11);
        long[] values = new long[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round(Math.pow(10, 3 + 8 * random.nextDouble())); // 10^3 to 10^11 ns
            histogram.add(values[i]);
        }
        Arrays.sort(values);

        for (double q : new double[] {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1.0}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            assertThat(histogram.quantile(q)).as("quantile %s", q).isCloseTo(exact, within(exact / 64));
        }
    }

    @Test
    void theQuantilesSayWhetherTheyAreExact() {
        LogHistogram histogram = new LogHistogram();
        assertThat(histogram.precision()).as("no values").isNull();
        LongStream.range(0, LogHistogram.EXACT).forEach(i -> histogram.add(i * 1_000L));
        assertThat(histogram.precision()).isEqualTo("exact");
        assertThat(histogram.approximately()).isEmpty();
        histogram.add(1_000L);
        assertThat(histogram.precision()).isEqualTo("within 1.6%");
        assertThat(histogram.approximately()).isEqualTo(" (within 1.6%)");
    }

    @Test
    void withNoValuesThereIsNoQuantile() {
        LogHistogram histogram = new LogHistogram();
        assertThatThrownBy(() -> histogram.quantile(0.5)).isInstanceOf(IllegalStateException.class);
        assertThat(histogram.buckets()).isEmpty();
    }

    /**
     * The picture's buckets run from the first non-empty one to the last, the empty ones between
     * included: its bars stand on a doubling scale. Before, the empty ones were left out, and 3 us
     * stood next to 3 ms.
     */
    @Test
    void theBucketsIncludeTheEmptyOnesBetweenTheFirstAndTheLast() {
        LogHistogram histogram = new LogHistogram();
        histogram.add(3_000L);
        histogram.add(3_000_000L);

        List<Map<String, Object>> buckets = histogram.buckets();

        assertThat(buckets).hasSize(11); // up to 4 us, 8 us, ..., 4.096 ms
        assertThat(buckets.getFirst()).isEqualTo(Map.of("up_to_ms", 0.004, "count", 1L));
        assertThat(buckets.getLast()).isEqualTo(Map.of("up_to_ms", 4.096, "count", 1L));
        assertThat(buckets.subList(1, 10))
                .allSatisfy(bucket -> assertThat(bucket).containsEntry("count", 0L));
    }

    /**
     * A bucket's {@code up_to_ms} is its upper edge, not included: a value exactly on an edge counts in
     * the bucket above it (2,000 ns up to 0.004 ms, 4,000 ns up to 0.008 ms), one just below in the
     * bucket below; the first bucket holds everything under 2 µs, 0 too.
     */
    @Test
    void aValueOnABucketsEdgeCountsInTheBucketAbove() {
        LogHistogram histogram = new LogHistogram();
        for (long nanos : new long[] {0, 1_999, 2_000, 3_999, 4_000}) {
            histogram.add(nanos);
        }

        assertThat(histogram.buckets())
                .containsExactly(
                        Map.of("up_to_ms", 0.002, "count", 2L),
                        Map.of("up_to_ms", 0.004, "count", 2L),
                        Map.of("up_to_ms", 0.008, "count", 1L));
    }
}
