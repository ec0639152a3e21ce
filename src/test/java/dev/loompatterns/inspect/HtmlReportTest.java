package dev.loompatterns.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML report as text: escaping, self-containment, the inlined chart library, the sections, the size. */
class HtmlReportTest {

    static final long T0 = 1_796_000_000_000_000_000L;
    static final String HOSTILE =
            "</script><script>alert(1)</script><!-- a&b \"q\" 'q' \u2028 \u202e <img src=http://example.com/x>";

    static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" id=\"loom-data\">(.*?)</script>", Pattern.DOTALL);

    static Map<String, Object> pin(long time, String carrier, String thread, String cause, String frame) {
        Map<String, Object> pin = new LinkedHashMap<>();
        pin.put("time", time);
        pin.put("duration_ms", 20.5);
        pin.put("carrier", carrier);
        pin.put("thread", thread);
        pin.put("cause", cause);
        pin.put("origin", "code");
        pin.put("frame", frame);
        return pin;
    }

    /** A report with every rule's kind of details, recording strings that try to break out of the page. */
    static Report report(int pins, String hostile) {
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (int i = 0; i < pins; i++) {
            timeline.add(pin(
                    T0 + i * 1_000_000L,
                    "ForkJoinPool-1-worker-" + (i % 4),
                    i == 0 ? hostile : "virtual-" + i,
                    i % 3 == 0 ? "monitor" : "native-frame",
                    i == 0 ? hostile : "com.example.Service.call" + "x".repeat(150) + ":" + i));
        }
        Map<String, Object> pinning = new LinkedHashMap<>();
        pinning.put("pins", (long) pins);
        pinning.put("code_pins", (long) pins);
        pinning.put("code_pinned_ms", 20.5 * pins);
        pinning.put(
                "by_cause",
                List.of(
                        Map.of("cause", "native-frame", "origin", "code", "count", 2L, "total_ms", 41.0),
                        Map.of("cause", "monitor", "origin", "code", "count", 1L, "total_ms", 20.5)));
        pinning.put(
                "groups",
                List.of(Map.of(
                        "cause",
                        "monitor",
                        "where",
                        hostile,
                        "carriers",
                        List.of(hostile, "ForkJoinPool-1-worker-1"))));
        pinning.put("apart", List.of());
        pinning.put("timeline", timeline);
        pinning.put("timeline_complete", true);
        List<Map<String, Object>> alive = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            alive.add(Map.of("time", T0 + i * 10_000_000L, "alive", (long) (i % 50)));
        }
        Map<String, Object> census = new LinkedHashMap<>();
        census.put("started", 100_000L);
        census.put("ended", 99_990L);
        census.put("peak_alive", 46_044L);
        census.put("peak_at", T0 + 1_050_000_000L);
        census.put("lifetime_median_ms", 262.0);
        census.put(
                "lifetimes",
                List.of(
                        Map.of("up_to_ms", 0.002, "count", 3L),
                        Map.of("up_to_ms", 1.024, "count", 0L),
                        Map.of("up_to_ms", 262.144, "count", 99_997L),
                        Map.of("up_to_ms", 1_048.576, "count", 0L)));
        census.put("alive_over_time", alive);
        census.put("jmc_load_estimate", "about 6 s");
        census.put(
                "slim_command",
                "jfr scrub --exclude-events jdk.VirtualThreadStart,jdk.VirtualThreadEnd " + hostile
                        + ".jfr x-slim.jfr");
        Map<String, Object> hogging = Map.of(
                "samples",
                546L,
                "threads",
                List.of(Map.of(
                        "thread",
                        hostile,
                        "longest_run_ms",
                        694.0,
                        "start",
                        T0 + 5_000_000L,
                        "samples",
                        40L,
                        "top_frame",
                        hostile)));
        Map<String, Object> queueing = new LinkedHashMap<>();
        queueing.put("tasks", 200L);
        queueing.put(
                "histogram",
                List.of(Map.of("up_to_ms", 4.096, "count", 2L), Map.of("up_to_ms", 524.288, "count", 97L)));
        Map<String, Object> pools = Map.of(
                "recording_ms",
                777.0,
                "candidates",
                List.of(Map.of(
                        "pool",
                        hostile,
                        "threads",
                        8,
                        "blocked_share",
                        0.93,
                        "blocked_ms",
                        5000.0,
                        "blocked_in",
                        Map.of("park", 5000.0))),
                "other_pools",
                List.of());
        return new Report(
                "/tmp/" + hostile + ".jfr",
                7_632_885,
                123_456,
                List.of(
                        new Finding("pinning", Severity.WARNING, "Pins at " + hostile, "Explained " + hostile, pinning),
                        new Finding(
                                "submit-failed",
                                Severity.OK,
                                "No virtual thread failed to be scheduled.",
                                "",
                                Map.of("failures", 0)),
                        new Finding("carrier-hogging", Severity.WARNING, "Hogged", "", hogging),
                        new Finding("pool-candidate", Severity.INFO, "Pool " + hostile, "", pools),
                        new Finding("queueing-delay", Severity.INFO, "Waited", "", queueing),
                        new Finding("virtual-thread-census", Severity.WARNING, "Census", "", census)));
    }

    static String html(Report report, Optional<ChartLibrary> library) throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.write(report, out, library);
        return out.toString();
    }

    static String html(Report report) throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.write(report, out);
        return out.toString();
    }

    @Test
    void textFromTheRecordingIsEscapedInTheHtml() throws IOException {
        String page = html(report(3, HOSTILE));
        String escaped =
                "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- a&amp;b &quot;q&quot; &#39;q&#39;";
        assertThat(page)
                .contains("<title>loom inspect: /tmp/" + escaped)
                .contains("<p class=\"summary\">Pins at " + escaped)
                .contains("<td class=\"words\" data-label=\"where\">" + escaped) // the groups' "where"
                .contains("<td class=\"words\" data-label=\"frame\">" + escaped) // the timeline's
                // a list in a cell; the line separator and the right-to-left override written out, not obeyed
                .contains(
                        escaped + " \\u2028 \\u202e &lt;img src=http://example.<wbr>com/x&gt;, ForkJoinPool-1-worker-1")
                .contains("<code>jfr scrub --exclude-events jdk.VirtualThreadStart,jdk.VirtualThreadEnd " + escaped)
                .doesNotContain("<script>alert(1)")
                .doesNotContain("<img");
        // the page's own scripts only: the error catcher, the data, the library, the drawing
        assertThat(count(page, "<script")).isEqualTo(4);
        assertThat(count(page, "</script>")).isEqualTo(4);
        assertThat(count(page, "<!--")).isZero();
    }

    /**
     * The embedded data reads back as the report with its strings written out as the text and the
     * tables show them: the charts draw their labels from it, and showed a right-to-left override
     * obeyed ("new linelive" for {@code new\nline\u202Eevil}) where the tables wrote it out.
     */
    @Test
    void theEmbeddedJsonCannotEndItsScriptAndReadsBackAsTheReport() throws IOException {
        Report report = report(3, HOSTILE);
        String page = html(report);
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).isTrue();
        String json = data.group(1);
        assertThat(json)
                .doesNotContain("<")
                .doesNotContain(">")
                .doesNotContain("&")
                .doesNotContain("\u2028")
                .contains("\\u003c/script\\u003e");
        Map<?, ?> read = new ObjectMapper().readValue(json, Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> expected =
                new LinkedHashMap<>((Map<String, Object>) HtmlReport.visibleStrings(JsonReport.tree(report)));
        expected.put("time_origin", T0);
        assertThat(read).isEqualTo(new ObjectMapper().readValue(JsonReport.toJson(expected), Map.class));
        String summary = (String) ((Map<?, ?>) ((List<?>) read.get("findings")).getFirst()).get("summary");
        assertThat(summary)
                .isEqualTo("Pins at " + dev.loompatterns.jfr.VisibleText.of(HOSTILE))
                .doesNotContain("\u202e");
        assertThat(summary).contains("\\u202e"); // written out: a backslash, u, 202e
    }

    @Test
    void jsonForScriptEscapesOnlyWhatCouldEndTheElement() throws IOException {
        String json = JsonReport.toJson(Map.of("name", "</SCRIPT> <!-- & \u2029 \\ \"", "n", 1));
        String safe = HtmlReport.jsonForScript(json);
        assertThat(safe)
                .doesNotContainIgnoringCase("</script")
                .doesNotContain("<!--")
                .doesNotContain("\u2029");
        assertThat(new ObjectMapper().readValue(safe, Map.class))
                .isEqualTo(new ObjectMapper().readValue(json, Map.class));
    }

    @Test
    void thePageIsSelfContained() throws IOException {
        String page = html(report(3, HOSTILE));
        // the page's tags (outside its scripts and style; text from the recording is escaped, so none of its own):
        // none loads or links anything from the network (the recording's names hold such a tag, escaped)
        String markup = Pattern.compile("(?is)(<script[^>]*>).*?(</script>)|(<style>).*?(</style>)")
                .matcher(page)
                .replaceAll("$1$2$3$4");
        List<String> tags = Pattern.compile("<[a-zA-Z][^>]*>")
                .matcher(markup)
                .results()
                .map(MatchResult::group)
                .toList();
        assertThat(tags)
                .hasSizeGreaterThan(100)
                .noneMatch(tag -> Pattern.compile(
                                "(?i)\\b(src|href|action|data|poster|srcset)\\s*=\\s*[\"']?\\s*(https?:|//)")
                        .matcher(tag)
                        .find())
                .noneMatch(tag -> Pattern.compile("(?i)^<(link|iframe|img|object|embed|base|frame)\\b")
                        .matcher(tag)
                        .find())
                .noneMatch(
                        tag -> Pattern.compile("(?i)\\bsrc\\s*=").matcher(tag).find());
        // nor does the style sheet (or a style attribute), nor a source map
        String style = page.substring(page.indexOf("<style>"), page.indexOf("</style>"));
        assertThat(style).doesNotContain("@import").doesNotContainPattern("(?i)url\\(");
        assertThat(tags)
                .noneMatch(tag ->
                        Pattern.compile("(?i)style=\"[^\"]*url\\(").matcher(tag).find());
        assertThat(page).doesNotContain("sourceMappingURL");
        // and no script asks for anything: the library's and ours
        assertThat(page)
                .doesNotContain("fetch(")
                .doesNotContain("XMLHttpRequest")
                .doesNotContain("import(")
                .doesNotContain("WebSocket")
                .doesNotContain("sendBeacon")
                .doesNotContain("EventSource");
        // links inside the page are anchors of its own sections
        Matcher links = Pattern.compile("href=\"([^\"]*)\"").matcher(page);
        while (links.find()) {
            assertThat(links.group(1)).startsWith("#rule-");
            assertThat(page).contains("id=\"" + links.group(1).substring(1) + "\"");
        }
    }

    @Test
    void chartJsIsInlinedFromTheClassPath() throws IOException {
        ChartLibrary library = ChartLibrary.find()
                .orElseThrow(() -> new AssertionError("the chart.js WebJar is not on the test class path"));
        assertThat(library.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(library.script())
                .contains("Chart.js v" + library.version())
                .contains("Released under the MIT License")
                .hasSizeGreaterThan(100_000);
        String page = html(report(3, HOSTILE));
        assertThat(page)
                .contains(library.script())
                .contains("Charts drawn with Chart.js " + library.version() + " (MIT License)");
    }

    @Test
    void withoutTheLibraryThePageSaysSoAndKeepsItsTables() throws IOException {
        String page = html(report(3, HOSTILE), Optional.empty());
        assertThat(page)
                .doesNotContain("Chart.js v")
                .contains("<strong>No charts:</strong> Chart.js was not on the class path")
                .contains("<table data-name=\"groups\"");
        assertThat(count(page, "<script")).isEqualTo(3);
    }

    @Test
    void inlinableScriptsCannotEndTheirElementAndLoseTheirSourceMap() {
        String script =
                "var a='</script>',b=/<\\/SCRIPT>/;var c=\"</Script \";\n//# sourceMappingURL=chart.umd.min.js.map\n";
        assertThat(ChartLibrary.inlinable(script))
                .isEqualTo("var a='<\\/script>',b=/<\\/SCRIPT>/;var c=\"<\\/Script \";\n\n");
    }

    @Test
    void eachFindingHasASectionWithItsSeverityAndItsCharts() throws IOException {
        String page = html(report(3, HOSTILE));
        for (String[] rule : new String[][] {
            {"pinning", "WARNING"},
            {"submit-failed", "OK"},
            {"carrier-hogging", "WARNING"},
            {"pool-candidate", "INFO"},
            {"queueing-delay", "INFO"},
            {"virtual-thread-census", "WARNING"}
        }) {
            assertThat(page)
                    .contains("id=\"rule-" + rule[0] + "\" data-rule=\"" + rule[0] + "\" data-severity=\"" + rule[1]
                            + "\"")
                    .contains("<h2><span class=\"badge " + rule[1].toLowerCase() + "\">" + rule[1]
                            + "</span> <span class=\"rule\">" + rule[0]);
        }
        for (String chart : List.of(
                "pin-timeline",
                "pins-by-cause",
                "pinned-by-cause",
                "alive",
                "lifetimes",
                "queueing",
                "hogging",
                "pools")) {
            assertThat(page).contains("<canvas data-chart=\"" + chart + "\"");
        }
        assertThat(count(page, "<canvas")).isEqualTo(8);
        // the numbers as a person reads them
        assertThat(page)
                .contains("<span class=\"value\">100,000</span><span class=\"label\">started</span>")
                .contains("<span class=\"value\">+1.050 s</span><span class=\"label\">peak at</span>")
                .contains("<span class=\"value\">262 ms</span><span class=\"label\">lifetime median</span>")
                .contains("<td class=\"n\" data-label=\"blocked share\">93%</td>")
                .contains("<td class=\"words\" data-label=\"blocked in\">park 5,000 ms</td>");
    }

    /**
     * The times on the page count from the first event its pictures show, which the header names (a reviewer could
     * not match "+0.560 s" with the text report's instants); a reader without scripts has every picture's numbers,
     * the virtual threads alive over time too; the pictures of pins say what their faded bars are.
     */
    @Test
    void thePageSaysWhatItsTimesCountFromAndKeepsEveryPicturesNumbers() throws IOException {
        String page = html(report(3, HOSTILE));
        assertThat(page)
                .contains("<p class=\"origin\">Times read <code>+0.000 s</code> at " + Instant.ofEpochSecond(0, T0)
                        + ", the first event the pictures show.</p>")
                .contains("<noscript>")
                .contains("<summary>alive over time (500 rows)</summary>")
                .contains("<td class=\"n\" data-label=\"time\">+4.990 s</td>");
        assertThat(page.substring(0, page.indexOf("</head>")))
                .as("without scripts the pictures' empty boxes and their captions are hidden")
                .contains("<noscript><style>.charts { display: none; }</style></noscript>");
        assertThat(count(page, HtmlReport.escape(HtmlReport.SET_APART)))
                .as("the caption and the label of each picture of pins")
                .isEqualTo(6);
    }

    @Test
    void findingsWithoutDataHaveNoCharts() throws IOException {
        Report empty = new Report(
                "e.jfr",
                1234,
                5,
                List.of(
                        new Finding(
                                "pinning", Severity.OK, "No virtual thread pinned its carrier.", "", Map.of("pins", 0)),
                        new Finding(
                                "virtual-thread-census",
                                Severity.NA,
                                "Not recorded.",
                                "",
                                Map.of("started", 0, "timeline_complete", true))));
        String page = html(empty);
        assertThat(page)
                .doesNotContain("<canvas")
                .contains("data-rule=\"pinning\" data-severity=\"OK\"")
                .contains("data-severity=\"NA\"")
                .contains("<span class=\"badge na\">N/A</span>")
                .doesNotContain(">timeline_complete<")
                // a count of events not recorded is no figure: the N/A census had read "0 started"
                .doesNotContain("data-name=\"started\"")
                .contains("<div class=\"tile\" data-name=\"pins\"><span class=\"value\">0</span>")
                .doesNotContain("Times read");
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).isTrue();
        assertThat(new ObjectMapper().readValue(data.group(1), Map.class).get("time_origin"))
                .isEqualTo(0);
    }

    /**
     * A census's details: 10 threads, a point of alive_over_time every {@code step} ns, two buckets of lifetimes, and
     * these counts of threads the recording saw in part.
     */
    static Finding census(long endedWithoutStart, long aliveThroughout, long cut, long step) {
        Map<String, Object> census = new LinkedHashMap<>();
        census.put("started", 10L);
        census.put("ended", 10L);
        census.put("ended_without_start", endedWithoutStart);
        census.put("alive_throughout", aliveThroughout);
        census.put("lifetimes_cut_at_edges", cut);
        census.put(
                "lifetimes", List.of(Map.of("up_to_ms", 1.024, "count", 4L), Map.of("up_to_ms", 2.048, "count", 6L)));
        List<Map<String, Object>> alive = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            alive.add(Map.of("time", T0 + i * step, "alive", (long) (i * 2)));
        }
        census.put("alive_over_time", alive);
        return new Finding("virtual-thread-census", Severity.INFO, "Census", "", census);
    }

    /**
     * A helper's hunt: the census's pictures did not say their values were lower bounds where its summary said "at
     * least". Their captions now say so, and only then.
     */
    @Test
    void theCensusCaptionsSayAtLeastWhereTheSummaryDoes() throws IOException {
        String cut = html(new Report("c.jfr", 1234, 5, List.of(census(3, 0, 5, 10_000_000L))));
        assertThat(cut)
                .contains("<figcaption>Virtual threads alive over time: the most alive at once in each slice of the"
                        + " recording, at least (lower bounds: a thread alive through the recording that no event names"
                        + " is not counted).</figcaption>")
                .contains("<figcaption>Virtual thread lifetimes: how many lived up to each length (a doubling scale);"
                        + " the lifetimes of 5 threads alive at the recording&#39;s start or end are the part it"
                        + " saw: at least (lower bounds).</figcaption>");
        assertThat(html(new Report("c.jfr", 1234, 5, List.of(census(0, 1, 0, 10_000_000L)))))
                .contains("in each slice of the recording, at least (lower bounds");
        String whole = html(new Report("c.jfr", 1234, 5, List.of(census(0, 0, 0, 10_000_000L))));
        assertThat(whole)
                .contains("<figcaption>Virtual threads alive over time: the most alive at once in each slice of the"
                        + " recording.</figcaption>")
                .contains("<figcaption>Virtual thread lifetimes: how many lived up to each length (a doubling"
                        + " scale).</figcaption>");
        assertThat(Pattern.compile("<figcaption>[^<]*</figcaption>")
                        .matcher(whole)
                        .results()
                        .map(MatchResult::group))
                .hasSize(2)
                .noneMatch(caption -> caption.contains("at least"));
    }

    /** A figure the recording cannot give is null in the details; the page says it is not known. */
    @Test
    void aFigureNotKnownSaysSo() throws IOException {
        Map<String, Object> census = new LinkedHashMap<>();
        census.put("started", 2L);
        census.put("lifetime_median_ms", null);
        String page = html(new Report(
                "e.jfr", 1234, 5, List.of(new Finding("virtual-thread-census", Severity.INFO, "Census", "", census))));
        assertThat(page).contains("<span class=\"value\">not known</span><span class=\"label\">lifetime median</span>");
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).isTrue();
        assertThat(new ObjectMapper()
                        .readTree(data.group(1))
                        .at("/findings/0/details/lifetime_median_ms")
                        .isNull())
                .as("null in the page's data")
                .isTrue();
    }

    /**
     * A helper's hunt: a value not known was blank in a table (wakeup-delay's median of no sleep it could count) and
     * "not known" in a tile. A table now says "not known" too; a column a row does not have stays blank.
     */
    @Test
    void aValueNotKnownSaysSoInATableToo() throws IOException {
        Map<String, Object> virtual = new LinkedHashMap<>();
        virtual.put("sleeps", 3L);
        virtual.put("median_ms", null);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("cause", "monitor");
        first.put("count", 1L);
        Map<String, Object> second = new LinkedHashMap<>(first);
        second.put("classified_from", "its frames");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("virtual", virtual);
        details.put("groups", List.of(first, second));
        String page = html(
                new Report("n.jfr", 1234, 5, List.of(new Finding("wakeup-delay", Severity.INFO, "S", "", details))));
        assertThat(page)
                .contains("<td class=\"words\" data-label=\"median\">not known</td>")
                .contains("<td class=\"words\" data-label=\"classified from\"></td>");
    }

    /**
     * A cause's advice, the same for each of its groups, is written once for rows in a row that share it, then "as
     * above": a helper's Jetty server's page repeated 260 characters in each of 28 class-loading rows. Advice that
     * differs from the row above's, or follows a row with none, is written whole again.
     */
    @Test
    void adviceTheRowAboveGaveIsNotWrittenAgain() throws IOException {
        String loading = "a cold JVM's first use of a class: warm it up before measuring";
        String waiting = "another thread's class initializer: make it quick";
        List<Map<String, Object>> apart = new ArrayList<>();
        for (String[] group : new String[][] {
            {"class-loading", "A.a:1", loading},
            {"class-loading", "B.b:2", loading},
            {"class-init-wait", "C", waiting},
            {"class-loading", "D.d:4", loading},
            {"monitor", "E.e:5", null},
            {"class-loading", "F.f:6", loading}
        }) {
            Map<String, Object> row = new LinkedHashMap<>(Map.of("cause", group[0], "where", group[1]));
            if (group[2] != null) {
                row.put("advice", group[2]);
            }
            apart.add(row);
        }
        String page = html(new Report(
                "a.jfr", 1234, 5, List.of(new Finding("pinning", Severity.INFO, "Pins", "", Map.of("apart", apart)))));
        String table = page.substring(page.indexOf("<table data-name=\"apart\""));
        table = table.substring(0, table.indexOf("</table>"));
        assertThat(table.split(java.util.regex.Pattern.quote(HtmlReport.escape(loading)), -1))
                .as("written for the first row, again below the other cause's and below a row with none")
                .hasSize(4);
        assertThat(table).containsOnlyOnce(HtmlReport.escape(waiting));
        assertThat(table.split(">" + HtmlReport.AS_ABOVE + "<", -1))
                .as("the second row's")
                .hasSize(2);
    }

    /**
     * A qualified name in a cell may break after each of its dots, so a narrow column wraps between names, not inside
     * one; a number's point and a sentence's full stop stay as they are.
     */
    @Test
    void aCellsQualifiedNameBreaksBetweenItsNames() {
        assertThat(HtmlReport.cellText("a.b.Upcall.<clinit>:22 in 85.2 ms. Done"))
                .isEqualTo("a.<wbr>b.<wbr>Upcall.<wbr>&lt;clinit&gt;:22 in 85.2 ms. Done");
    }

    /**
     * A cell whose words are all short is marked to break between them alone; one with a word past WHOLE_WORD breaks
     * anywhere, as every cell did, so that no word widens its table.
     */
    @Test
    void aCellOfShortWordsKeepsThemWhole() {
        String longest = "S".repeat(HtmlReport.WHOLE_WORD);
        assertThat(HtmlReport.longestWord("socket read from org.apache.http.impl.io.SessionInputBufferImpl"))
                .isEqualTo("SessionInputBufferImpl".length());
        assertThat(HtmlReport.longestWord("pool-1-thread-#, a/b")).isEqualTo("thread-".length());
        assertThat(HtmlReport.shortWords("from a." + longest)).isTrue();
        assertThat(HtmlReport.shortWords("from a." + longest + "x")).isFalse();
        assertThat(HtmlReport.shortWords("a ".repeat(HtmlReport.CELL_TEXT)))
                .as("folded: not shown whole")
                .isFalse();
    }

    /** A cell's text past CELL_TEXT code points shows its start and end, the whole folded under them; no pair split. */
    @Test
    void aLongCellShowsItsStartAndEndAndFoldsTheWhole() {
        String thread = "\uD83E\uDDF5"; // one code point, two chars
        assertThat(HtmlReport.cellText("a<b")).isEqualTo("a&lt;b");
        assertThat(HtmlReport.cellText(thread.repeat(HtmlReport.CELL_TEXT)))
                .isEqualTo(thread.repeat(HtmlReport.CELL_TEXT));
        String name = thread.repeat(150) + "<" + "y".repeat(200) + "\n";
        assertThat(HtmlReport.cellText(name))
                .isEqualTo("<details class=\"long\"><summary>" + thread.repeat(100) + "\u2026" + "y".repeat(28) + "\\n"
                        + " <span class=\"chars\">(353 characters)</span></summary><span class=\"whole\">"
                        + thread.repeat(150) + "&lt;" + "y".repeat(200) + "\\n</span></details>");
    }

    /** A summary's word past WORD code points shows its start and end, the whole in its title; short words stay. */
    @Test
    void aLongWordOfASummaryIsCutWithTheWholeInItsTitle() {
        String name = "t<" + "x".repeat(HtmlReport.WORD) + "\u202e";
        assertThat(HtmlReport.prose("Pins at " + "y".repeat(HtmlReport.WORD - 1) + ", 2 ms"))
                .isEqualTo("Pins at " + "y".repeat(HtmlReport.WORD - 1) + ", 2 ms");
        assertThat(HtmlReport.prose("Pins at " + name + " (2 ms) & more"))
                .isEqualTo("Pins at <span class=\"cut\" title=\"t&lt;" + "x".repeat(HtmlReport.WORD) + "\\u202e\">t&lt;"
                        + "x".repeat(58) + "\u2026" + "x".repeat(14) + "\\u202e</span> (2 ms) &amp; more");
    }

    @Test
    void aLargeRecordingsPageStaysUnderThreeMegabytes() throws IOException {
        String page = html(report(2_000, "virtual-0"));
        int bytes = page.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes)
                .as("bytes of a page with 2,000 pins with long frames and 500 census points")
                .isLessThan(3 * 1024 * 1024);
        assertThat(page).contains(" (2,000 rows)");
    }

    /** The header's events and a folded table's rows, one and two: "1 event", "2 rows". */
    @Test
    void countsInTheHeaderAndTheFoldedTablesAgreeWithTheirNouns() throws IOException {
        for (int n = 1; n <= 2; n++) {
            List<Map<String, Object>> timeline = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                timeline.add(pin(T0 + i, "ForkJoinPool-1-worker-1", "v-" + i, "monitor", "com.example.A.b:1"));
            }
            String page = html(new Report(
                    "n.jfr",
                    1234,
                    n,
                    List.of(new Finding(
                            "pinning",
                            Severity.WARNING,
                            "Pins.",
                            "",
                            Map.of("pins", (long) n, "timeline", timeline)))));
            String noun = n == 1 ? "" : "s";
            assertThat(page)
                    .contains(" &middot; " + n + " event" + noun + "</p>")
                    .contains("<summary>timeline (" + n + " row" + noun + ")</summary>");
        }
    }

    /** A list the finding cut says so in its heading and in its picture's caption. */
    @Test
    void aCutListSaysHowManyItKept() throws IOException {
        List<Map<String, Object>> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(Map.of("thread", "hog-" + i, "longest_run_ms", 200.0 - i, "start", T0));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("threads", threads);
        details.put("threads_total", 7);
        String page = html(new Report(
                "r.jfr", 1, 1, List.of(new Finding("carrier-hogging", Severity.INFO, "Hogs.", "", details))));
        assertThat(page)
                .contains("(3 of 7: the rest not kept)</h3>")
                .contains("on a lane per thread (the 3 longest of 7).");
        details.put("threads_total", 3);
        assertThat(html(new Report(
                        "r.jfr", 1, 1, List.of(new Finding("carrier-hogging", Severity.INFO, "Hogs.", "", details)))))
                .doesNotContain("not kept")
                .contains("on a lane per thread.");
    }

    @Test
    void valuesReadAsAPersonReadsThem() {
        assertThat(HtmlReport.value("pins", 12_345L, 0)).isEqualTo("12,345");
        assertThat(HtmlReport.value("total_ms", 40.3, 0)).isEqualTo("40.3 ms");
        assertThat(HtmlReport.value("total_ms", 4519.0, 0)).isEqualTo("4,519 ms");
        assertThat(HtmlReport.value("up_to_ms", 0.002, 0)).isEqualTo("0.002 ms");
        assertThat(HtmlReport.value("blocked_share", 0.5, 0)).isEqualTo("50%");
        assertThat(HtmlReport.value("lock_wait_share", 0.68, 0)).isEqualTo("68%");
        assertThat(HtmlReport.value("blocked_share_of_work", 0.83, 0)).isEqualTo("83%");
        assertThat(HtmlReport.value("lifetime_median_ms", 0.0516, 0)).isEqualTo("0.0516 ms");
        assertThat(HtmlReport.value("start", T0 + 1_500_000_000L, T0)).isEqualTo("+1.500 s");
        assertThat(HtmlReport.value("timeline_complete", false, 0)).isEqualTo("no");
        assertThat(HtmlReport.label("longest_run_ms")).isEqualTo("longest run");
        assertThat(HtmlReport.label("code_pinned_ms"))
                .as("the code's pins and the slow first uses, beside a tile of the code's pins alone")
                .isEqualTo("held by the pins warned of");
        assertThat(HtmlReport.label("longest_task"))
                .as("an id, which 'longest task' under '15' made read as a count (a review)")
                .isEqualTo("id of the task that waited longest");
        assertThat(HtmlReport.escape("<a href='x'>&\"")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
