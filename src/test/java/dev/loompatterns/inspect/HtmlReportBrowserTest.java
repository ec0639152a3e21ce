package dev.loompatterns.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.Severity;
import dev.loompatterns.cli.LoomCli;
import dev.loompatterns.core.Catalogue;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTML report as a person sees it: a recording this test makes ({@code loom run pinning} on
 * virtual threads, with FFM upcalls that pin), written by {@code loom inspect --format html},
 * opened in headless Chromium. Asserted on the DOM after the page's scripts ran: each rule's section
 * and severity, every chart drawn by Chart.js (its canvas marked by a plugin of the page), no
 * script error; and the same for a page whose recording strings try to break out of it. The pages
 * and a screenshot stay in target/html-report-test for a person to look at.
 *
 * <p>Needs Chromium ({@code /usr/bin/chromium}, or {@code chromium} on the PATH): skipped without it,
 * failed without it when the environment variable CI is set ({@code .ci/run} installs it).
 */
class HtmlReportBrowserTest {

    static final Path OUT = Path.of("target", "html-report-test");
    static final Pattern CANVAS = Pattern.compile("<canvas\\b[^>]*>");

    static final String MISSING =
            "Chromium is needed to open the HTML report: not found at /usr/bin/chromium nor as 'chromium' on the PATH;"
                    + " on Debian or Ubuntu install it with 'apt-get update && apt-get install -y chromium' (.ci/run"
                    + " does)";

    static Path chromium;

    @BeforeAll
    static void findChromium() throws IOException {
        chromium = findOnPath();
        if (chromium == null && System.getenv("CI") != null) {
            fail(MISSING + " (CI is set: a missing browser fails here rather than skipping the test)");
        }
        Files.createDirectories(OUT);
    }

    /** Each test reports itself skipped, with how to install Chromium, where there is none and CI is not set. */
    @BeforeEach
    void needsChromium() {
        assumeTrue(chromium != null, MISSING);
    }

    static Path findOnPath() {
        Path usual = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(usual)) {
            return usual;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "chromium");
            if (candidate != null && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs loom in-process; fails with its output unless it exits 0. */
    static String loom(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoomCli.execute(Catalogue.load(), new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code)
                .as("loom " + String.join(" ", args) + "\n" + out + "\n" + err)
                .isZero();
        return out.toString();
    }

    @Test
    void aPinningRecordingsReportShowsEveryRuleAndDrawsItsCharts() throws Exception {
        Path recording = OUT.resolve("pinning.jfr").toAbsolutePath();
        Path page = OUT.resolve("pinning.html").toAbsolutePath();
        Path json = OUT.resolve("pinning.json").toAbsolutePath();
        Files.deleteIfExists(recording);
        loom(
                "run",
                "pinning",
                "--mode",
                "virtual",
                "--variant",
                "ffm-upcall",
                "--tasks",
                "4",
                "-P",
                "sleep-ms=5",
                "--jfr",
                recording.toString());
        loom("inspect", recording.toString(), "--format", "html", "--out", page.toString());
        loom("inspect", recording.toString(), "--format", "json", "--out", json.toString());
        Map<?, ?> report = new ObjectMapper().readValue(json.toFile(), Map.class);

        String dom = dumpDom(page);
        assertChartsDrawn(dom);
        List<?> findings = (List<?>) report.get("findings");
        assertThat(findings).hasSizeGreaterThanOrEqualTo(6);
        for (Object one : findings) {
            Map<?, ?> finding = (Map<?, ?>) one;
            String rule = (String) finding.get("rule");
            String severity = (String) finding.get("severity");
            Matcher section = Pattern.compile("<section class=\"finding [a-z]+\" id=\"rule-" + Pattern.quote(rule)
                            + "\" data-rule=\"" + Pattern.quote(rule)
                            + "\" data-severity=\"([A-Z]+)\">\\s*<h2><span class=\"badge ([a-z]+)\">([A-Z/]+)</span>")
                    .matcher(dom);
            assertThat(section.find())
                    .as("a section for " + rule + " in the page")
                    .isTrue();
            // the badge says N/A for NA, a rule that had nothing to look at
            assertThat(List.of(
                            section.group(1),
                            section.group(2).toUpperCase(),
                            section.group(3).replace("/", "")))
                    .as(rule)
                    .containsOnly(severity);
        }
        Map<?, ?> pinning = (Map<?, ?>) findings.stream()
                .filter(f -> "pinning".equals(((Map<?, ?>) f).get("rule")))
                .findFirst()
                .orElseThrow();
        assertThat(pinning.get("severity"))
                .as("FFM upcalls that sleep pin on every JDK")
                .isEqualTo("WARNING");
        assertThat(dom).contains("native-frame");
        for (String chart : List.of("pin-timeline", "pins-by-cause", "pinned-by-cause", "alive", "lifetimes")) {
            assertThat(canvases(dom))
                    .as("the " + chart + " chart")
                    .anyMatch(tag -> tag.contains("data-chart=\"" + chart + "\""));
        }

        Path png = OUT.resolve("pinning.png").toAbsolutePath();
        screenshot(page, png);
        assertThat(Files.size(png)).as("a screenshot of the page").isGreaterThan(20_000);
    }

    /** A virtual thread that woke late from its sleep: wakeup-delay's picture of the delays is drawn. */
    @Test
    void theWakeupDelaysAreDrawn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path recording = dev.loompatterns.analysis.Programs.record(
                dev.loompatterns.analysis.Programs.LateSleeper.class,
                dir.resolve("late.jfr"),
                "default",
                "-Djdk.virtualThreadScheduler.parallelism=1");
        Path page = OUT.resolve("late.html").toAbsolutePath();
        loom("inspect", recording.toString(), "--format", "html", "--out", page.toString());

        String dom = dumpDom(page);
        assertChartsDrawn(dom);
        assertThat(canvases(dom)).anyMatch(tag -> tag.contains("data-chart=\"wakeups\""));
        assertThat(dom).contains("id=\"rule-wakeup-delay\" data-rule=\"wakeup-delay\" data-severity=\"WARNING\"");
    }

    @Test
    void recordingStringsThatTryToBreakOutStayText() throws Exception {
        Path page = OUT.resolve("hostile.html").toAbsolutePath();
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(HtmlReportTest.report(40, HtmlReportTest.HOSTILE), out);
        }
        String dom = dumpDom(page);
        assertChartsDrawn(dom);
        assertThat(canvases(dom)).hasSize(8);
        assertThat(HtmlReportTest.count(dom, "<script"))
                .as("only the page's own scripts")
                .isEqualTo(4);
        assertThat(dom).doesNotContain("<img").contains("Pins at &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    /**
     * A point of {@code alive_over_time} is the end of its slice and the most alive within it, so the line holds a
     * point's value from the point before it. A review saw the chart one slice late: Chart.js's {@code stepped:
     * 'before'} holds the earlier point's value. Read from the screenshot: the series 0, 5, 5, 0 at 0, 10, 20 and
     * 30 ms draws its high run from the first third's start to the end of the second, not from 10 ms to 30 ms.
     */
    @Test
    void theAliveLineHoldsEachSlicesMostUpToItsPoint() throws Exception {
        long t0 = HtmlReportTest.T0;
        List<Map<String, Object>> alive = List.of(
                Map.of("time", t0, "alive", 0L),
                Map.of("time", t0 + 10_000_000L, "alive", 5L),
                Map.of("time", t0 + 20_000_000L, "alive", 5L),
                Map.of("time", t0 + 30_000_000L, "alive", 0L));
        Path page = pageOf(
                "alive-steps",
                new Finding(
                        "virtual-thread-census",
                        Severity.INFO,
                        "5 virtual threads.",
                        "",
                        Map.of("started", 5L, "alive_over_time", alive)));
        assertChartsDrawn(dumpDom(page));
        Path png = OUT.resolve("alive-steps.png").toAbsolutePath();
        screenshot(page, png);
        BufferedImage image = ImageIO.read(png.toFile());
        int line = 0x2563eb; // the line's colour in report.js
        int left = Integer.MAX_VALUE;
        int right = -1;
        int top = Integer.MAX_VALUE;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 80; x < image.getWidth(); x++) { // past the section's coloured edge
                if ((image.getRGB(x, y) & 0xffffff) == line) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                }
            }
        }
        assertThat(right).as("the line drawn in its colour").isGreaterThan(left);
        int highLeft = Integer.MAX_VALUE;
        int highRight = -1;
        for (int y = top; y <= top + 2; y++) {
            for (int x = left; x <= right; x++) {
                if ((image.getRGB(x, y) & 0xffffff) == line) {
                    highLeft = Math.min(highLeft, x);
                    highRight = Math.max(highRight, x);
                }
            }
        }
        double from = (highLeft - left) / (double) (right - left);
        double to = (highRight - left) / (double) (right - left);
        assertThat(from)
                .as("the high run starts with the first slice (0 to 10 ms); " + png)
                .isLessThan(0.1);
        assertThat(to)
                .as("and ends with the second (20 ms), not at 30 ms; " + png)
                .isBetween(0.55, 0.78);
    }

    /**
     * A helper's hunt: where the census's summary says "at least" (threads that ended without a start, or alive through
     * the recording; lifetimes cut at its edges), its pictures did not. Their axes now say so, and only then.
     */
    @Test
    void theCensusPicturesSayAtLeastWhereTheSummaryDoes() throws Exception {
        Map<?, ?> cut = (Map<?, ?>)
                layout(censusPage("census-at-least", 3L, 0L, 5L), 900).get("axes");
        assertThat(((Map<?, ?>) cut.get("alive")).get("y")).isEqualTo("virtual threads alive (at least)");
        assertThat(((Map<?, ?>) cut.get("lifetimes")).get("x"))
                .isEqualTo("lifetime (at least, for the 5 cut at the recording\u2019s edges)");
        Map<?, ?> whole =
                (Map<?, ?>) layout(censusPage("census-whole", 0L, 0L, 0L), 900).get("axes");
        assertThat(((Map<?, ?>) whole.get("alive")).get("y")).isEqualTo("virtual threads alive");
        assertThat(((Map<?, ?>) whole.get("lifetimes")).get("x")).isEqualTo("lifetime");
        Map<?, ?> throughout = (Map<?, ?>)
                layout(censusPage("census-throughout", 0L, 2L, 0L), 900).get("axes");
        assertThat(((Map<?, ?>) throughout.get("alive")).get("y")).isEqualTo("virtual threads alive (at least)");
    }

    /**
     * A helper's hunt: over a span of 40 µs the alive picture's time axis read {@code 1.00000E-5}, in seconds, and its
     * tooltip's title was a bare number. Its ticks now say their unit, the one that suits the span, and so does the
     * title.
     */
    @Test
    void theTimeAxisSaysItsUnitOverShortAndLongSpans() throws Exception {
        Map<?, ?> micros = layout(pageOf("alive-micros", HtmlReportTest.census(0, 0, 0, 10_000L)), 900);
        assertThat(((List<?>) micros.get("aliveTicks"))
                        .stream().map(String::valueOf).toList())
                .as("the ticks of a span of 40 \u00b5s")
                .contains("0 \u00b5s", "10 \u00b5s", "40 \u00b5s")
                .allMatch(tick -> tick.matches("[0-9.,]+ \u00b5s"));
        assertThat(micros.get("aliveTooltip")).isEqualTo("+10 \u00b5s");
        Map<?, ?> seconds = layout(pageOf("alive-seconds", HtmlReportTest.census(0, 0, 0, 1_234_500_000L)), 900);
        assertThat(((List<?>) seconds.get("aliveTicks"))
                        .stream().map(String::valueOf).toList())
                .as("the ticks of a span of 4.9 s")
                .contains("0 s", "1 s")
                .allMatch(tick -> tick.matches("[0-9.,]+ s"));
        assertThat(seconds.get("aliveTooltip")).isEqualTo("+1.235 s");
    }

    /**
     * A helper's hunt: in "Pins by cause" a count of 1 or 2 beside 2,848 had no bar to see. Every cause's bar, of a
     * count or of a time, now shows 3 px at least past the axis's line, as a short pin does on the timeline.
     */
    @Test
    void aSmallCountBesideALargeOneHasABarToSee() throws Exception {
        List<Map<String, Object>> causes = List.of(
                Map.of("cause", "native-frame", "origin", "code", "count", 2_848L, "total_ms", 58_000.0),
                Map.of("cause", "monitor", "origin", "code", "count", 2L, "total_ms", 0.4),
                Map.of("cause", "class-init", "origin", "first-use", "count", 1L, "total_ms", 0.02));
        Path page = pageOf(
                "small-causes",
                new Finding("pinning", Severity.WARNING, "Pins", "", Map.of("pins", 2_851L, "by_cause", causes)));
        List<?> bars = (List<?>) layout(page, 900).get("causeBars");
        assertThat(bars).as("a bar a cause in each picture").hasSize(6);
        for (Object one : bars) {
            Map<?, ?> bar = (Map<?, ?>) one;
            assertThat(((Number) bar.get("length")).doubleValue())
                    .as(bar.get("chart") + "'s bar of " + bar.get("value"))
                    .isGreaterThanOrEqualTo(3);
        }
    }

    /**
     * A helper's hunt: without JavaScript the page hid the pictures' canvases only, and showed their figures empty,
     * each a bordered box with its caption, where the docs say neither a picture nor its box is drawn. With the style
     * the page gives a browser without scripts (its {@code <noscript>}) applied, no figure or caption takes room.
     */
    @Test
    void withoutScriptsNoFigureOrCaptionIsShown() throws Exception {
        Path page = OUT.resolve("no-script.html").toAbsolutePath();
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(HtmlReportTest.report(3, "x"), out);
        }
        assertThat(((Number) layout(page, 900).get("shownFigures")).intValue())
                .as("with scripts, the figures and their captions")
                .isEqualTo(16);
        String html = Files.readString(page, StandardCharsets.UTF_8);
        Matcher noscript =
                Pattern.compile("<noscript>(<style>.*?</style>)</noscript>").matcher(html);
        assertThat(noscript.find()).as("a style for a browser without scripts").isTrue();
        Path applied = OUT.resolve("no-script-style.html").toAbsolutePath();
        Files.writeString(applied, noscript.replaceFirst(Matcher.quoteReplacement(noscript.group(1))));
        assertThat(((Number) layout(applied, 900).get("shownFigures")).intValue())
                .as("figures and captions shown with the style of " + noscript.group())
                .isZero();
    }

    /** A census of 10 threads over 40 ms, with these counts of threads seen in part, written as NAME.html. */
    static Path censusPage(String name, long endedWithoutStart, long aliveThroughout, long cut) throws IOException {
        return pageOf(name, HtmlReportTest.census(endedWithoutStart, aliveThroughout, cut, 10_000_000L));
    }

    /** A thread name (and frame, pool, file name) of 3,000 characters and more, with no space to break at. */
    static final String LONG = "thread-" + "abcdefghij".repeat(300) + "-end";

    /**
     * A 3,000-character name filled its table cell: dozens of lines high at 1,300 px, hundreds at 420 px, where a
     * nine-column table also squeezed its words to a few letters a line and overflowed its box. Now such a cell shows
     * its start and end and folds the whole away; at a narrow window each row is a block, a cell under its column's
     * name.
     */
    @Test
    void aLongNameIsCutInItsCellAndThePageKeepsItsWidth() throws Exception {
        for (int width : List.of(1300, 420)) {
            Map<?, ?> layout = longNamesLayout(width);
            assertThat(((Number) layout.get("width")).intValue())
                    .as("the page's window")
                    .isEqualTo(width);
            assertThat(((Number) layout.get("pageWidth")).intValue())
                    .as("the page no wider than its window at " + width + " px")
                    .isLessThanOrEqualTo(width);
            Map<?, ?> tallest = (Map<?, ?>) layout.get("tallestCell");
            assertThat(((Number) tallest.get("height")).doubleValue())
                    .as("the tallest table cell at " + width + " px, in the row " + tallest.get("text"))
                    .isLessThan(160);
            Map<?, ?> text = (Map<?, ?>) layout.get("tallestText");
            assertThat(((Number) text.get("height")).doubleValue())
                    .as("the tallest summary or explanation at " + width + " px: " + text.get("text"))
                    .isLessThan(160);
            assertThat((List<?>) layout.get("wideTables"))
                    .as("tables wider than their box at " + width + " px")
                    .isEmpty();
        }
        String dom = dumpDom(longNamesPage());
        assertThat(dom).as("the whole name in the page, folded").contains("<span class=\"whole\">" + LONG + "</span>");
    }

    /**
     * A review saw the lanes' labels clipped at a 420 px window: cut to 48 characters, a long name still took half the
     * chart, the most Chart.js gives an axis, and lost its start past the canvas's left edge. Every label of a picture
     * with names on its y axis now starts inside its canvas, and a cut one keeps the name's start and end.
     */
    @Test
    void laneLabelsFitTheirChartsAtA420PxWindow() throws Exception {
        List<?> labels = (List<?>) longNamesLayout(420).get("labels");
        assertThat(labels.stream()
                        .map(l -> String.valueOf(((Map<?, ?>) l).get("chart")))
                        .toList())
                .contains("pin-timeline", "hogging", "pools");
        for (Object one : labels) {
            Map<?, ?> label = (Map<?, ?>) one;
            String text = (String) label.get("label");
            String name = (String) label.get("name");
            assertThat(((Number) label.get("left")).doubleValue())
                    .as("the left edge of " + label.get("chart") + "'s label " + text)
                    .isGreaterThanOrEqualTo(0);
            if (!name.contains(text)) { // a lane of by-cause's is two lines, each in its name
                assertThat(text).as(label.get("chart") + "'s label for " + name).contains("\u2026");
                assertThat(name)
                        .startsWith(text.substring(0, text.indexOf('\u2026')))
                        .endsWith(text.substring(text.indexOf('\u2026') + 1));
            }
        }
        assertThat(labels)
                .as("the long names cut, keeping their starts")
                .anyMatch(l -> ((String) ((Map<?, ?>) l).get("label")).startsWith("thread-abc"));
    }

    /**
     * A doubling scale's edges are 1.024 ms, 2.048 ms...: rounded to a tenth, the bucket up to 1.024 ms read "< 1 ms"
     * though a lifetime of 1.01 ms counted in it (a review). Each edge now shows three figures.
     */
    @Test
    void histogramBucketsAreNamedByTheirEdgesToThreeFigures() throws Exception {
        List<?> labels = (List<?>) longNamesLayout(420).get("lifetimeLabels");
        assertThat(labels.stream().map(String::valueOf).toList())
                .containsExactly("< 2 \u00b5s", "< 1.02 ms", "< 262 ms", "< 1.05 s");
    }

    /**
     * Pools whose names differ only in their middle ({@code HttpClient-1-Worker-#}, {@code -2-}, {@code -3-}) read as
     * one label three times at a narrow window, their start and end kept around an ellipsis (a review). Each lane's
     * label now differs from the others, from a little before where its name does, and every part of it stands in its
     * name, in order.
     */
    @Test
    void lanesWhoseNamesDifferInTheMiddleKeepLabelsThatDiffer() throws Exception {
        String start = "HttpClient-" + "connection".repeat(4) + "-";
        String end = "-" + "SelectorManager".repeat(3) + "-Worker-#";
        List<Object> candidates = new ArrayList<>();
        for (int pool = 1; pool <= 3; pool++) {
            candidates.add(Map.of(
                    "pool",
                    start + pool + end,
                    "threads",
                    4,
                    "blocked_share",
                    0.9,
                    "blocked_ms",
                    900.0,
                    "blocked_in",
                    Map.of("park", 900.0)));
        }
        Path page = pageWithPools(
                "alike-names", Map.of("recording_ms", 1000.0, "candidates", candidates, "other_pools", List.of()));

        List<Map<?, ?>> lanes = ((List<?>) layout(page, 420).get("labels"))
                .stream()
                        .<Map<?, ?>>map(label -> (Map<?, ?>) label)
                        .filter(label -> "pools".equals(label.get("chart")))
                        .toList();
        assertThat(lanes).hasSize(3);
        assertThat(lanes.stream().map(lane -> lane.get("label")).toList())
                .as("one label a lane")
                .doesNotHaveDuplicates();
        for (Map<?, ?> lane : lanes) {
            String name = (String) lane.get("name");
            String label = (String) lane.get("label");
            assertThat(label).as("cut").contains("\u2026");
            int at = 0;
            for (String part : label.split("\u2026")) {
                at = name.indexOf(part, at);
                assertThat(at).as("'" + part + "' of " + label + " in " + name).isNotNegative();
                at += part.length();
            }
        }
    }

    /**
     * A pool that waited mostly for a lock is drawn apart from the candidates, its blocked share first and its wait for
     * locks after it on the same bar, and its tooltip says both; a pool's tooltip says where it waited longest, where
     * the report says where it waited.
     */
    @Test
    void aPoolWaitingForALockShowsItsWaitAfterItsBlockedShare() throws Exception {
        Map<String, Object> sockets = new java.util.HashMap<>(pool("sockets-#", 0.9, 0.0));
        java.util.Map<String, Object> waitedIn = new java.util.LinkedHashMap<>();
        waitedIn.put("socket read from app.Db", 700.0);
        waitedIn.put("java.util.concurrent.Semaphore from app.Db", 200.0);
        sockets.put("waited_in", waitedIn);
        Map<String, Object> pools = Map.of(
                "recording_ms",
                1000.0,
                "candidates",
                List.of(sockets),
                "waiting_for_locks",
                List.of(pool("locked-#", 0.1, 0.8)),
                "other_pools",
                List.of(pool("busy-#", 0.2, 0.0)));
        Path page = pageWithPools("locked-pool", pools);

        List<String> bars = ((List<?>) layout(page, 900).get("poolBars"))
                .stream()
                        .map(bar -> (Map<?, ?>) bar)
                        .map(bar -> bar.get("dataset") + ": " + bar.get("pool") + " "
                                + ((Number) bar.get("from")).intValue() + " to " + ((Number) bar.get("to")).intValue()
                                + " / " + bar.get("tooltip"))
                        .toList();
        assertThat(bars)
                .containsExactly(
                        "blocked, a candidate: move to virtual threads: sockets-# 0 to 90 / 4 threads, blocked 90%"
                                + " (900 ms) / longest in socket read from app.Db (700 ms) / pool sockets-#",
                        "blocked, no candidate: half its time only with lock waits: locked-# 0 to 10 / 4 threads,"
                                + " blocked 10% (100 ms), waiting for a lock 80% (800 ms) / pool locked-#",
                        "blocked, other pools: busy-# 0 to 20 / 4 threads, blocked 20% (200 ms) / pool busy-#",
                        "waiting to take a lock (not counted): locked-# 10 to 90 / 4 threads, blocked 10% (100 ms),"
                                + " waiting for a lock 80% (800 ms) / pool locked-#");
    }

    /**
     * A pool whose waits had no stack recorded, which may have been idle, draws them after its blocked share and its
     * waits for a lock, in a colour of their own, with the share in the tooltip; the caption says what they are.
     */
    @Test
    void aPoolsWaitsWithNoStackAreDrawnAfterItsOtherWaits() throws Exception {
        Map<String, Object> idle = new java.util.HashMap<>(pool("idle-#", 0.1, 0.2));
        idle.put("no_stack_wait_ms", 600.0);
        Path page = pageWithPools(
                "no-stack-pool", Map.of("recording_ms", 1000.0, "other_pools", List.of(idle), "no_stack_waits", 4L));

        List<String> bars = ((List<?>) layout(page, 900).get("poolBars"))
                .stream()
                        .map(bar -> (Map<?, ?>) bar)
                        .map(bar -> bar.get("dataset") + ": " + ((Number) bar.get("from")).intValue() + " to "
                                + ((Number) bar.get("to")).intValue() + " / " + bar.get("tooltip"))
                        .toList();
        String tooltip = "4 threads, blocked 10% (100 ms), waiting for a lock 20% (200 ms), with no stack 60% (600 ms)"
                + " / pool idle-#";
        assertThat(bars)
                .containsExactly(
                        "blocked, other pools: 0 to 10 / " + tooltip,
                        "waiting to take a lock (not counted): 10 to 30 / " + tooltip,
                        "waiting with no stack recorded (not counted): 30 to 90 / " + tooltip);
        assertThat(Files.readString(page)).contains("then waiting with no stack recorded (idle or not: not counted)");
    }

    /**
     * A helper's hunt: the pools' legend had "blocked, no candidate: half its time only with lock waits" and "blocked,
     * other pools" in one colour, so a bar could not be told for either. Each entry of the legend has a colour of its
     * own.
     */
    @Test
    void eachEntryOfThePoolsLegendHasAColourOfItsOwn() throws Exception {
        Map<String, Object> idle = new java.util.HashMap<>(pool("idle-#", 0.1, 0.2));
        idle.put("no_stack_wait_ms", 600.0);
        Path page = pageWithPools(
                "pool-colours",
                Map.of(
                        "recording_ms",
                        1000.0,
                        "candidates",
                        List.of(pool("sockets-#", 0.9, 0.0)),
                        "waiting_for_locks",
                        List.of(pool("locked-#", 0.1, 0.8)),
                        "other_pools",
                        List.of(idle),
                        "no_stack_waits",
                        4L));

        List<Map<?, ?>> legend = ((List<?>) layout(page, 900).get("poolLegend"))
                .stream().<Map<?, ?>>map(item -> (Map<?, ?>) item).toList();
        assertThat(legend).as("an entry for each kind of bar").hasSize(5);
        assertThat(legend.stream().map(item -> item.get("colour")).toList())
                .as("the colours of " + legend)
                .doesNotHaveDuplicates();
    }

    /** The report of {@link HtmlReportTest#report} with these pool-candidate details, written as {@code name}.html. */
    private static Path pageWithPools(String name, Map<String, Object> pools) throws IOException {
        List<Finding> findings = HtmlReportTest.report(3, "x").findings().stream()
                .map(finding -> finding.rule().equals("pool-candidate")
                        ? new Finding(finding.rule(), Severity.INFO, "Pools", "", pools)
                        : finding)
                .toList();
        Path page = OUT.resolve(name + ".html").toAbsolutePath();
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(new Report("/tmp/" + name + ".jfr", 1, 1, findings, 0), out);
        }
        return page;
    }

    /** A pool's entry as the rule's details give it, of 4 threads alive 1 s. */
    private static Map<String, Object> pool(String name, double blocked, double lock) {
        return Map.of(
                "pool",
                name,
                "threads",
                4,
                "blocked_share",
                blocked,
                "blocked_ms",
                blocked * 1000,
                "alive_ms",
                1000.0,
                "blocked_in",
                Map.of("sleep", blocked * 1000),
                "lock_wait_share",
                lock,
                "lock_wait_ms",
                lock * 1000);
    }

    /**
     * A bar's tooltip had the 3,000-character name on the line with the numbers, which ran off the canvas after it.
     * Hovered at a 420 px window, each lane picture's tooltip is no wider than its chart, its numbers on the first line
     * and the name cut on a line of its own (the bar hovered is the one with the longest data: the long name's).
     */
    @Test
    void tooltipsFitTheirChartsAtA420PxWindow() throws Exception {
        List<?> tooltips = (List<?>) longNamesLayout(420).get("tooltips");
        assertThat(tooltips).hasSize(3);
        Map<String, String> numbers = Map.of(
                "pin-timeline",
                        "monitor (code): 20.5 ms at +0 \u00b5s", // the times in the unit that suits them, as the
                "hogging", "694 ms from +5 ms", // axes': "+0.000 s" and "+0.005 s" before
                "pools", "8 threads, blocked 93% (5 s)");
        for (Object one : tooltips) {
            Map<?, ?> tooltip = (Map<?, ?>) one;
            List<?> lines = (List<?>) tooltip.get("lines");
            assertThat(((Number) tooltip.get("width")).doubleValue())
                    .as(tooltip.get("chart") + "'s tooltip " + lines)
                    .isLessThanOrEqualTo(((Number) tooltip.get("chartWidth")).doubleValue());
            assertThat((String) lines.get(0)).contains(numbers.get((String) tooltip.get("chart")));
            assertThat(lines)
                    .anyMatch(line -> ((String) line).contains("thread-abc") && ((String) line).contains("\u2026"));
        }
    }

    /**
     * A pool's name beside a wide column, a wait's class and its caller's: "hikari-#" broke after "hikari" at a
     * 1,100 px window, the column squeezed to its longest syllable (cells break anywhere, so that a name of thousands
     * cannot widen the page). A row's first cell now has room for a pool's name on one line, at 1,100 px and 420 px.
     */
    @Test
    void aPoolsNameKeepsToOneLineBesideAWideColumn() throws Exception {
        Map<String, Object> pool = candidate(
                "hikari-#",
                Map.of("park", 5_473.0, "sleep", 2_006.0),
                Map.of("java.util.concurrent.SynchronousQueue from com.zaxxer.hikari.util.ConcurrentBag", 5_473.0));
        Map<String, Object> executors = new LinkedHashMap<>(pool);
        executors.put("pool", "pool-1-thread-#");
        Path page = pageOf("short-pool-names", candidates(List.of(pool, executors)));
        noneAtEitherWidth(page, "brokenFirstCells", "first cells of a few characters on more than one line");
    }

    /** At 1,100 px and at 420 px: nothing in the layout's {@code key} list, and no table wider than its box. */
    private static void noneAtEitherWidth(Path page, String key, String what) throws Exception {
        for (int width : List.of(1100, 420)) {
            Map<?, ?> layout = layout(page, width);
            assertThat((List<?>) layout.get(key))
                    .as(what + " at " + width + " px")
                    .isEmpty();
            assertThat((List<?>) layout.get("wideTables"))
                    .as("tables wider than their box at " + width + " px")
                    .isEmpty();
        }
    }

    /**
     * A wait's class keeps whole in its narrow column: Apache HttpClient's {@code SessionInputBufferImpl} broke into
     * "SessionInputBuff" and "erImpl" at a 1,100 px window beside nine other columns (a recording of HttpClient 4.5.14
     * and 5.6.5, whose waits are these), as every cell broke anywhere. A cell of short words breaks between them.
     */
    @Test
    void aClassesNameKeepsWholeInANarrowColumn() throws Exception {
        Map<String, Object> waitedIn = new LinkedHashMap<>();
        waitedIn.put("socket read from org.apache.hc.core5.http.impl.io.SessionInputBufferImpl", 2_559.0);
        waitedIn.put(
                "org.apache.hc.core5.concurrent.BasicFuture from org.apache.hc.core5.pool.StrictConnPool", 1_565.0);
        waitedIn.put("file read from H", 3.3);
        Path page = pageOf(
                "class-names",
                candidates(List.of(candidate(
                        "hc5-#",
                        Map.of("socket read", 2_559.0, "socket write", 2.0, "file read", 3.3, "park", 1_565.0),
                        waitedIn))));
        noneAtEitherWidth(page, "brokenWords", "names broken inside");
        assertThat(Files.readString(page))
                .as("the cell that holds them keeps its words whole")
                .contains("<td class=\"words\" data-label=\"waited in\">socket read from org.<wbr>apache.");
    }

    /**
     * A helper's hunt: pool-candidate's "other pools" (12 columns), wakeup-delay's (12 and more), the pin groups and
     * carrier-hogging's threads were wider than their box at every window, main being 1,280 px at most and each
     * column's name on one line: the box scrolled sideways even at 1,920 px, its last column cut ("blocked share of
     * wor"). Their names now wrap between words: at 1,280 px and wider each table fits its box, and at no width is the
     * page wider than its window (a narrower one scrolls a table inside its own box).
     */
    @Test
    void wideTablesFitTheirBoxAndNeverWidenThePage() throws Exception {
        Path page = wideTablesPage();
        for (int width : List.of(1920, 1280, 900, 700)) {
            Map<?, ?> layout = layout(page, width);
            assertThat(((Number) layout.get("pageWidth")).intValue())
                    .as("the page no wider than its window at " + width + " px")
                    .isLessThanOrEqualTo(width);
            if (width >= 1280) {
                assertThat((List<?>) layout.get("wideTables"))
                        .as("tables wider than their box at " + width + " px")
                        .isEmpty();
            }
        }
    }

    /** A page of the widest tables the rules give, with the values a helper's recordings had. */
    static Path wideTablesPage() throws IOException {
        List<Map<String, Object>> others = new ArrayList<>();
        for (String name : List.of("ForkJoinPool.commonPool-worker-#", "HttpClient-1-Worker-#", "pool-12-thread-#")) {
            Map<String, Object> pool = candidate(
                    name,
                    Map.of("park", 12_345.6, "socket read", 2_006.25, "sleep", 14.5),
                    Map.of(
                            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject from"
                                    + " java.util.concurrent.ThreadPoolExecutor",
                            12_345.6));
            pool.put("blocked_share", 0.21);
            pool.put("idle_ms", 123_456.7);
            pool.put("blocked_share_of_work", 0.57);
            others.add(pool);
        }
        Map<String, Object> pools = new LinkedHashMap<>();
        pools.put("blocked_events", 166L);
        pools.put("candidates", List.of());
        pools.put("other_pools", others);
        Map<String, Object> sleeps = new LinkedHashMap<>();
        sleeps.put("sleeps", 123_456L);
        sleeps.put("ended_early", 12L);
        sleeps.put("late", 1_234L);
        sleeps.put("late_100ms", 12L);
        sleeps.put("longest_ms", 1_234.567);
        sleeps.put("longest_thread", "virtual-123456 (#12345)");
        sleeps.put("longest_asked_ms", 1_000.0);
        sleeps.put("asked_at_least_ms", 10.0);
        sleeps.put("whole", 123_000L);
        sleeps.put("median_ms", 12.345);
        sleeps.put("p99_ms", 123.456);
        sleeps.put("quantiles", "within 1.6%");
        Map<String, Object> wakeups = new LinkedHashMap<>();
        wakeups.put("threshold_ms", 10.0);
        wakeups.put("virtual", sleeps);
        wakeups.put("platform", sleeps);
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("cause", "class-init-wait");
        group.put("what", "waiting for another thread's class initializer");
        group.put("where", "com.example.shop.catalogue.ProductRepository.findAllByCategory:123");
        group.put("origin", "code");
        group.put("count", 2_848L);
        group.put("total_ms", 123_456.789);
        group.put("longest_ms", 1_234.5);
        group.put("carriers", List.of("ForkJoinPool-1-worker-1", "ForkJoinPool-1-worker-2"));
        group.put(
                "advice",
                "another thread's class initializer: make it quick, or initialize the class before the"
                        + " virtual threads start");
        Map<String, Object> thread = new LinkedHashMap<>();
        thread.put("thread", "virtual-123456 (#12345)");
        thread.put("longest_run_ms", 1_234.5);
        thread.put("start", HtmlReportTest.T0);
        thread.put("samples", 1_234L);
        thread.put("samples_in_longest_run", 1_234L);
        thread.put("pins_in_longest_run", 12L);
        thread.put("top_frame", "com.example.shop.catalogue.ProductRepository.findAllByCategory:123");
        List<Finding> findings = List.of(
                new Finding("pool-candidate", Severity.INFO, "Pools", "", pools),
                new Finding("wakeup-delay", Severity.INFO, "Sleeps", "", wakeups),
                new Finding("pinning", Severity.WARNING, "Pins", "", Map.of("pins", 2_848L, "groups", List.of(group))),
                new Finding("carrier-hogging", Severity.WARNING, "Hogs", "", Map.of("threads", List.of(thread))));
        Path page = OUT.resolve("wide-tables.html").toAbsolutePath();
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(new Report("wide-tables.jfr", 1234, 10, findings), out);
        }
        return page;
    }

    /** A candidate of pool-candidate's details, 8 threads blocked 98% of the time, with where it was blocked. */
    static Map<String, Object> candidate(String name, Map<String, Object> blockedIn, Map<String, Object> waitedIn) {
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("pool", name);
        pool.put("threads", 8);
        pool.put("blocked_share", 0.98);
        pool.put("blocked_ms", 7_479.0);
        pool.put("alive_ms", 7_518.0);
        pool.put("blocked_in", blockedIn);
        pool.put("waited_in", waitedIn);
        pool.put("lock_wait_share", 0.0);
        pool.put("lock_wait_ms", 0.0);
        pool.put("no_stack_wait_ms", 0.0);
        return pool;
    }

    /** A pool-candidate finding of these candidates. */
    static Finding candidates(List<Map<String, Object>> pools) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("blocked_events", 166L);
        details.put("candidates", pools);
        details.put("other_pools", List.of());
        return new Finding("pool-candidate", Severity.INFO, pools.size() + " pools of platform threads", "", details);
    }

    /** The report of one finding on a recording NAME.jfr, written to NAME.html in {@link #OUT}. */
    static Path pageOf(String name, Finding finding) throws IOException {
        Path page = OUT.resolve(name + ".html").toAbsolutePath();
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(new Report(name + ".jfr", 1234, 10, List.of(finding)), out);
        }
        return page;
    }

    static final Map<Integer, Map<?, ?>> LAYOUTS = new java.util.concurrent.ConcurrentHashMap<>();

    static Path longNames;

    /** A report with {@link #LONG} for every name, written once a run, by this run's HtmlReport. */
    static synchronized Path longNamesPage() throws IOException {
        if (longNames == null) {
            Path page = OUT.resolve("long-names.html").toAbsolutePath();
            try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
                HtmlReport.write(HtmlReportTest.report(40, LONG), out);
            }
            longNames = page;
        }
        return longNames;
    }

    static Map<?, ?> longNamesLayout(int width) throws Exception {
        Map<?, ?> layout = LAYOUTS.get(width);
        if (layout == null) {
            layout = layout(longNamesPage(), width);
            LAYOUTS.put(width, layout);
        }
        return layout;
    }

    /**
     * Measured in the page once its script has drawn (it sets {@code data-charts}): the window's width, the page's,
     * the tallest table cell, the tables wider than their scrolling box, and each label on a category y axis with
     * where its left edge is in its canvas (below 0: cut off).
     */
    static final String PROBE = """
        <script>
        (function () {
          var root = document.documentElement;
          function measure() {
            var out = { width: window.innerWidth, pageWidth: root.scrollWidth, tallestCell: { height: 0, text: '' },
              tallestText: { height: 0, text: '' },
              wideTables: [], labels: [] };
            document.querySelectorAll('td').forEach(function (td) {
              var height = td.getBoundingClientRect().height;
              if (height > out.tallestCell.height) {
                out.tallestCell = { height: height, text: td.parentNode.textContent.slice(0, 80) };
              }
            });
            document.querySelectorAll('p.summary, p.explanation').forEach(function (p) {
              var height = p.getBoundingClientRect().height;
              if (height > out.tallestText.height) {
                out.tallestText = { height: height, text: p.textContent.slice(0, 80) };
              }
            });
            document.querySelectorAll('.scroll').forEach(function (box) {
              if (box.scrollWidth > box.clientWidth) {
                out.wideTables.push(box.firstElementChild.getAttribute('data-name') + ': ' + box.scrollWidth
                  + ' px in ' + box.clientWidth);
              }
            });
            document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
              var chart = Chart.getChart(canvas);
              var y = chart && chart.scales.y;
              if (!y || y.type !== 'category') {
                return;
              }
              var ctx = chart.ctx;
              ctx.save();
              ctx.font = Chart.helpers.toFont(y.options.ticks.font).string;
              var right = y.right - y.options.ticks.padding - (y.options.grid.drawTicks ? y.options.grid.tickLength : 0);
              y.ticks.forEach(function (tick) {
                [].concat(tick.label).forEach(function (line) {
                  out.labels.push({ chart: canvas.getAttribute('data-chart'), name: String(y.getLabelForValue(tick.value)),
                    label: String(line), left: right - ctx.measureText(String(line)).width });
                });
              });
              ctx.restore();
            });
            // a row's first cell of a few characters (a pool's name) on more than one line
            out.brokenFirstCells = [];
            document.querySelectorAll('td:first-child').forEach(function (td) {
              var range = document.createRange();
              range.selectNodeContents(td);
              var tops = {};
              Array.prototype.forEach.call(range.getClientRects(), function (r) { tops[Math.round(r.top)] = true; });
              if (td.textContent.length <= 16 && Object.keys(tops).length > 1) {
                out.brokenFirstCells.push(td.textContent);
              }
            });
            // a class's or method's name (8 letters or more) broken across lines in a cell whose words are short
            out.brokenWords = [];
            document.querySelectorAll('td.words').forEach(function (words) {
              var walker = document.createTreeWalker(words, NodeFilter.SHOW_TEXT);
              for (var node = walker.nextNode(); node; node = walker.nextNode()) {
                var word = /[A-Za-z_$][A-Za-z0-9_$]{7,}/g, found;
                while ((found = word.exec(node.data)) !== null) {
                  var range = document.createRange();
                  range.setStart(node, found.index);
                  range.setEnd(node, found.index + found[0].length);
                  var tops = {};
                  Array.prototype.forEach.call(range.getClientRects(), function (r) { tops[Math.round(r.top)] = true; });
                  if (Object.keys(tops).length > 1) {
                    out.brokenWords.push(found[0]);
                  }
                }
              }
            });
            // the charts measured below are those of the long names' page; another page may lack them
            var lifetimes = Chart.getChart(document.querySelector('canvas[data-chart="lifetimes"]'));
            out.lifetimeLabels = lifetimes ? lifetimes.data.labels : [];
            out.poolBars = []; // each bar of the pools' chart: its dataset, pool, where it starts and ends
            var pools = Chart.getChart(document.querySelector('canvas[data-chart="pools"]'));
            (pools ? pools.data.datasets : []).forEach(function (dataset, d) {
              pools.getDatasetMeta(d).data.forEach(function (bar, i) {
                pools.tooltip.setActiveElements([{ datasetIndex: d, index: i }], { x: 0, y: 0 });
                out.poolBars.push({ dataset: dataset.label, pool: dataset.data[i].y,
                  from: Math.round(pools.scales.x.getValueForPixel(bar.base)),
                  to: Math.round(pools.scales.x.getValueForPixel(bar.x)),
                  tooltip: [].concat.apply([], pools.tooltip.body.map(function (b) { return b.lines; })).join(' / ') });
              });
            });
            out.axes = {}; // each picture's axes' titles
            document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
              var chart = Chart.getChart(canvas);
              if (chart) {
                out.axes[canvas.getAttribute('data-chart')] = { x: String(chart.options.scales.x.title.text),
                  y: String(chart.options.scales.y.title.text) };
              }
            });
            // the alive picture's time axis: its ticks, and its tooltip's title at its second point
            var alive = Chart.getChart(document.querySelector('canvas[data-chart="alive"]'));
            out.aliveTicks = alive ? alive.scales.x.ticks.map(function (tick) { return String(tick.label); }) : [];
            if (alive) {
              alive.tooltip.setActiveElements([{ datasetIndex: 0, index: 1 }], { x: 0, y: 0 });
              out.aliveTooltip = alive.tooltip.title.join(' / ');
            }
            out.causeBars = []; // each bar of the pictures by cause: its value and its length in px
            ['pins-by-cause', 'pinned-by-cause'].forEach(function (name) {
              var chart = Chart.getChart(document.querySelector('canvas[data-chart="' + name + '"]'));
              (chart ? chart.getDatasetMeta(0).data : []).forEach(function (bar, i) {
                out.causeBars.push({ chart: name, value: chart.data.datasets[0].data[i],
                  length: Math.abs(bar.x - bar.base) });
              });
            });
            // the figures and captions that take room on the page
            var figures = document.querySelectorAll('figure, figcaption');
            out.shownFigures = Array.prototype.filter.call(figures, function (e) {
              return e.getBoundingClientRect().height > 0;
            }).length;
            // the pools' legend: each entry's text and colour
            out.poolLegend = (pools ? pools.legend.legendItems : []).map(function (item) {
              return { text: item.text, colour: String(item.fillStyle) };
            });
            out.tooltips = [];
            ['pin-timeline', 'hogging', 'pools'].forEach(function (name) { // hovered: the bar with the longest data
              var chart = Chart.getChart(document.querySelector('canvas[data-chart="' + name + '"]'));
              if (!chart) {
                return;
              }
              var longest = { datasetIndex: 0, index: 0, length: 0 };
              chart.data.datasets.forEach(function (dataset, d) {
                dataset.data.forEach(function (raw, i) {
                  var length = JSON.stringify(raw).length;
                  if (length > longest.length) {
                    longest = { datasetIndex: d, index: i, length: length };
                  }
                });
              });
              chart.tooltip.setActiveElements([{ datasetIndex: longest.datasetIndex, index: longest.index }], { x: 0, y: 0 });
              out.tooltips.push({ chart: name, width: chart.tooltip.width, chartWidth: chart.width,
                lines: [].concat.apply([], chart.tooltip.body.map(function (b) { return b.lines; })) });
            });
            var bytes = new TextEncoder().encode(JSON.stringify(out));
            var text = '';
            bytes.forEach(function (b) { text += String.fromCharCode(b); });
            parent.postMessage(btoa(text), '*');
          }
          if (root.getAttribute('data-charts') !== 'pending') {
            measure();
          } else {
            new MutationObserver(function (changes, observer) {
              observer.disconnect();
              measure();
            }).observe(root, { attributes: true, attributeFilter: ['data-charts'] });
          }
        }());
        </script>
        """;

    static final Pattern LAYOUT = Pattern.compile("<pre id=\"layout\">([A-Za-z0-9+/=]+)</pre>");

    /**
     * The page's layout at a window {@code width} px wide ({@link #PROBE}). Chromium's headless window is at least
     * 500 px wide (asked for 420, the page had 500 and the screenshot cut it), so the page, with the probe, is opened
     * in an iframe of that width, which the probe tells what it measured.
     */
    static Map<?, ?> layout(Path page, int width) throws Exception {
        String name = page.getFileName().toString().replaceFirst("\\.html$", "");
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        Path probed = OUT.resolve(name + "-probe.html").toAbsolutePath();
        Files.writeString(probed, html.substring(0, end) + PROBE + html.substring(end), StandardCharsets.UTF_8);
        Path frame = OUT.resolve(name + "-" + width + "px.html").toAbsolutePath();
        Files.writeString(
                frame,
                "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"" + probed.toUri()
                        + "\" style=\"border:0;display:block;width:" + width
                        + "px;height:3000px\"></iframe><pre"
                        + " id=\"layout\"></pre><script>addEventListener('message',function(e){document.getElementById('layout').textContent=e.data;});</script></body></html>\n",
                StandardCharsets.UTF_8);
        Path dom = Files.createTempFile(OUT.toAbsolutePath(), "dom", ".html");
        run(frame, dom, "--dump-dom", Math.max(width, 500));
        String text = Files.readString(dom, StandardCharsets.UTF_8);
        Files.delete(dom);
        Matcher found = LAYOUT.matcher(text);
        assertThat(found.find())
                .as("the probe's measures in " + frame + ": " + text.substring(0, Math.min(400, text.length())))
                .isTrue();
        return new ObjectMapper()
                .readValue(
                        new String(java.util.Base64.getDecoder().decode(found.group(1)), StandardCharsets.UTF_8),
                        Map.class);
    }

    static List<String> canvases(String dom) {
        return CANVAS.matcher(dom).results().map(MatchResult::group).toList();
    }

    /** The page's script ran to its end, with no error, and Chart.js drew every canvas. */
    static void assertChartsDrawn(String dom) {
        Matcher html = Pattern.compile("<html[^>]*>").matcher(dom);
        assertThat(html.find()).as(dom).isTrue();
        String errors = dom.contains("id=\"chart-errors\">") ? dom.substring(dom.indexOf("id=\"chart-errors\">")) : "";
        assertThat(html.group())
                .as("the page's script finished and drew every chart; "
                        + errors.substring(0, Math.min(400, errors.length())))
                .contains("data-charts=\"drawn\"");
        List<String> canvases = canvases(dom);
        assertThat(canvases)
                .isNotEmpty()
                .allMatch(tag -> tag.contains("data-drawn=\"true\""), "drawn by Chart.js")
                .allMatch(tag -> tag.matches(".*\\bwidth=\"[1-9]\\d*\".*"), "given a size by Chart.js");
        assertThat(html.group()).contains("data-charts-drawn=\"" + canvases.size() + "\"");
        assertThat(dom).contains("<p id=\"chart-errors\" hidden=\"\"></p>");
    }

    static String dumpDom(Path page) throws Exception {
        Path dom = Files.createTempFile(OUT.toAbsolutePath(), "dom", ".html");
        run(page, dom, "--dump-dom");
        String text = Files.readString(dom, StandardCharsets.UTF_8);
        Files.delete(dom);
        return text;
    }

    static void screenshot(Path page, Path png) throws Exception {
        Files.deleteIfExists(png);
        run(page, null, "--screenshot=" + png);
    }

    /** Chromium headless on the page, with a profile of its own and nothing that reaches for the network. */
    static void run(Path page, Path stdout, String what) throws Exception {
        run(page, stdout, what, 1300);
    }

    static void run(Path page, Path stdout, String what, int windowWidth) throws Exception {
        Path profile = Files.createTempDirectory(OUT.toAbsolutePath(), "chromium-profile");
        Path log = OUT.resolve("chromium-stderr.txt").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=" + windowWidth + ",3000",
                "--virtual-time-budget=10000",
                what,
                page.toUri().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.redirectOutput(
                stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process chromiumProcess = builder.start();
        try {
            if (!chromiumProcess.waitFor(120, TimeUnit.SECONDS)) {
                fail("Chromium did not finish in 120 s: " + String.join(" ", command) + "\n" + Files.readString(log));
            }
            assertThat(chromiumProcess.exitValue())
                    .as(String.join(" ", command) + "\n" + Files.readString(log))
                    .isZero();
        } finally {
            dev.loompatterns.testing.Commands.stop(chromiumProcess); // its helpers too, ended before the profile goes
            deleteTree(profile);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a profile file Chromium still writes while it exits; the folder is in target/
        }
    }
}
