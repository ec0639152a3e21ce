package dev.loompatterns.engine;

import java.util.Comparator;
import java.util.List;

/**
 * The statistics the measuring commands share: one median, and what is built on it.
 *
 * <p>The median of a list is its middle element once sorted; of an even number, the upper of the
 * two middle ones. A row of {@code compare} and of {@code scale} shows the figures of one run that
 * happened (its wall time with its own thread counts and check), so it takes that run,
 * {@link #medianBy}, rather than an average of two. Where only the number matters (fidelity's
 * ratios), {@link #median} averages the two middle values, the textbook median of a sample.
 */
public final class Statistics {

    /** The fewest values that give a 95% interval for their median (5 give at most 94%). */
    public static final int MIN_VALUES_FOR_INTERVAL = 6;

    private Statistics() {}

    /** The median element by {@code order}: the middle one, or the upper middle one of an even number. */
    public static <T> T medianBy(List<T> values, Comparator<? super T> order) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values, no median");
        }
        return values.stream().sorted(order).toList().get(values.size() / 2);
    }

    /** The median of a sample: the middle value, or the mean of the two middle values of an even number. */
    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * A distribution-free 95% confidence interval for the median of {@code values}: the k-th
     * smallest and the k-th largest value, for the largest k with P(Binomial(n, 1/2) <= k - 1) <= 2.5%
     * (15 values: the 4th and the 12th, covering 96.5%).
     * It assumes only that the values are independent draws of the same quantity.
     */
    public static double[] medianInterval(List<Double> values) {
        int n = values.size();
        if (n < MIN_VALUES_FOR_INTERVAL) {
            throw new IllegalArgumentException(
                    "a 95% interval for a median needs " + MIN_VALUES_FOR_INTERVAL + " values, got " + n);
        }
        List<Double> sorted = values.stream().sorted().toList();
        // P(X < k) for X ~ Binomial(n, 1/2), summed in logs so that large n does not underflow.
        double below = 0;
        double logChoose = 0; // log C(n, j), starting at j = 0
        int k = 0;
        for (int j = 0; j < n; j++) {
            double withJ = below + Math.exp(logChoose - n * Math.log(2));
            if (withJ > 0.025) {
                break;
            }
            below = withJ;
            k = j + 1;
            logChoose += Math.log(n - j) - Math.log(j + 1);
        }
        // P(X <= k - 1) <= 2.5%: the median lies below the k-th smallest value, or above the k-th largest, each at most
        // that often.
        return new double[] {sorted.get(k - 1), sorted.get(n - k)};
    }

    public static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
