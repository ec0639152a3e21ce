package dev.loompatterns.analysis.jmc;

import dev.loompatterns.analysis.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;

/**
 * A {@link Finding} as JMC shows a rule's result: our severity as its score (OK 0, INFO 25,
 * WARNING 75: {@link dev.loompatterns.analysis.Severity#score()}), the summary as it is, and the
 * explanation followed by the key details under the names {@code loom inspect --format json} gives
 * them. A finding that says the rule had nothing to look at ({@link dev.loompatterns.analysis.Severity#NA})
 * is JMC's N/A, as JMC's own rules report too few events.
 */
final class Results {

    /** Inside list entries: advice is already in the explanation. */
    static final Set<String> LEFT_OUT_OF_ENTRIES = Set.of("advice");
    /** Entries of a list shown; the rest are counted. */
    static final int LIST_LIMIT = 5;

    private Results() {}

    static IResult of(IRule rule, Finding finding, IPreferenceValueProvider preferences) {
        ResultBuilder result = ResultBuilder.createFor(rule, preferences)
                .setSummary(literal(rule, finding.summary()))
                .setExplanation(literal(rule, explanation(finding)));
        if (!finding.applicable()) {
            return result.setSeverity(Severity.NA).build();
        }
        int score = finding.severity().score();
        return result.setSeverity(Severity.get(score))
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(score))
                .build();
    }

    /**
     * The text as it reads, in a result JMC shows through {@code ResultToolkit.populateMessage}, which
     * replaces each {@code {id}} of the rule's typed results ({@code {score}}) with its value and has
     * no escape. A name from the recording may hold one: a thread named {@code hog{score}} read as
     * {@code hog75}. A zero-width space after the brace keeps it from matching and reads the same.
     *
     * <p>Likewise {@value #LINK}: JMC's HTML report (and the desktop's Automated Analysis page, which shows
     * the same HTML) makes {@code [title](address)} in a result's text a link that opens the address when
     * clicked ({@code RulesHtmlToolkit.getDescription}, JMC 9.1.2). A thread or pool named so by the program
     * became such a link, to any address it chose; a zero-width space between the two brackets keeps it text.
     *
     * <p>And a backslash: the desktop's Automated Analysis page puts that HTML inside a JavaScript string
     * literal, {@code overview.updateResult("id", score, "...")}, escaping only its quotes
     * ({@code ResultReportUi.updateRule}, JMC 9.1.2; {@code Encode.forHtml} leaves a backslash as it is), and sets
     * the string as the result's {@code innerHTML}. A virtual thread named
     * {@code hog\}{@code u003cimg src=x onerror=alert(1)\}{@code u003e} became a live image whose script ran, and a
     * pool named {@code C:\temp\new-pool} read {@code C:}, a tab, {@code emp}, a line break and {@code ew-pool}. A
     * backslash becomes U+29F5 REVERSE SOLIDUS OPERATOR ({@link #NOT_A_BACKSLASH}), which reads as one but is another
     * character, so it starts no escape; a command our census prints with a backslash in it (a {@code $'...'} word, a
     * Windows path) then reads right but does not paste as it is. A carriage return, alone or before a newline, and
     * the line and paragraph separators U+2028 and U+2029 (line ends too to JavaScript before ECMAScript 2019)
     * become a newline, which JMC makes a line break, as they meant: raw, they end that string literal, its script
     * fails, and JMC redraws the whole page instead of updating the result.
     */
    static String literal(IRule rule, String text) {
        if (text == null) {
            return null;
        }
        String literal = text.replace(LINK, NOT_A_LINK)
                .replace('\\', NOT_A_BACKSLASH)
                .replace("\r\n", "\n")
                .replace('\r', '\n')
                .replace('\u2028', '\n')
                .replace('\u2029', '\n');
        for (TypedResult<?> result : rule.getResults() == null ? List.<TypedResult<?>>of() : rule.getResults()) {
            String template = "{" + result.getIdentifier() + "}";
            literal = literal.replace(template, "{" + ZERO_WIDTH_SPACE + result.getIdentifier() + "}");
        }
        return literal;
    }

    static final char ZERO_WIDTH_SPACE = '\u200B';

    /** Where a title in brackets meets an address in parentheses: a link to JMC's HTML. */
    static final String LINK = "](";

    private static final String NOT_A_LINK = "]" + ZERO_WIDTH_SPACE + "(";

    /** U+29F5, which reads as a backslash and starts no JavaScript escape: {@link #literal}. */
    static final char NOT_A_BACKSLASH = '\u29F5';

    static String explanation(Finding finding) {
        String details = details(finding.details());
        if (details.isEmpty()) {
            return finding.explanation().isEmpty() ? null : finding.explanation();
        }
        return finding.explanation().isEmpty()
                ? "Details: " + details
                : finding.explanation() + "\nDetails: " + details;
    }

    /** {@code pins 32; code_pins 32; groups: [cause native-frame, where ..., count 32] [...]}. */
    static String details(Map<String, Object> details) {
        StringJoiner text = new StringJoiner("; ");
        details.forEach((name, value) -> {
            // series are too long for a result's text; loom inspect shows them
            if (!Finding.readable(name)
                    || !Finding.worthShowing(details, name)
                    || value instanceof List<?> list && list.isEmpty()) {
                return;
            }
            text.add(
                    value instanceof List<?> list
                            ? name + ": " + list(list, Finding.total(details, name))
                            : name + " " + value(name, value));
        });
        return text.toString();
    }

    /** The first entries of a list that had {@code total} before the finding cut it. */
    private static String list(List<?> list, long total) {
        StringJoiner text = new StringJoiner(" ");
        list.stream()
                .limit(LIST_LIMIT)
                .forEach(entry -> text.add("[" + (entry instanceof Map<?, ?> map ? entries(map) : value(entry)) + "]"));
        long shown = Math.min(list.size(), LIST_LIMIT);
        if (total > shown) {
            text.add("and " + (total - shown) + " more");
        }
        return text.toString();
    }

    private static String entries(Map<?, ?> map) {
        StringJoiner text = new StringJoiner(", ");
        map.forEach((name, inner) -> {
            if (!LEFT_OUT_OF_ENTRIES.contains(String.valueOf(name))) {
                text.add(name + " " + value(String.valueOf(name), inner));
            }
        });
        return text.toString();
    }

    /** A detail's value by its name: a time ({@link Finding#TIMES}) as a UTC instant, not epoch nanoseconds. */
    private static String value(String name, Object value) {
        return value instanceof Number nanos && Finding.TIMES.contains(name)
                ? Finding.instant(nanos.longValue())
                : value(value);
    }

    /** A value; maps and lists inside an entry in parentheses (braces would read as JMC's result templates). */
    private static String value(Object value) {
        if (value == null) {
            return Finding.NOT_KNOWN;
        }
        if (value instanceof Map<?, ?> map) {
            return "(" + entries(map) + ")";
        }
        if (value instanceof List<?> list) {
            return "(" + String.join(", ", list.stream().map(Results::value).toList()) + ")";
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        return String.valueOf(value);
    }
}
