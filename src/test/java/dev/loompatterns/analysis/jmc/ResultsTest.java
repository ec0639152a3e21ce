package dev.loompatterns.analysis.jmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.ResultToolkit;
import org.openjdk.jmc.flightrecorder.rules.report.html.internal.RulesHtmlToolkit;

/** How a finding's details read in a JMC result. */
class ResultsTest {

    /** A figure the recording cannot give is null in the details; JMC's text says it is not known. */
    @Test
    void aFigureNotKnownSaysSo() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("started", 2L);
        details.put("lifetime_median_ms", null);

        assertThat(Results.details(details)).isEqualTo("started 2; lifetime_median_ms not known");
    }

    /**
     * A list the finding cut to what it kept says how many more there were in all, not how many more
     * it kept: 25 threads kept as 20, 5 shown, "and 20 more" (it said "and 15 more").
     */
    @Test
    void aCutListCountsTheRestFromItsTotal() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("threads", java.util.stream.IntStream.range(0, 20).boxed().toList());
        details.put(Finding.totalOf("threads"), 25);

        assertThat(Results.details(details))
                .startsWith("threads: [0] [1] [2] [3] [4] and 20 more;")
                .endsWith("threads_total 25");
        details.put("threads", List.of(1, 2));
        details.put(Finding.totalOf("threads"), 2); // not cut: the total says nothing more
        assertThat(Results.details(details)).isEqualTo("threads: [1] [2]");
    }

    /**
     * A name from the recording that looks like one of JMC's result templates stays as it is: JMC
     * replaced {@code {score}} in a thread's name with the score ({@code hog75}).
     */
    @Test
    void aNameLikeAResultTemplateIsShownAsItIs() {
        String summary = "1 virtual thread was seen holding its carrier: hog{score}, {other}.";
        Finding finding = new Finding(
                "carrier-hogging", Severity.WARNING, summary, "In hog{score}.", Map.of("threads", List.of()));

        IResult result = Results.of(new CarrierHoggingJmcRule(), finding, null);

        String shown = ResultToolkit.populateMessage(result, result.getSummary(), false);
        assertThat(shown.replace(String.valueOf(Results.ZERO_WIDTH_SPACE), "")).isEqualTo(summary);
        assertThat(ResultToolkit.populateMessage(result, result.getExplanation(), false))
                .doesNotContain("hog75")
                .contains("hog{");
    }

    /**
     * A name from the recording that reads as a link in JMC's HTML ({@code [title](address)}) stays text: a
     * thread so named was a link in the report, and in the desktop's Automated Analysis page, that opened the
     * program's address when clicked.
     */
    @Test
    void aNameLikeALinkIsNotALinkInJmcsHtml() {
        String summary = "1 virtual thread was seen holding its carrier: [see here](https://example.org/x) ...";
        IResult result = hogging(summary, "In [it](https://example.org/y).");

        String html = RulesHtmlToolkit.getDescription(result);
        assertThat(html).doesNotContain("<a ", "example.org%2F").contains("https://example.org/x", "[it]");
        assertThat(result.getSummary().replace(String.valueOf(Results.ZERO_WIDTH_SPACE), ""))
                .isEqualTo(summary);
    }

    /**
     * A name with a backslash, a carriage return or a line separator reaches JMC's HTML with none of them: the
     * desktop puts that HTML in a JavaScript string literal, where {@code \}{@code u003c} made a live {@code <img>}
     * of a thread's name, {@code C:\temp} read as a tab, and a carriage return ended the literal.
     */
    @Test
    void aNameWithABackslashIsNoJavaScriptEscapeInJmcsHtml() {
        String summary = "2 threads: hog\\u003cimg src=x onerror=alert(1)\\u003e and C:\\temp\\new-pool.";
        IResult result = hogging(summary, "In a\rb\r\nc\u2028d\u2029e.");

        String html = RulesHtmlToolkit.getDescription(result);
        assertThat(html)
                .doesNotContain("\\", "\r", "\u2028", "\u2029")
                .contains("hog\u29F5u003cimg", "C:\u29F5temp\u29F5new-pool", "a\nb\nc\nd\ne.");
        assertThat(result.getSummary().replace(Results.NOT_A_BACKSLASH, '\\')).isEqualTo(summary);
    }

    /** Carrier hogging's result in JMC for a finding that says {@code summary} and {@code explanation}. */
    private static IResult hogging(String summary, String explanation) {
        return Results.of(
                new CarrierHoggingJmcRule(),
                new Finding("carrier-hogging", Severity.WARNING, summary, explanation, Map.of()),
                null);
    }

    /** A time reads as an instant, in a list's entries too: JMC showed {@code start 1796134916596700201}. */
    @Test
    void aTimeReadsAsAnInstant() {
        long start = 1_796_134_916_596_700_201L;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("peak_at", start);
        details.put("threads", List.of(Map.of("start", start)));

        assertThat(Results.details(details))
                .isEqualTo("peak_at 2026-12-01T14:21:56.596Z; threads: [start 2026-12-01T14:21:56.596Z]");
    }
}
