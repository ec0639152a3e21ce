package dev.loompatterns.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.Severity;
import dev.loompatterns.engine.ReportFormat;
import dev.loompatterns.jfr.VisibleText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextReportTest {

    private static final String SUMMARY =
            "6 pins held carriers for 121 ms; most time: a native or VM frame on the stack (FFM upcall, JNI callback)"
                    + " at dev.loompatterns.pinning.UpcallSort.compareSleeping:80 (81 ms, 4 pins).";
    private static final String EXPLANATION = "A pinned virtual thread that blocks holds its carrier, so one carrier"
            + " fewer runs the other virtual threads. What to do, by cause: native-frame: move the blocking call out"
            + " of the native callback.";
    private static final String NATIVE = "a native or VM frame on the stack (FFM upcall, JNI callback)";
    private static final String WHERE = "dev.loompatterns.pinning.UpcallSort.compareSleeping:80";
    /** One word longer than a line: it may stand alone on a line of its own. */
    private static final String LONG_CLASS =
            "com.example." + "averyveryverylongpackagename.".repeat(4) + "AndAnEvenLongerClassNameThanThat.<clinit>:22";

    private static final String COMMAND = "jfr scrub --exclude-events jdk.VirtualThreadStart,jdk.VirtualThreadEnd"
            + " /tmp/a/rather/long/folder/recording.jfr /tmp/a/rather/long/folder/recording-slim.jfr";

    @Test
    void seriesAndFlagsAreLeftToTheHtmlReport() {
        Report report = census(
                Severity.OK,
                "No census.",
                Map.of("started", 0, "timeline_complete", true, "alive_over_time", List.of(1, 2)));
        assertThat(print(report))
                .contains("  started: 0")
                .doesNotContain("timeline_complete")
                .doesNotContain("alive_over_time");
    }

    /** Under N/A a count of zero counts events that were not recorded: not shown (it read "started: 0"). */
    @Test
    void notApplicableShowsNoZeroCounts() {
        Report report = census(Severity.NA, "Not recorded.", Finding.inOrder("started", 0, "other", 3));
        assertThat(print(report)).doesNotContain("started").contains("  other: 3");
    }

    /**
     * A thread's name is the recording's to choose: an escape sequence or a newline in it is shown, not
     * obeyed by the terminal (before, it went out as it was: it could recolour the terminal or forge a line).
     */
    @Test
    void controlCharactersFromTheRecordingAreShownNotObeyed() {
        String hostile = "pool\u001b[31m-red\nNEXT\tLINE\u202eevil";
        Report report = new Report(
                "a\u0007.jfr",
                1234,
                5,
                List.of(new Finding(
                        "pool-candidate",
                        Severity.INFO,
                        "first to move: " + hostile,
                        "",
                        Map.of("candidates", List.of(Map.of("pool", hostile))))));
        String text = print(report);
        assertThat(text.lines().toList())
                .allSatisfy(line -> assertThat(line.chars().filter(c -> c < 0x20 || c == 0x7f || c == 0x202e))
                        .as(line)
                        .isEmpty());
        assertThat(text)
                .contains("pool\\u001b[31m-red\\nNEXT\\tLINE\\u202eevil")
                .contains("a\\u0007.jfr")
                .doesNotContain("\nNEXT");
    }

    /** A figure the recording cannot give is null in the details; text says it is not known. */
    @Test
    void aFigureNotKnownSaysSo() {
        Report report = census(
                Severity.INFO,
                "2 virtual threads started, 0 ended.",
                ordered("started", 2, "lifetime_median_ms", null, "lifetime_p99_ms", null));
        assertThat(print(report).lines()).contains("  lifetime_median_ms: not known", "  lifetime_p99_ms: not known");
    }

    /**
     * A list item's map of nothing (a pool with no park or monitor wait to name) says none: it read
     * {@code waited_in , lock_wait_ms 0.0}.
     */
    @Test
    void anEmptyMapInARowSaysNone() {
        Report report = new Report(
                "e.jfr",
                1234,
                5,
                List.of(new Finding(
                        "pool-candidate",
                        Severity.OK,
                        "No pool of platform threads spent most of its time blocked.",
                        "",
                        ordered(
                                "other_pools",
                                List.of(ordered(
                                        "pool",
                                        "adder-#",
                                        "blocked_in",
                                        Map.of("sleep", 30.2),
                                        "waited_in",
                                        Map.of(),
                                        "lock_wait_ms",
                                        0.0))))));
        assertThat(print(report).lines())
                .contains("    - pool adder-#, blocked_in sleep 30.2, waited_in none, lock_wait_ms 0.0");
    }

    /** A time is epoch nanoseconds in the details (the HTML page draws it); text shows the instant. */
    @Test
    void aTimeIsPrintedAsAnInstant() {
        long peakAt =
                java.time.Instant.parse("2026-12-01T06:15:18.440Z").getEpochSecond() * 1_000_000_000L + 440_123_456L;
        Report report =
                census(Severity.INFO, "420 virtual threads started.", ordered("peak_alive", 194, "peak_at", peakAt));
        assertThat(print(report).lines()).contains("  peak_alive: 194", "  peak_at: 2026-12-01T06:15:18.440Z");
    }

    /**
     * A control character is measured as it is printed, written out: a thread named with an escape sequence made a line
     * of 129 columns, as each control character counted one and printed six (a helper's hunt).
     */
    @Test
    void aControlCharacterIsMeasuredAsItIsPrinted() {
        String name = "ctl\u001b[31mred\u0007";
        List<String> lines = TextReport.wrap("- ", (name + " ").repeat(30).strip(), ReportFormat.TABLE_WIDTH);
        assertThat(lines)
                .hasSizeGreaterThan(1)
                .allSatisfy(line -> assertThat(line)
                        .hasSizeLessThanOrEqualTo(ReportFormat.TABLE_WIDTH)
                        .doesNotContain("\u001b")
                        .contains("ctl\\u001b[31mred\\u0007"));
    }

    /**
     * A CJK character takes two columns, and is measured so: pool names of CJK words made lines of 117 to 120
     * characters that took 181 to 208 columns (a helper's hunt). Every word is still there, in order.
     */
    @Test
    void aWideCharacterIsMeasuredInTheColumnsItTakes() {
        String text = ("漢字漢字 ").repeat(40).strip() + " pool-1";
        List<String> lines = TextReport.wrap("    - ", text, ReportFormat.TABLE_WIDTH);
        assertThat(lines)
                .hasSizeGreaterThan(2)
                .allSatisfy(line ->
                        assertThat(VisibleText.columns(line)).as(line).isLessThanOrEqualTo(ReportFormat.TABLE_WIDTH));
        // every line but the last is full: no more than a word's width (10 columns) left over
        assertThat(lines.subList(0, lines.size() - 1))
                .allSatisfy(line ->
                        assertThat(VisibleText.columns(line)).as(line).isGreaterThan(ReportFormat.TABLE_WIDTH - 10));
        assertThat(String.join(" ", lines.stream().map(String::strip).toList())).isEqualTo("- " + text);
    }

    /**
     * The headline, list items and values that run past the CLI's {@value ReportFormat#TABLE_WIDTH} columns wrap at
     * word boundaries; every word is still there, in order, and only a word too long for any line stands past it.
     */
    @Test
    void everyLineFitsTheWidthAndNoWordIsLost() {
        Map<String, Object> nativeFrame = ordered(
                "cause",
                "native-frame",
                "what",
                NATIVE,
                "where",
                WHERE,
                "origin",
                "code",
                "count",
                4,
                "total_ms",
                80.7,
                "longest_ms",
                20.5,
                "carriers",
                List.of("ForkJoinPool-1-worker-1", "ForkJoinPool-1-worker-2"),
                "advice",
                "not printed");
        Map<String, Object> classInit = ordered(
                "cause",
                "class-init",
                "what",
                "blocking inside a class initializer (<clinit>)",
                "where",
                LONG_CLASS,
                "origin",
                "code",
                "count",
                1);
        Report report = new Report(
                "p.jfr",
                2_600_000,
                7_429,
                List.of(new Finding(
                        "pinning",
                        Severity.WARNING,
                        SUMMARY,
                        EXPLANATION,
                        ordered("pins", 8, "groups", List.of(nativeFrame, classInit), "slim_command", COMMAND))));

        List<String> lines = print(report).lines().toList();

        assertThat(lines)
                .as("at most %d columns, unless one word alone is longer", ReportFormat.TABLE_WIDTH)
                .filteredOn(line -> !line.startsWith("  slim_command: "))
                .allSatisfy(line -> assertThat(line.length() <= ReportFormat.TABLE_WIDTH || oneWord(line))
                        .as(line)
                        .isTrue());
        assertThat(lines)
                .as("the headline's next line under its summary, a list item's under the item's text")
                .containsSubsequence(
                        "[WARNING] pinning: 6 pins held carriers for 121 ms; most time: a native or VM frame on the"
                                + " stack (FFM upcall, JNI",
                        "                   callback) at " + WHERE + " (81 ms, 4 pins).",
                        "    - cause native-frame, what " + NATIVE + ", where",
                        "      " + WHERE + ", origin code, count 4, total_ms 80.7, longest_ms 20.5,",
                        "      carriers ForkJoinPool-1-worker-1, ForkJoinPool-1-worker-2",
                        "    - cause class-init, what blocking inside a class initializer (<clinit>), where",
                        "      " + LONG_CLASS + ",",
                        "      origin code, count 1");
        assertThat(lines).as("a command to copy stays whole").contains("  slim_command: " + COMMAND);
        String unwrapped = String.join(
                "\n",
                "Recording: p.jfr (2.5 MB, 7,429 events)",
                "",
                "[WARNING] pinning: " + SUMMARY,
                "  " + EXPLANATION,
                "  pins: 8",
                "  groups:",
                "    - cause native-frame, what " + NATIVE + ", where " + WHERE + ", origin code, count 4, total_ms"
                        + " 80.7, longest_ms 20.5, carriers ForkJoinPool-1-worker-1, ForkJoinPool-1-worker-2",
                "    - cause class-init, what blocking inside a class initializer (<clinit>), where " + LONG_CLASS
                        + ", origin code, count 1",
                "  slim_command: " + COMMAND);
        assertThat(words(String.join("\n", lines))).isEqualTo(words(unwrapped));
    }

    /**
     * A command the explanation quotes, as the census's quotes its {@code jfr scrub}, stays whole on a line of its
     * own: wrapped at its spaces, it pasted into a shell as three commands.
     */
    @Test
    void aCommandTheExplanationQuotesStaysWhole() {
        String command = "jfr scrub --exclude-events jdk.VirtualThreadStart,jdk.VirtualThreadEnd,jdk.ThreadSleep,"
                + "jdk.ThreadPark /tmp/runs/tb3.jfr /tmp/runs/tb3-slim.jfr";
        String prose = "'loom inspect --slim' writes a copy without both, which JMC opens quickly, and keeps platform"
                + " threads' sleeps and parks; jfr scrub cannot tell virtual threads from platform ones, so this drops"
                + " every thread's: ";
        Finding finding = new Finding(
                "virtual-thread-census",
                Severity.WARNING,
                "300,000 virtual threads started",
                prose + command,
                ordered("started", 300_000, "slim_command", command));

        List<String> lines = TextReport.explanation(finding);

        assertThat(lines).contains("  " + command);
        assertThat(lines.getLast()).isEqualTo("  " + command);
        assertThat(lines.subList(0, lines.size() - 1))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(TextReport.PARAGRAPH_WIDTH));
        assertThat(String.join(" ", lines.stream().map(String::strip).toList())).isEqualTo(prose + command);
    }

    @Test
    void theRecordingsEventsAreCountedInWordsThatAgree() {
        assertThat(print(new Report("one.jfr", 2048, 1, List.of())).strip())
                .isEqualTo("Recording: one.jfr (2.0 KB, 1 event)");
        assertThat(print(new Report("two.jfr", 2048, 2, List.of())).strip())
                .isEqualTo("Recording: two.jfr (2.0 KB, 2 events)");
    }

    /** A cut list says how many the report left out, besides those the JSON lists; N/A is shown as such. */
    @Test
    void aListSaysWhatItsRowsLeaveOut() {
        assertThat(TextReport.more(3, 3)).isEmpty();
        assertThat(TextReport.more(8, 8)).isEqualTo("(3 more: --format json lists them)");
        assertThat(TextReport.more(20, 25)).isEqualTo("(20 more: --format json lists 15; the report keeps 20 of 25)");
        assertThat(TextReport.more(4, 6)).isEqualTo("(2 more; the report keeps 4 of 6)");

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("threads", List.of("a", "b", "c", "d", "e", "f"));
        details.put("threads_total", 9);
        String text = print(new Report(
                "e.jfr", 1, 1, List.of(new Finding("carrier-hogging", Severity.NA, "Nothing.", "", details))));
        assertThat(text)
                .contains("[N/A] carrier-hogging: Nothing.")
                .contains("    (4 more: --format json lists 1; the report keeps 6 of 9)")
                .contains("threads_total: 9");
        details.put("threads_total", 6); // not cut: the total says nothing the list does not
        assertThat(print(new Report(
                        "e.jfr", 1, 1, List.of(new Finding("carrier-hogging", Severity.NA, "Nothing.", "", details)))))
                .doesNotContain("threads_total");
    }

    /** A report of one finding: the census's, with these details. */
    private static Report census(Severity severity, String summary, Map<String, Object> details) {
        return new Report(
                "e.jfr", 1234, 5, List.of(new Finding("virtual-thread-census", severity, summary, "", details)));
    }

    private static String print(Report report) {
        StringWriter text = new StringWriter();
        TextReport.print(report, new PrintWriter(text));
        return text.toString();
    }

    /** A line of one word, after its indent and any list dash or name. */
    private static boolean oneWord(String line) {
        return !line.strip().replaceFirst("^(- |[a-z_]+: )", "").contains(" ");
    }

    private static List<String> words(String text) {
        return Arrays.asList(text.strip().split("\\s+"));
    }

    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
