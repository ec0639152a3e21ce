package dev.loompatterns.analysis;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations and counts as people read them, and the rounding the details use. The counts serve
 * the inspect reports too.
 */
public final class Durations {

    private Durations() {}

    /**
     * A timespan in nanoseconds, held in a long: 0 for a negative one, {@code Long.MAX_VALUE} for one longer than a
     * long holds (292 years; {@code Duration.toNanos} throws there). The JDK's parser gives a sleep for ever,
     * {@code Thread.sleep(Long.MAX_VALUE)}, as {@code ChronoUnit.FOREVER}'s duration, and a recording's settings can
     * give a threshold of 200,000 days.
     */
    public static long nanos(Duration timespan) {
        if (timespan.isNegative()) {
            return 0;
        }
        return timespan.compareTo(LONGEST_IN_NANOS) >= 0 ? Long.MAX_VALUE : timespan.toNanos();
    }

    private static final Duration LONGEST_IN_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    /**
     * Milliseconds to three significant figures or more: four decimals below 1 ms, two below 10 ms, one below 100 ms,
     * whole above. A virtual thread's life or a queueing delay is often a few microseconds: with one decimal for all
     * below 100 ms, a census's median lifetime of 0.0516 ms read 0.1, twice the truth, beside a claim of 1.6%.
     */
    static double ms(long nanos) {
        double ms = nanos / 1e6;
        double scale = ms < 1 ? 10_000 : ms < 10 ? 100 : ms < 100 ? 10 : 1;
        return Math.round(ms * scale) / scale;
    }

    /**
     * {@code 5.2 µs}, {@code 52 µs}, {@code 1.2 ms}, {@code 12 ms}, {@code 4.2 s}, {@code 3 min 5 s}: tenths of a
     * microsecond below 10 µs, whole microseconds below 1 ms, tenths of a millisecond below 10 ms, whole milliseconds
     * below 1 s, tenths of a second below 10 s, whole seconds below 2 min, then minutes and seconds. The value is
     * rounded to the precision shown before the unit is chosen, so 999.6 ms reads {@code 1.0 s}, not {@code 1000 ms}.
     * None, or a negative span (clocks that disagree), reads {@code 0 ms}.
     */
    static String words(long nanos) {
        if (nanos <= 0) {
            return "0 ms";
        }
        long n = nanos;
        for (Step step : STEPS) {
            long count = rounded(n, step.nanos());
            if (count < step.below()) {
                return step.tenths() ? count / 10 + "." + count % 10 + " " + step.unit() : count + " " + step.unit();
            }
        }
        long s = rounded(n, 1_000_000_000);
        return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
    }

    /** A rung of {@link #words}: counts of {@code nanos} below {@code below}, said in tenths or whole. */
    private record Step(long nanos, long below, boolean tenths, String unit) {}

    private static final List<Step> STEPS = List.of(
            new Step(100, 100, true, "µs"),
            new Step(1_000, 1000, false, "µs"),
            new Step(100_000, 100, true, "ms"),
            new Step(1_000_000, 1000, false, "ms"),
            new Step(100_000_000, 100, true, "s"),
            new Step(1_000_000_000, 120, false, "s"));

    /** {@code n / unit} rounded half up, for a non-negative {@code n}. */
    private static long rounded(long n, long unit) {
        return n / unit + (n % unit >= (unit + 1) / 2 ? 1 : 0);
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

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    static String list(List<String> words) {
        return words.size() <= 1
                ? String.join("", words)
                : String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.getLast();
    }

    /**
     * A setting's timespan as a person reads it, as the setting says it: in the largest unit that divides it
     * exactly ({@code 20 ms}, {@code 500 ns}, {@code 1 h}, {@code 36 h}, {@code 1,500 ms}, {@code 3 d}), and
     * {@code 0 ms} for none; any length JFR accepts, a threshold of 200,000 days too (in nanoseconds it
     * would overflow a long).
     */
    static String setting(Duration timespan) {
        if (timespan.isZero()) {
            return "0 ms"; // as the JDK's settings say it
        }
        BigInteger nanos = BigInteger.valueOf(timespan.getSeconds())
                .multiply(BigInteger.valueOf(1_000_000_000))
                .add(BigInteger.valueOf(timespan.getNano()));
        for (Map.Entry<String, Long> unit : UNITS) {
            BigInteger[] quotient = nanos.divideAndRemainder(BigInteger.valueOf(unit.getValue()));
            if (quotient[1].signum() == 0) {
                return String.format(Locale.ROOT, "%,d %s", quotient[0], unit.getKey());
            }
        }
        throw new AssertionError("a nanosecond divides every timespan");
    }

    /** The units {@link #setting} says a timespan in, largest first, in nanoseconds. */
    private static final List<Map.Entry<String, Long>> UNITS = List.of(
            Map.entry("d", 86_400_000_000_000L),
            Map.entry("h", 3_600_000_000_000L),
            Map.entry("min", 60_000_000_000L),
            Map.entry("s", 1_000_000_000L),
            Map.entry("ms", 1_000_000L),
            Map.entry("µs", 1_000L),
            Map.entry("ns", 1L));

    /**
     * A timespan as JFR writes a setting ({@code "20 ms"}, {@code "0 ns"}, {@code "1 s"}), or null for any
     * other text ({@code "infinity"}, say).
     */
    public static Duration timespan(String text) {
        Matcher m = text == null ? null : TIMESPAN.matcher(text.strip());
        if (m == null || !m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1)); // at most 12 digits: no overflow below
        return switch (m.group(2)) {
            case "ns" -> Duration.ofNanos(amount);
            case "us" -> Duration.ofNanos(amount * 1_000);
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,12})\\s*(ns|us|ms|s|m|h|d)");

    /**
     * Each event type's thresholds or periods, as JFR writes them, made {@link #timespan}s (texts that are none
     * left out).
     */
    public static Map<String, Set<Duration>> timespans(Map<String, Set<String>> texts) {
        Map<String, Set<Duration>> timespans = new HashMap<>();
        texts.forEach((type, values) -> {
            Set<Duration> parsed = new TreeSet<>();
            values.stream().map(Durations::timespan).filter(Objects::nonNull).forEach(parsed::add);
            if (!parsed.isEmpty()) {
                timespans.put(type, parsed);
            }
        });
        return timespans;
    }
}
