package dev.loompatterns.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How much work one run does: the number of tasks and the pattern's own parameters, every value
 * validated against the pattern's declared ranges. Instances are immutable and only made by
 * {@link #resolve}, so a pattern never sees a value outside its ranges.
 *
 * @param tasks  how many tasks (workers, requests, items) the run handles
 * @param values every parameter of the pattern, given or defaulted, parsed once: a {@code Long} for a
 *               whole number, a {@code String} for text
 * @param given  the names of the parameters the user gave, so that a value given empty ({@code -P faults=})
 *               is told from one not given
 */
public record Workload(int tasks, Map<String, Object> values, Set<String> given) {

    public Workload {
        values = Map.copyOf(values);
        given = Set.copyOf(given);
    }

    /**
     * Builds the workload for a pattern in a mode from what the user gave.
     *
     * @param tasks the user's task count, or {@code null} for the pattern's default
     * @param given parameters by name; unknown names and out-of-range values are rejected
     * @throws UsageException naming the wrong value and what is allowed
     */
    public static Workload resolve(Pattern pattern, Mode mode, Integer tasks, Map<String, String> given) {
        int max = pattern.maxTasks(mode);
        int resolvedTasks = tasks == null ? pattern.defaultTasks() : tasks;
        // the mode named only where the modes' limits differ: daemon-threads' 50 read "in platform mode"
        boolean sameInEveryMode = pattern.modes().stream().allMatch(other -> pattern.maxTasks(other) == max);
        if (resolvedTasks < 1 && !sameInEveryMode) { // in any mode: not the first mode's limit when the user named none
            throw new UsageException("--tasks must be at least 1, got " + resolvedTasks);
        }
        if (resolvedTasks < 1 || resolvedTasks > max) {
            throw new UsageException(
                    "--tasks for " + pattern.id() + (sameInEveryMode ? "" : " in " + mode.id() + " mode")
                            + " must be from 1 to " + max + ", got " + resolvedTasks + limitReason(pattern, mode));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param param : pattern.params()) {
            values.put(param.name(), param.parse(param.defaultValue()));
        }
        for (Map.Entry<String, String> entry : given.entrySet()) {
            Param param = pattern.params().stream()
                    .filter(p -> p.name().equals(entry.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new UsageException(unknownParam(pattern, entry.getKey())));
            values.put(param.name(), param.parse(entry.getValue(), param.name() + " for " + pattern.id()));
        }
        return new Workload(resolvedTasks, values, given.keySet());
    }

    private static String limitReason(Pattern pattern, Mode mode) {
        return mode == Mode.PLATFORM && pattern.maxTasks(Mode.PLATFORM) < pattern.maxTasks(Mode.VIRTUAL)
                ? " (platform threads cost far more than virtual ones: the virtual mode takes up to "
                        + pattern.maxTasks(Mode.VIRTUAL) + ")"
                : "";
    }

    private static String unknownParam(Pattern pattern, String name) {
        List<Param> params = pattern.params();
        if (params.isEmpty()) {
            return "pattern " + pattern.id() + " takes no -P parameters, got '" + name + "'";
        }
        return "pattern " + pattern.id() + " has no parameter '" + name + "'; it takes "
                + params.stream().map(Param::synopsis).collect(Collectors.joining(", "));
    }

    /** A whole-number parameter. */
    public int intValue(Param param) {
        return Math.toIntExact(longValue(param));
    }

    /** A whole-number parameter. */
    public long longValue(Param param) {
        return (Long) value(param, false);
    }

    /** A whole-number parameter read as milliseconds. */
    public Duration millis(Param param) {
        return Duration.ofMillis(longValue(param));
    }

    /** Whether the user gave the parameter, if only an empty value; false when it has its default. */
    public boolean given(Param param) {
        value(param, param.text()); // a parameter of this pattern
        return given.contains(param.name());
    }

    /** A text parameter. */
    public String text(Param param) {
        return (String) value(param, true);
    }

    private Object value(Param param, boolean text) {
        Object value = values.get(param.name());
        if (value == null || param.text() != text) {
            throw new IllegalArgumentException("no " + (text ? "text" : "whole-number") + " parameter '" + param.name()
                    + "' in " + values.keySet());
        }
        return value;
    }
}
