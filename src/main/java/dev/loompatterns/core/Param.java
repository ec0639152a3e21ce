package dev.loompatterns.core;

import java.util.Arrays;
import java.util.List;

/**
 * A pattern-specific workload parameter, given on the command line as {@code -P name=value}.
 * Whole-number parameters have a range; text parameters (a list of URLs) are checked by the
 * pattern that reads them.
 *
 * @param name         the key, in kebab case ({@code sleep-ms})
 * @param description  one line for {@code loom list}
 * @param defaultValue the value used when the user gives none
 * @param min          the smallest whole number allowed (ignored for text)
 * @param max          the largest whole number allowed (ignored for text)
 * @param text         true for a free-text parameter
 */
public record Param(String name, String description, String defaultValue, long min, long max, boolean text) {

    public static Param ofInt(String name, String description, long defaultValue, long min, long max) {
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside " + min + ".." + max);
        }
        return new Param(name, description, Long.toString(defaultValue), min, max, false);
    }

    public static Param ofText(String name, String description, String defaultValue) {
        return new Param(name, description, defaultValue, 0, 0, true);
    }

    /** How the parameter is described to a user: {@code sleep-ms (1..60000, default 100)}. */
    public String synopsis() {
        if (text) {
            // an empty default means "see the description", which says what applies
            return defaultValue.isEmpty() ? name + " (text)" : name + " (text, default '" + defaultValue + "')";
        }
        return name + " (" + range() + ", default " + defaultValue + ")";
    }

    /** {@code 1..60000}, or "a whole number" where any {@code long} is allowed (a seed). */
    private String range() {
        return anyWhole() ? "a whole number" : min + ".." + max;
    }

    private boolean anyWhole() {
        return min == Long.MIN_VALUE && max == Long.MAX_VALUE;
    }

    /**
     * The comma-separated items of a list-valued text parameter ({@code -P urls=A,B}, {@code -P faults=500,stall}),
     * each stripped; a blank value has none, which the pattern refuses in its own words. An empty item is refused:
     * the split dropped it, and {@code -P urls=a,,} ran as {@code -P urls=a}, {@code -P faults=,500} as {@code 500}.
     *
     * @throws UsageException naming the parameter, for an empty item ({@code a,,b}, {@code a,}, {@code ,a})
     */
    public List<String> items(String value) {
        if (value.isBlank()) {
            return List.of();
        }
        List<String> items =
                Arrays.stream(value.split(",", -1)).map(String::strip).toList();
        if (items.contains("")) {
            throw new UsageException("-P " + name + " has an empty item in '" + value
                    + "'; give its items comma-separated, with something between each two commas and none at either"
                    + " end");
        }
        return items;
    }

    /** Parses and range-checks a value: a {@code Long}, or the text itself. */
    Object parse(String value) {
        return parse(value, name);
    }

    /**
     * As above, a value a user gave, a wrong one said of {@code label}: the name and the pattern's id ({@code sleep-ms
     * for pinning}), since a compare of several patterns takes one {@code -P} for each that has the name, and the
     * line did not say whose range it was (thread-basics' sleep-ms is 0..60000, pinning's 1..10000: a hunt).
     */
    Object parse(String value, String label) {
        if (text) {
            return value;
        }
        long parsed;
        try {
            parsed = wholeNumber(value);
        } catch (NumberFormatException e) {
            if (isWholeNumber(value)) { // digits beyond a long: "must be a whole number" was wrong
                throw UsageException.outOfRange(label, value.strip(), min, max);
            }
            throw new UsageException(label + " must be a whole number"
                    + (anyWhole() ? "" : " from " + min + " to " + max) + ", got '" + value + "'");
        }
        UsageException.requireRange(label, parsed, min, max);
        return parsed;
    }

    /**
     * A whole number as the CLI takes it, in {@code -P} and in its options alike ({@code --tasks 1_000}): spaces
     * around it, a sign, then ASCII digits, an underscore between two of them, as in a Java literal ({@code 1_000};
     * {@code 1_} and {@code _1} were read as 1). {@code Long.parseLong} alone also takes other scripts' digits.
     *
     * @throws NumberFormatException if {@code value} is none, or beyond a {@code long}
     */
    public static long wholeNumber(String value) {
        if (!isWholeNumber(value)) {
            throw new NumberFormatException(value);
        }
        return Long.parseLong(value.strip().replace("_", ""));
    }

    /** Whether {@code value} is a whole number as {@link #wholeNumber} takes it, however many its digits. */
    public static boolean isWholeNumber(String value) {
        return WHOLE_NUMBER.matcher(value.strip()).matches();
    }

    /** A whole number as {@link #wholeNumber} takes it ({@code \d} is ASCII digits only, as Java's regex has it). */
    private static final java.util.regex.Pattern WHOLE_NUMBER = java.util.regex.Pattern.compile("[+-]?\\d+(_\\d+)*");
}
