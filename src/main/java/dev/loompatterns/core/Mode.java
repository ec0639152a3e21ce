package dev.loompatterns.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three forms every pattern is written in.
 *
 * <ul>
 *   <li>{@link #PLATFORM}: classic platform threads, a thread per worker or a fixed pool where the
 *       tutorial used a pool. The code people migrate from.
 *   <li>{@link #VIRTUAL}: a virtual thread per task, never pooled (JEP 444); limits come from a
 *       {@link java.util.concurrent.Semaphore}, not from a pool size.
 *   <li>{@link #STRUCTURED}: virtual threads forked inside a {@code StructuredTaskScope}
 *       (API status: preview in JDK 25, JEP 505), context passed by {@link ScopedValue} (JEP 506).
 * </ul>
 */
public enum Mode {
    PLATFORM,
    VIRTUAL,
    STRUCTURED;

    /** The lower-case name used on the command line and in reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a mode as a user typed it, ignoring case.
     *
     * @throws UsageException naming the modes that exist
     */
    public static Mode parse(String text) {
        for (Mode mode : values()) {
            if (mode.id().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new UsageException("unknown mode '" + text + "'; the modes are " + allIds());
    }

    static String allIds() {
        return Arrays.stream(values()).map(Mode::id).collect(Collectors.joining(", "));
    }
}
