package dev.loompatterns.analysis;

import java.util.Locale;

/**
 * Durations and counts as people read them, and the rounding the details use. The counts serve
 * the inspect reports too.
 */
public final class Durations {

    private Durations() {}

    /** Milliseconds with one decimal below 100 ms. */
    static double ms(long nanos) {
        double ms = nanos / 1e6;
        return ms < 100 ? Math.round(ms * 10) / 10.0 : Math.round(ms);
    }

    /** {@code 12.3 ms}, {@code 4.2 s}, {@code 3 min 5 s}. */
    static String words(long nanos) {
        double ms = nanos / 1e6;
        if (ms < 1000) {
            return String.format(Locale.ROOT, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
        }
        double s = ms / 1000;
        if (s < 120) {
            return String.format(Locale.ROOT, s < 10 ? "%.1f s" : "%.0f s", s);
        }
        return String.format(Locale.ROOT, "%d min %d s", (long) s / 60, (long) s % 60);
    }

    /** {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * The count and its noun, plural unless the count is 1: {@code 1 pin}, {@code 2 pins},
     * {@code 1,234 virtual threads}. For nouns whose plural adds an s.
     */
    public static String count(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
