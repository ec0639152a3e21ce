package dev.loompatterns.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one rule concluded about a recording.
 *
 * @param rule        the rule's id, a contract ({@code pinning}, {@code submit-failed}, ...)
 * @param severity    OK, INFO or WARNING
 * @param summary     one sentence
 * @param explanation what it means and what to do, a few sentences
 * @param details     the evidence: names to numbers, text, lists and maps of the same, in the order
 *                    a person should read them (the JSON output carries them as they are)
 */
public record Finding(String rule, Severity severity, String summary, String explanation, Map<String, Object> details) {

    public Finding {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The details under a name, as a list (empty if there is none). */
    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object value = details.get(name);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
