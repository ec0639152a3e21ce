package dev.loompatterns.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one rule concluded about a recording.
 *
 * @param rule        the rule's id, a contract ({@code pinning}, {@code submit-failed}, ...)
 * @param severity    OK, INFO or WARNING
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
     * Details that qualify the finding rather than being evidence: {@code applicable}
     * ({@link #applicable()}) and {@code timeline_complete} (whether the timeline holds every pin).
     */
    public static final Set<String> FLAGS = Set.of("applicable", "timeline_complete");

    /** How the text, the page and JMC show a null detail: a figure the recording cannot give. */
    public static final String NOT_KNOWN = "not known";

    public Finding {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** False for a finding that had nothing to look at (no samples, no task pairs, no virtual thread events). */
    public boolean applicable() {
        return !Boolean.FALSE.equals(details.get("applicable"));
    }

    /**
     * Whether a detail is evidence to read as text: neither one of the {@link #SERIES} nor one of the {@link #FLAGS}.
     */
    public static boolean readable(String name) {
        return !SERIES.contains(name) && !FLAGS.contains(name);
    }

    /** The details under a name, as a list (empty if there is none). */
    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object value = details.get(name);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
