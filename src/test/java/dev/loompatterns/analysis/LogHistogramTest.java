package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void manyValuesGiveBucketQuantilesButNeverMoreThanTheLargest() {
        LogHistogram histogram = new LogHistogram();
        LongStream.range(0, LogHistogram.EXACT + 1).forEach(i -> histogram.add(3_000_000L));

        // 3 ms falls in the bucket up to 4.096 ms, whose edge would be over every value
        assertThat(histogram.quantile(0.5)).isEqualTo(3_000_000L);
        assertThat(histogram.quantile(0.99)).isEqualTo(3_000_000L);
    }

    @Test
    void manyValuesGiveTheUpperEdgeOfTheQuantilesBucket() {
        LogHistogram histogram = new LogHistogram();
        LongStream.range(0, LogHistogram.EXACT).forEach(i -> histogram.add(3_000_000L));
        histogram.add(50_000_000L);

        assertThat(histogram.quantile(0.5)).isEqualTo(LogHistogram.upper(11)); // 4.096 ms
        assertThat(histogram.quantile(1.0)).isEqualTo(50_000_000L);
    }
}
