package dev.loompatterns.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one rule concluded about a recording.
 *
 * @param rule        the rule's id, a contract ({@code pinning}, {@code submit-failed}, ...)
 * @param severity    OK, INFO or WARNING; NA where the rule had nothing to look at
 * @param summary     one sentence
 * @param explanation what it means and what to do, a few sentences
 * @param details     the evidence: names to numbers, text, lists and maps of the same, in the order
 *                    a person should read them (the JSON output carries them as they are); a
 *                    null value is a figure the recording cannot give (no lifetime without a
 *                    thread that both started and ended in it), shown as {@value #NOT_KNOWN}
 */
public record Finding(String rule, Severity severity, String summary, String explanation, Map<String, Object> details) {

    /** Details that are series, for a picture rather than for reading: the HTML report draws them. */
    public static final Set<String> SERIES = Set.of("timeline", "alive_over_time", "lifetimes", "histogram");

    /**
     * Details that qualify the finding rather than being evidence: {@code timeline_complete} (whether
     * the timeline holds every pin).
     */
    public static final Set<String> FLAGS = Set.of("timeline_complete");

    /**
     * Details whose values are times, in nanoseconds since the epoch as JFR gives them: the page shows
     * them as seconds from the first event its pictures show (an instant its header names), the text and JMC as a UTC
     * instant ({@link #instant}).
     */
    public static final Set<String> TIMES = Set.of("time", "start", "peak_at");

    /**
     * An epoch-nanosecond time as a UTC instant to the millisecond, always three digits of it ({@code
     * 2026-12-01T14:22:03.123Z}, {@code 2026-12-01T14:22:03.000Z}), the rest cut off.
     */
    public static String instant(long epochNanos) {
        return MILLIS.format(java.time.Instant.ofEpochSecond(0, epochNanos));
    }

    /** ISO_INSTANT drops a fraction of zero (a whole second read {@code ...:03Z}); this keeps three digits. */
    private static final java.time.format.DateTimeFormatter MILLIS =
            new java.time.format.DateTimeFormatterBuilder().appendInstant(3).toFormatter(java.util.Locale.ROOT);

    /** How the text, the page and JMC show a null detail: a figure the recording cannot give. */
    public static final String NOT_KNOWN = "not known";

    public Finding {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * False for a finding that had nothing to look at ({@link Severity#NA}: no samples, no task pairs,
     * its events not recorded).
     */
    public boolean applicable() {
        return severity != Severity.NA;
    }

    /**
     * Whether a detail is evidence to read as text: neither one of the {@link #SERIES} nor one of the {@link #FLAGS}.
     */
    public static boolean readable(String name) {
        return !SERIES.contains(name) && !FLAGS.contains(name);
    }

    /**
     * Details in the order given, names and values alternating: {@code Map.of} orders its entries anew in each JVM, so
     * a report's fields came out in another order from run to run (a review's diffs of {@code submit-failed}).
     */
    public static Map<String, Object> inOrder(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values in pairs: " + namesAndValues.length + " given");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            details.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return details;
    }

    /**
     * The detail that says how many entries a list had before it was cut to those kept:
     * {@code threads_total} beside {@code threads}. A list without one was not cut.
     */
    public static String totalOf(String list) {
        return list + "_total";
    }

    /**
     * Whether a detail is worth showing a person: not a {@link #totalOf} that only repeats its list's
     * size (the list was not cut), nor, where the rule had nothing to look at ({@link Severity#NA}), a count of
     * zero: events that were not recorded, which the page read as "0 started" beside "Not recorded" (the JSON keeps
     * it).
     */
    public boolean worthShowing(String name) {
        if (!applicable() && details.get(name) instanceof Number count && count.doubleValue() == 0) {
            return false;
        }
        return worthShowing(details, name);
    }

    /** The part of {@link #worthShowing(String)} that needs no severity: a list total that repeats its size. */
    public static boolean worthShowing(Map<String, Object> details, String name) {
        if (!name.endsWith("_total")) {
            return true;
        }
        String list = name.substring(0, name.length() - "_total".length());
        return !(details.get(list) instanceof List<?> entries) || total(details, list) > entries.size();
    }

    /** How many entries the list under this name had in all: its {@link #totalOf} detail, else its size. */
    public static long total(Map<String, Object> details, String list) {
        if (details.get(totalOf(list)) instanceof Number total) {
            return total.longValue();
        }
        return details.get(list) instanceof List<?> entries ? entries.size() : 0;
    }

    /** The details under a name, as a list (empty if there is none). */
    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object value = details.get(name);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
