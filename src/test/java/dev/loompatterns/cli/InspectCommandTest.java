package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loompatterns.analysis.Analysis;
import dev.loompatterns.analysis.jfr.RecordingReader;
import dev.loompatterns.engine.Notes;
import dev.loompatterns.inspect.Slim;
import dev.loompatterns.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loom inspect} as a user calls it: a recording in, findings out; bad input one line and exit 2. */
class InspectCommandTest {

    static Path recording;

    @BeforeAll
    static void record() {
        recording = PinningRecording.file();
    }

    @Test
    void textNamesEachRuleWithItsSeverityAndThePinsFound() {
        LoomCliTest.Result result = LoomCliTest.loom("inspect", recording.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Recording: " + recording);
        for (String rule : Analysis.ruleIds()) {
            assertThat(result.out()).containsPattern("\\[(N/A|OK|INFO|WARNING)] " + rule + ": ");
        }
        assertThat(result.out())
                .contains("[WARNING] pinning: ")
                .contains("dev.loompatterns.pinning.UpcallSort.compareSleeping");
    }

    /** The pinning rule's headline and groups run long; wrapped, they fit the CLI's columns as compare's table does. */
    @Test
    void textFitsTheTableWidth() {
        LoomCliTest.Result result = LoomCliTest.loom("inspect", recording.toString());
        assertThat(result.code()).as(result.err()).isZero();
        LoomCliTest.assertFitsTheTableWidth(
                result.out().lines().filter(line -> !line.contains("_command: "))); // a command to copy stays whole
    }

    @Test
    void jsonIsAnObjectWithFindingsEachWithRuleSeveritySummaryAndDetails() throws IOException {
        LoomCliTest.Result result = LoomCliTest.loom("inspect", recording.toString(), "--format", "json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(result.out());
        List<String> rules = new ArrayList<>();
        root.get("findings").forEach(finding -> {
            rules.add(finding.get("rule").asText());
            assertThat(finding.get("severity").asText()).isIn("NA", "OK", "INFO", "WARNING");
            assertThat(finding.get("summary").asText()).isNotBlank();
            assertThat(finding.get("details").isObject()).isTrue();
        });
        assertThat(rules).containsExactlyElementsOf(Analysis.ruleIds());
        JsonNode pinning = root.get("findings").get(0);
        assertThat(pinning.get("severity").asText()).isEqualTo("WARNING");
        List<String> causes = new ArrayList<>();
        pinning.get("details")
                .get("groups")
                .forEach(group -> causes.add(group.get("cause").asText()));
        assertThat(causes).contains("native-frame", "class-init");
    }

    /**
     * Every name in a report's details, in list entries and maps too, is in docs/inspect.md's table of
     * the JSON's fields (it listed only the top-level keys; a review found 20 names documented nowhere).
     */
    @Test
    void everyDetailOfTheJsonIsDocumented() throws IOException {
        LoomCliTest.Result result = LoomCliTest.loom("inspect", recording.toString(), "--format", "json");
        assertThat(result.code()).as(result.err()).isZero();
        String docs = java.nio.file.Files.readString(Path.of("docs", "inspect.md"));
        String fields = docs.substring(docs.indexOf("<a id=\"json-fields\"></a>"));
        java.util.Set<String> names = new java.util.TreeSet<>();
        new ObjectMapper()
                .readTree(result.out())
                .get("findings")
                .forEach(finding -> names(finding.get("details"), names));
        assertThat(names).hasSizeGreaterThan(20);
        new ObjectMapper()
                .readTree(result.out())
                .properties()
                .forEach(field -> assertThat(fields)
                        .as("docs/inspect.md's JSON's top-level fields")
                        .contains("\"" + field.getKey() + "\""));
        assertThat(names)
                .allSatisfy(name ->
                        assertThat(fields).as("docs/inspect.md's JSON fields").contains("`" + name + "`"));
    }

    /**
     * A recording in which JFR lost events ({@code jdk.DataLoss}) says so in every format, with the bytes lost: the
     * counts of every rule may be short, and a census called its counts exact of such a file, saying nothing.
     */
    @Test
    void aRecordingThatLostEventsSaysSoInEveryFormat(@TempDir Path dir) throws Exception {
        Path lossy = dir.resolve("lossy.jfr");
        dev.loompatterns.testing.OwnJvm.Result made = dev.loompatterns.testing.OwnJvm.run(
                dir, null, List.of(), dev.loompatterns.testing.DataLossRecording.class, lossy.toString());
        assertThat(made.code()).as(made.err()).isZero();
        String lost = "JFR lost 5.0 KB of events while recording (jdk.DataLoss: its buffers were full), so every"
                + " count below may be short.";

        LoomCliTest.Result text = LoomCliTest.loom("inspect", lossy.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out().lines().skip(1).findFirst().orElseThrow().strip())
                .as("the line under the recording's")
                .startsWith("JFR lost 5.0 KB of events");
        assertThat(String.join(" ", text.out().lines().map(String::strip).toList()))
                .contains(lost);
        LoomCliTest.Result json = LoomCliTest.loom("inspect", lossy.toString(), "--format", "json");
        assertThat(new ObjectMapper().readTree(json.out()).get("bytes_lost").asLong())
                .isEqualTo(dev.loompatterns.testing.DataLossRecording.BYTES_LOST);
        Path page = dir.resolve("r.html");
        assertThat(LoomCliTest.loom("inspect", lossy.toString(), "--out", page.toString())
                        .code())
                .isZero();
        assertThat(Files.readString(page)).contains("<p class=\"lost\">" + lost + "</p>");

        LoomCliTest.Result none = LoomCliTest.loom("inspect", recording.toString(), "--format", "json");
        assertThat(new ObjectMapper().readTree(none.out()).get("bytes_lost").asLong())
                .as("a recording that lost nothing")
                .isZero();
        assertThat(LoomCliTest.loom("inspect", recording.toString()).out()).doesNotContain("JFR lost");
    }

    /** Details whose keys are the recording's data, not names the docs could list: {@code waited_in}'s are classes. */
    private static final java.util.Set<String> KEYED_BY_DATA = java.util.Set.of("waited_in");

    /** The names of an object's fields and its lists' objects', however deep; not {@link #KEYED_BY_DATA}'s keys. */
    private static void names(JsonNode node, java.util.Set<String> names) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                names.add(field.getKey());
                if (!KEYED_BY_DATA.contains(field.getKey())) {
                    names(field.getValue(), names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> names(element, names));
        }
    }

    /** The report on stdout and a copy: stdout is the report alone, and the copy's line goes to stderr. */
    @Test
    void aReportOnStdoutStaysAloneThereBesideASlimCopy(@TempDir Path dir) throws IOException {
        Path slim = dir.resolve("slim.jfr");
        LoomCliTest.Result result =
                LoomCliTest.loom("inspect", recording.toString(), "--format", "json", "--slim", slim.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(new ObjectMapper().readTree(result.out()).get("findings").isArray())
                .isTrue();
        assertThat(result.out().strip()).endsWith("}");
        assertThat(result.err()).contains("written to " + slim);
        assertThat(slim).exists();
    }

    /** {@code --out -} is the standard output, as for most tools: it wrote a file named '-' in the current folder. */
    @Test
    void outDashIsTheStandardOutput() {
        assertThat(Path.of("-")).as("none before").doesNotExist();
        LoomCliTest.Result result = LoomCliTest.loom("inspect", recording.toString(), "--format", "json", "--out", "-");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().strip()).startsWith("{").endsWith("}");
        assertThat(result.err()).doesNotContain("written to");
        assertThat(Path.of("-")).doesNotExist();
    }

    /**
     * The lines that say where the report and the copy went write the names' control characters out, as every other
     * line that names a file does: an escape sequence in {@code --out} coloured the terminal, a newline forged a line
     * (a helper's hunt).
     */
    @Test
    void theWrittenToLinesWriteANamesControlCharactersOut(@TempDir Path dir) {
        Path html = dir.resolve("r\u001b[31mred\nforged.html");
        Path slim = dir.resolve("s\u202eslim.jfr");
        LoomCliTest.Result result = htmlAndSlim(html, slim);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(html).exists();
        assertThat(slim).exists();
        assertThat(result.out())
                .contains("Report written to " + dir + "/r\\u001b[31mred\\nforged.html\n")
                .contains(" written to " + dir + "/s\\u202eslim.jfr\n")
                .doesNotContain("\u001b", "\u202e");
    }

    /**
     * A report holds what the recording's strings hold, a lone surrogate too (a string field an event's Java code
     * set): written to a file as the standard output writes it, '?' for it, where the file's encoder refused the
     * whole report, "could not write ...: Input length = 1" (a helper's hunt).
     */
    @Test
    void aLoneSurrogateIsWrittenToAFileAsToTheStandardOutput(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report.txt");
        InspectCommand.writeWhole(target, writer -> writer.write("lone \uD800 surrogate\n"));
        assertThat(Files.readString(target)).isEqualTo("lone ? surrogate\n");
    }

    /** {@code loom inspect RECORDING --format html --out HTML --slim SLIM}. */
    static LoomCliTest.Result htmlAndSlim(Path html, Path slim) {
        return LoomCliTest.loom(
                "inspect",
                recording.toString(),
                "--format",
                "html",
                "--out",
                html.toString(),
                "--slim",
                slim.toString());
    }

    @Test
    void outWritesTheReportThereAndSlimWritesACopyWithoutVirtualThreadStartsAndEnds(@TempDir Path dir)
            throws IOException {
        Path html = dir.resolve("r.html");
        Path slim = dir.resolve("slim.jfr");
        LoomCliTest.Result result = htmlAndSlim(html, slim);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Report written to " + html).contains("written to " + slim);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("data-rule=\"pinning\"");
        assertThat(RecordingFile.readAllEvents(slim).stream()
                        .map(e -> e.getEventType().getName()))
                .doesNotContain("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd")
                .contains("jdk.VirtualThreadPinned");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactlyInAnyOrder(html, slim); // no temporary file left beside them
        }
    }

    /**
     * The census's command for a copy JMC opens quickly, where {@code --slim} writes one, is the command that writes
     * it: {@code loom inspect r.jfr --slim r-slim.jfr} suggested {@code jfr scrub ... r-slim.jfr}, which would replace
     * the copy just written (the name was chosen during the reading, before the copy existed), and then a scrub to
     * {@code r-slim-2.jfr}, a second copy beside the one written. The report's own name is not suggested either.
     */
    @Test
    void theCensussCommandForACopyIsTheOneSlimWrites(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(recording, dir.resolve("r.jfr"));
        Path slim = dir.resolve("r-slim.jfr");
        Path report = dir.resolve("r.json");

        LoomCliTest.Result result =
                LoomCliTest.loom("inspect", copy.toString(), "--slim", slim.toString(), "--out", report.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(slim).exists();
        assertThat(slimCommand(Files.readString(report))).endsWith(" inspect " + copy + " --slim " + slim);
        // a name given relative to where loom runs stays so: the command is pasted where it was typed
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("s-slim.jfr"));
        Path again = dir.resolve("s.json");
        LoomCliTest.Result given =
                LoomCliTest.loom("inspect", copy.toString(), "--slim", relative.toString(), "--out", again.toString());
        assertThat(given.code()).as(given.err()).isZero();
        assertThat(dir.resolve("s-slim.jfr")).exists();
        assertThat(slimCommand(Files.readString(again))).endsWith(" inspect " + copy + " --slim " + relative);
        Path named = dir.resolve("q.jfr");
        Files.copy(recording, named);
        Path out = dir.resolve("q-slim.jfr");
        LoomCliTest.Result json =
                LoomCliTest.loom("inspect", named.toString(), "--format", "json", "--out", out.toString());
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(slimCommand(Files.readString(out))).endsWith(" " + named + " " + dir.resolve("q-slim-2.jfr"));
    }

    /** The census's {@code slim_command} in a JSON report. */
    private static String slimCommand(String json) throws IOException {
        return new ObjectMapper()
                .readTree(json)
                .path("findings")
                .findValue("slim_command")
                .asText();
    }

    /**
     * Without {@code --format}, the report takes the format {@code --out}'s name ends in ({@code --out r.html} alone
     * wrote the text report into a page's name); a format given is kept, whatever the name.
     */
    @Test
    void outsNameGivesTheFormatWhereNoneIsGiven(@TempDir Path dir) throws IOException {
        Map<String, String> beginnings = Map.of(
                "r.html", "<!DOCTYPE html>",
                "R.HTM", "<!DOCTYPE html>",
                "r.json", "{",
                "r.txt", "Recording: ",
                "report", "Recording: ");
        for (Map.Entry<String, String> one : beginnings.entrySet()) {
            Path out = dir.resolve(one.getKey());
            LoomCliTest.Result result = LoomCliTest.loom("inspect", recording.toString(), "--out", out.toString());
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(Files.readString(out)).as(one.getKey()).startsWith(one.getValue());
        }
        Path asked = dir.resolve("asked.html");
        LoomCliTest.Result text =
                LoomCliTest.loom("inspect", recording.toString(), "--format", "text", "--out", asked.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(Files.readString(asked)).startsWith("Recording: ");
    }

    /** The findings of {@code loom inspect FILE --format json}, by rule. */
    private static Map<String, JsonNode> findings(Path file) throws IOException {
        LoomCliTest.Result result = LoomCliTest.loom("inspect", file.toString(), "--format", "json");
        assertThat(result.code()).as(result.err()).isZero();
        Map<String, JsonNode> byRule = new LinkedHashMap<>();
        new ObjectMapper()
                .readTree(result.out())
                .get("findings")
                .forEach(f -> byRule.put(f.get("rule").asText(), f));
        return byRule;
    }

    /**
     * What the copy leaves out, the rules do not need but for the census: on the copy each other rule finds
     * what it found on the recording, details and all.
     */
    @Test
    void theRulesButTheCensusFindTheSameOnTheCopy(@TempDir Path dir) throws IOException {
        Path slim = dir.resolve("slim.jfr");
        Slim.write(
                recording,
                slim,
                RecordingReader.analyze(recording, events -> {}).sampledVirtualThreads());
        Map<String, JsonNode> original = findings(recording);
        Map<String, JsonNode> copy = findings(slim);
        assertThat(original.get("pinning").get("severity").asText()).isEqualTo("WARNING");
        // no starts or ends left to count, though the copy's settings say they were on, and the virtual threads' pins
        // and samples are there: it says so, not OK, and does not advise recording them (it did)
        JsonNode census = copy.get("virtual-thread-census");
        assertThat(census.get("severity").asText()).isEqualTo("INFO");
        assertThat(census.get("summary").asText())
                .containsPattern(
                        "^No virtual thread started or ended while recording, but [1-9][0-9,]* virtual threads? ran,"
                                + " in ");
        assertThat(census.get("explanation").asText())
                .contains("was on")
                .contains("loom inspect --slim")
                .doesNotStartWith("Record");
        original.remove("virtual-thread-census");
        copy.remove("virtual-thread-census");
        // the copy keeps the virtual threads' late sleeps, not the others: the same late ones, of fewer sleeps (and
        // where it kept none, a kind with no sleep has its count alone)
        JsonNode wakeups = original.remove("wakeup-delay");
        JsonNode copied = copy.remove("wakeup-delay");
        assertThat(copied.get("severity")).isEqualTo(wakeups.get("severity"));
        for (String late : List.of("late", "late_100ms")) {
            assertThat(copied.path("details").path("virtual").path(late).asLong(0))
                    .as(late)
                    .isEqualTo(
                            wakeups.path("details").path("virtual").path(late).asLong(0));
        }
        assertThat(copy).isEqualTo(original);
    }

    /**
     * Ctrl-C reaches a command as an interrupt of the thread running it (the CLI's shutdown hook
     * interrupts main): inspect stops reading at the next event, writes neither the report nor the
     * copy, says so in one line and exits 130. Before, it read the whole file, wrote the report and
     * said so, whatever the interrupt.
     */
    @Test
    void anInterruptStopsTheReadingAndWritesNothing(@TempDir Path dir) throws IOException {
        Path html = dir.resolve("r.html");
        Path slim = dir.resolve("slim.jfr");
        LoomCliTest.Result result;
        Thread.currentThread().interrupt();
        try {
            result = htmlAndSlim(html, slim);
        } finally {
            Thread.interrupted(); // this test thread goes on to other tests
        }
        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_INTERRUPTED);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .isEqualTo("loom: inspect stopped (Ctrl-C, TERM or HUP); no report written");
        assertThat(result.out()).isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * Ctrl-C whose interrupt comes after the report's last byte is written, before the report takes its name, keeps no
     * report and leaves nothing beside it: the command then says it stopped and exits 130. The report was moved into
     * place, "Report written" said, and the exit was 130 all the same. Without Ctrl-C the report is written.
     */
    @Test
    void anInterruptAfterTheLastByteKeepsNoReport(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("r.html");
        try {
            assertThatThrownBy(() -> InspectCommand.writeWhole(target, writer -> {
                        writer.write("<!DOCTYPE html>");
                        writer.flush(); // the last byte is in the file
                        Thread.currentThread().interrupt(); // Ctrl-C's interrupt, just after
                    }))
                    .isInstanceOf(java.io.InterruptedIOException.class);
        } finally {
            Thread.interrupted(); // this test thread goes on to other tests
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
        InspectCommand.writeWhole(target, writer -> writer.write("<!DOCTYPE html>"));
        assertThat(Files.readString(target)).isEqualTo("<!DOCTYPE html>");
    }

    /**
     * A heap too small for the recording: one line that says so, with the heap the JVM had and the
     * command again with more, exit 1, and no report. Before, two lines: "loom: unexpected error:
     * java.lang.OutOfMemoryError: Java heap space" and the hint about LOOM_STACKTRACE. The recording
     * holds many virtual threads that started and never ended (jdk.VirtualThreadEnd off): the JDK's
     * parser keeps a thread entry for each, and the census each one open, more than the heap holds.
     */
    @Test
    void aHeapTooSmallForTheRecordingIsOneLineSayingHowToGiveItMore(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("many threads.jfr");
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.VirtualThreadStart");
            recording.start();
            for (int batch = 0; batch < 20; batch++) {
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    threads.add(Thread.ofVirtual().start(() -> {}));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            recording.stop();
            recording.dump(big);
        }
        Path report = dir.resolve("r.html");
        dev.loompatterns.testing.OwnJvm.Result run = dev.loompatterns.testing.OwnJvm.run(
                dir,
                null,
                List.of("-Xmx" + SMALL_HEAP_MB + "m"),
                LoomCli.class,
                "inspect",
                big.toString(),
                "--format",
                "html",
                "--out",
                report.toString());
        String errText = run.err();
        assertThat(errText.lines())
                .as(errText)
                .singleElement()
                .asString()
                // ran out, or the heap watch stopped it before, as a collection left the heap nearly full
                .matches("loom: inspect (ran out of memory reading '\\Q" + big
                        + "\\E' \\(the JVM's heap is \\d+ MB\\)|stopped reading '\\Q" + big
                        + "\\E' before the heap ran out: \\d+ of \\d+ MB \\(\\d+%\\) was still in use after a"
                        + " collection); give it more: LOOM_JAVA_OPTS=-Xmx2g loom inspect '\\Q" + big
                        + "\\E' --format html --out \\Q" + report + "\\E");
        java.util.regex.Matcher heap =
                java.util.regex.Pattern.compile("(?:heap is|of) (\\d+) MB").matcher(errText);
        assertThat(heap.find()).isTrue();
        assertThat(Integer.parseInt(heap.group(1))).isBetween(1, SMALL_HEAP_MB);
        assertThat(run.code()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
        assertThat(run.out()).isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(Path::getFileName).map(Path::toString))
                    .containsExactlyInAnyOrder("many threads.jfr", "out.txt", "err.txt");
        }
    }

    /**
     * inspect reads on one thread, so the heap watch checks a young collection's figure with a full collection before
     * it stops the reading: the parser's garbage in the old generation had it stop a reading the heap had room for.
     */
    @Test
    void aReadingAsksTheHeapWatchForAFullCollectionBeforeItStopsIt() throws Exception {
        LoomCliTest.Result result = LoomCliTest.loom("inspect", recording.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(dev.loompatterns.engine.HeapWatch.fullCollectionFirstAsked()).isTrue();
    }

    /**
     * The heap watch stops a reading with the interrupt Ctrl-C's hook sends: what the user reads is one line, the
     * heap's, not first a line that blames a signal nobody sent.
     */
    @Test
    void aReadingTheHeapWatchStoppedIsOneLineAboutTheHeapNotASignal() throws Exception {
        LoomCliTest.Result result;
        try (AutoCloseable tripped = dev.loompatterns.engine.HeapWatchTrips.trip(34L << 20, 40L << 20)) {
            Thread.currentThread().interrupt(); // what the watch does to the command's thread
            try {
                result = LoomCliTest.loom("inspect", recording.toString());
            } finally {
                Thread.interrupted();
            }
        }
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("loom: inspect stopped reading '" + recording
                        + "' before the heap ran out: 34 of 40 MB (85%) was still in use after a collection; give it"
                        + " more: ");
        assertThat(result.code()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
        assertThat(result.out()).isEmpty();
    }

    /** The heap the line suggests: twice the JVM's, in whole gigabytes, at least 2. */
    @Test
    void theHeapSuggestedIsTwiceTheHeapInWholeGigabytesAndAtLeastTwo() {
        assertThat(LoomCli.moreHeap(24L << 20)).isEqualTo("-Xmx2g");
        assertThat(LoomCli.moreHeap(1L << 30)).isEqualTo("-Xmx2g");
        assertThat(LoomCli.moreHeap(3L << 30)).isEqualTo("-Xmx6g");
        // the user's other options stay in the command to copy (a scale row's scheduler settings)
        assertThat(LoomCli.withHeap(null, "-Xmx2g")).isEqualTo("-Xmx2g");
        assertThat(LoomCli.withHeap(" -Xmx16m  -Djdk.virtualThreadScheduler.parallelism=1 ", "-Xmx2g"))
                .isEqualTo("-Djdk.virtualThreadScheduler.parallelism=1 -Xmx2g");
        assertThat(LoomCli.withHeap("-XX:MaxHeapSize=16m -XX:+UseZGC", "-Xmx2g"))
                .isEqualTo("-XX:+UseZGC -Xmx2g");
        assertThat(LoomCli.moreHeap((3L << 30) + 1)).isEqualTo("-Xmx7g");
    }

    /** Enough for the CLI to start and read a small recording, not for 200,000 threads alive at once. */
    private static final int SMALL_HEAP_MB = 24;

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "not a recording\n");
        byte[] whole = Files.readAllBytes(recording);
        Path truncated = Files.write(dir.resolve("cut short.jfr"), java.util.Arrays.copyOf(whole, whole.length / 2));
        for (String[] args : List.of(
                new String[] {"inspect", dir.resolve("missing.jfr").toString()},
                new String[] {"inspect", dir.toString()},
                new String[] {"inspect", text.toString()},
                new String[] {"inspect", truncated.toString()},
                new String[] {"inspect", recording.toString(), "--format", "pdf"},
                new String[] {
                    "inspect",
                    recording.toString(),
                    "--out",
                    dir.resolve("no/such/folder/r.txt").toString()
                },
                new String[] {"inspect", recording.toString(), "--slim", recording.toString()},
                new String[] {"inspect", recording.toString(), "--out="},
                new String[] {"inspect"})) {
            usageError(args);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactlyInAnyOrder(text, truncated); // nothing written for bad input
        }
        // the path is named whole, spaces and all
        assertThat(LoomCliTest.loom("inspect", truncated.toString()).err())
                .startsWith("loom: '" + truncated + "' is not a whole JFR recording");
    }

    /** A folder is read only as a JFR repository folder: any other is refused in one line that says which it takes. */
    @Test
    void aFolderThatIsNoRepositoryIsRefusedSayingWhichFoldersAreRead(@TempDir Path dir) throws IOException {
        Path notARepository = Files.createDirectory(dir.resolve("2026_12_02_17_19_50"));
        LoomCliTest.Result result = LoomCliTest.loom("inspect", notARepository.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("loom: '" + notARepository + "' is a directory, and not a JFR repository folder"
                        + " (yyyy_MM_dd_HH_mm_ss_PID, as a killed JVM leaves one); give a .jfr recording"
                        + System.lineSeparator());
    }

    /**
     * A chunk in JFR's repository folder is named with its process: while it runs, the jcmd that copies it whole is
     * given with its pid. Once it was killed (SIGKILL runs no JFR hook, and the chunk is never finished), what it had
     * flushed is read from a finished copy (the JDK's parser and jfr refuse the chunk), and the line says so. Before,
     * both were refused with advice to run jcmd, which for a killed JVM could not help.
     */
    @Test
    void aChunkOfARepositoryIsNamedWithItsProcessAndAKilledOnesIsRead(@TempDir Path dir) throws Exception {
        Path said = dir.resolve("repository");
        Process child = new ProcessBuilder(dev.loompatterns.core.ChildJvm.Launch.plain(
                                List.of("-XX:StartFlightRecording:settings=default,jdk.VirtualThreadStart#enabled=true,"
                                        + "jdk.VirtualThreadEnd#enabled=true"),
                                Recording.class,
                                List.of(said.toString()))
                        .command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        java.time.Instant began = child.info().startInstant().orElse(java.time.Instant.EPOCH); // read while it runs
        try {
            dev.loompatterns.testing.Background.awaitUntil(() -> sizeOf(said) > 0 || !child.isAlive());
            assertThat(child.isAlive()).as("the child records").isTrue();
            Path chunk;
            try (Stream<Path> files = Files.list(Path.of(Files.readString(said)))) {
                chunk = files.filter(f -> f.toString().endsWith(".jfr"))
                        .findFirst()
                        .orElseThrow();
            }
            LoomCliTest.Result alive = LoomCliTest.loom("inspect", chunk.toString());
            assertThat(alive.code()).isEqualTo(2);
            assertThat(alive.err())
                    .startsWith("loom: '" + chunk + "' is not a whole JFR recording")
                    .contains(
                            "it is a chunk of the JFR repository of process " + child.pid() + ", still being written;")
                    .contains("'jcmd " + child.pid() + " JFR.dump filename=FILE'");
            LoomCliTest.Result aliveFolder =
                    LoomCliTest.loom("inspect", chunk.getParent().toString());
            assertThat(aliveFolder.code()).isEqualTo(2);
            assertThat(aliveFolder.err())
                    .startsWith("loom: '" + chunk.getParent() + "' is the JFR repository of process " + child.pid()
                            + ", which is running")
                    .contains("'jcmd " + child.pid() + " JFR.dump filename=FILE'");
            // the child's threads had ended when it named its repository: a flush after that holds them
            long named = durationSoFar(chunk);
            dev.loompatterns.testing.Background.awaitUntil(() -> durationSoFar(chunk) > named);

            child.destroyForcibly().waitFor(); // SIGKILL: the chunk stays unfinished

            LoomCliTest.Result killed = LoomCliTest.loom("inspect", chunk.toString(), "--format", "json");
            assertThat(killed.code()).as(killed.err()).isZero();
            assertThat(killed.err())
                    .startsWith("loom: '" + chunk + "' is a chunk its JVM never finished (it was killed, or crashed);"
                            + " reading the ");
            JsonNode killedFindings = new ObjectMapper().readTree(killed.out()).path("findings");
            JsonNode census = killedFindings.findValue("started");
            assertThat(census).as(killed.out()).isNotNull();
            assertThat(census.asLong()).isGreaterThanOrEqualTo(Recording.THREADS);
            assertThat(killedFindings.findValue("slim_command").asText())
                    .as("jfr scrub cannot read the chunk: the copy is loom's")
                    .startsWith("loom inspect " + chunk + " --slim ");
            Path finished = dir.resolve("finished.jfr"); // a copy jfr reads: its command is jfr scrub's
            dev.loompatterns.analysis.jfr.UnfinishedChunk.join(List.of(chunk), finished);
            LoomCliTest.Result copy = LoomCliTest.loom("inspect", finished.toString(), "--format", "json");
            assertThat(copy.code()).as(copy.err()).isZero();
            assertThat(slimCommand(copy.out()))
                    .as("this JDK's jfr, which has scrub: one on the PATH may be an older JDK's")
                    .startsWith(Path.of(System.getProperty("java.home"), "bin", "jfr") + " scrub ")
                    .endsWith(" " + finished + " " + dir.resolve("finished-slim.jfr"));
            assertThat(Files.size(chunk))
                    .as("the chunk itself is left as it was")
                    .isPositive();

            // the folder itself, as a user finds it in the temporary folder: its chunks read as one recording
            LoomCliTest.Result folder =
                    LoomCliTest.loom("inspect", chunk.getParent().toString(), "--format", "json");
            assertThat(folder.code()).as(folder.err()).isZero();
            assertThat(folder.err())
                    .isEqualTo("loom: '" + chunk.getParent() + "' is the JFR repository of process " + child.pid()
                            + ", which has ended without finishing it (it was killed, or crashed); reading its chunk,"
                            + " as far as it was flushed" + System.lineSeparator());
            JsonNode report = new ObjectMapper().readTree(folder.out());
            assertThat(report.path("findings").findValue("started").asLong()).isGreaterThanOrEqualTo(Recording.THREADS);
            assertThat(report.path("findings").findValue("slim_command").asText())
                    .isEqualTo("loom inspect " + chunk.getParent() + " --slim " + chunk.getParent() + "-slim.jfr");
            assertThat(report.toString())
                    .as("the report names the folder, not the temporary file read")
                    .contains(chunk.getParent().toString())
                    .doesNotContain("loom-inspect-");
        } finally {
            child.destroyForcibly().waitFor();
            dev.loompatterns.jfr.JfrRepository.deleteLeftBy(
                    child.pid(), began, dev.loompatterns.jfr.JfrRepository.temporaryFolder());
        }
    }

    /**
     * What a killed JVM had flushed, read outside its repository, that the parser refuses all the same (a review
     * flipped bytes of such a chunk): the line says so, with no jcmd for a JVM the line before says is gone, and the
     * parser's byte counts are said to be of the part flushed, not of the file given.
     */
    @Test
    void aKilledJvmsChunkThatCannotBeReadIsRefusedWithoutJcmd(@TempDir Path dir) throws Exception {
        byte[] bytes = dev.loompatterns.analysis.jfr.UnfinishedChunkTest.flushedButUnfinished(finishedRecording(dir));
        long metadata = java.nio.ByteBuffer.wrap(bytes).getLong(24);
        java.util.Arrays.fill(bytes, (int) metadata, (int) metadata + 16, (byte) 0x7f); // its metadata, damaged
        Path chunk = Files.write(dir.resolve("killed.jfr"), bytes);

        LoomCliTest.Result result = LoomCliTest.loom("inspect", chunk.toString());
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        List<String> lines = result.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("loom: '" + chunk + "' is a chunk its JVM never finished");
        assertThat(lines.get(1))
                .startsWith("loom: '" + chunk + "' is not a whole JFR recording: its JVM never finished it (killed, or"
                        + " crashed), and what it had flushed could not be read either")
                .contains("(the parser said, of the part flushed: ")
                .doesNotContain("jcmd PID");
    }

    /**
     * A gone JVM's repository folder whose chunks were all finished, one of them damaged (a review): the refusal does
     * not say the JVM never finished it, which the line before, rightly, does not say either; nor does it give the
     * general advice, whose jcmd is for a running process (the first session after that review).
     */
    @Test
    void aDamagedFolderOfFinishedChunksIsNotCalledUnfinished(@TempDir Path dir) throws Exception {
        long ended = Commands.endedPid();
        Path folder = Files.createDirectory(dir.resolve("2026_01_01_00_00_00_" + ended));
        byte[] bytes = Files.readAllBytes(finishedRecording(dir));
        long metadata = java.nio.ByteBuffer.wrap(bytes).getLong(24);
        java.util.Arrays.fill(bytes, (int) metadata, (int) metadata + 16, (byte) 0x7f);
        Files.write(folder.resolve("2026_01_01_00_00_00.jfr"), bytes);

        LoomCliTest.Result result = LoomCliTest.loom("inspect", folder.toString());
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        List<String> lines = result.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("which has ended; reading its chunk").doesNotContain("without finishing");
        assertThat(lines.get(1))
                .startsWith("loom: '" + folder + "' is not a whole JFR recording: it is the JFR repository of process "
                        + ended
                        + ", which has ended after finishing every chunk it holds, yet what they hold could not be"
                        + " read")
                .contains("there is no process left to dump")
                .doesNotContain("jcmd PID")
                .doesNotContain("never finished")
                .doesNotContain("of the part flushed");
    }

    /**
     * A repository folder whose pid is now another process's (Linux hands a pid out again once its process has ended,
     * and a thread's id counts as one): here this test's own JVM, alive but begun after the folder was made, whose
     * times are set back as a folder left days ago has them. The folder's JVM has ended, and its chunk is read. It was
     * refused as a running process's, with a jcmd for a process that never made it.
     */
    @Test
    void aRepositoryWhosePidIsNowAnotherProcesssIsReadAsEnded(@TempDir Path dir) throws Exception {
        long reused = ProcessHandle.current().pid();
        Path folder = Files.createDirectory(dir.resolve("2026_01_01_00_00_00_" + reused));
        Files.move(finishedRecording(dir), folder.resolve("2026_01_01_00_00_00.jfr"));
        java.time.Instant began = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.setLastModifiedTime(folder, java.nio.file.attribute.FileTime.from(began.minusSeconds(3600)));

        LoomCliTest.Result result = LoomCliTest.loom("inspect", folder.toString(), "--format", "json");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err())
                .startsWith("loom: '" + folder + "' is the JFR repository of process " + reused
                        + ", which has ended; reading its chunk")
                .doesNotContain("jcmd");
        assertThat(new ObjectMapper().readTree(result.out()).path("findings").isArray())
                .as(result.out())
                .isTrue();
    }

    /**
     * One byte of a chunk's header changed (its ticks per second, in a review) makes one JVM's chunks look like two
     * JVMs': the refusal names a damaged header among the causes.
     */
    @Test
    void aDamagedChunkHeaderIsNamedAmongTheCausesOfTwoJvmsParts(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(recording);
        assertThat(dev.loompatterns.analysis.jfr.JvmParts.of(recording))
                .as("one JVM's recording")
                .hasSize(1);
        assertThat(java.nio.ByteBuffer.wrap(bytes).getLong(8))
                .as("the first chunk's size: a second chunk follows it")
                .isLessThan(bytes.length);
        bytes[57] ^= 0x24; // the first chunk's ticks per second (offset 56, eight bytes)
        Path damaged = Files.write(dir.resolve("damaged.jfr"), bytes);

        assertThat(usageLine(damaged))
                .startsWith("loom: '" + damaged + "' joins the recordings of more than one JVM")
                .contains("or its chunks' headers damaged");
    }

    /**
     * A JVM killed within a second of its recording's start has flushed nothing: its repository folder, and its chunk,
     * are refused in one line that says so, naming what was given, not a temporary file (the folder was read as
     * finished and refused with the general advice).
     */
    @Test
    void aRepositoryWhoseJvmNeverFlushedIsRefusedSayingSo(@TempDir Path dir) throws Exception {
        long ended = Commands.endedPid();
        Path folder = Files.createDirectory(dir.resolve("2026_12_02_17_33_43_" + ended));
        Path finished = finishedRecording(dir);
        Path chunk = Files.write(
                folder.resolve("2026_12_02_17_33_43.jfr"),
                dev.loompatterns.analysis.jfr.UnfinishedChunkTest.neverFlushed(finished));

        LoomCliTest.Result wholeFolder = LoomCliTest.loom("inspect", folder.toString());
        assertThat(wholeFolder.code()).isEqualTo(2);
        assertThat(wholeFolder.err())
                .isEqualTo("loom: '" + folder + "' is the JFR repository of process " + ended
                        + ", which has ended, and holds " + InspectCommand.NOTHING_FLUSHED + " to read"
                        + System.lineSeparator());
        LoomCliTest.Result oneChunk = LoomCliTest.loom("inspect", chunk.toString());
        assertThat(oneChunk.code()).isEqualTo(2);
        assertThat(oneChunk.err())
                .startsWith("loom: '" + chunk + "' is not a whole JFR recording: ")
                .contains("it is a chunk its JVM never flushed")
                .containsPattern("so nothing to read, and no process left to dump \\(the parser said: [^)]*[^.]\\)"
                        + System.lineSeparator() + "$");
    }

    /**
     * A temporary folder that refuses the finished copy of a killed JVM's chunk (full, or, here, missing) is not loom's
     * error: one line naming the folder and the reason, exit 1, for the folder and for its chunk alike. Before, "loom:
     * unexpected error: java.io.IOException: No space left on device" and the hint about LOOM_STACKTRACE.
     */
    @Test
    void aTemporaryFolderThatRefusesTheCopyOfAKilledChunkIsOneLine(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("2026_12_04_05_40_00_" + Commands.endedPid()));
        Path finished = finishedRecording(dir);
        Path chunk = Files.write(
                folder.resolve("2026_12_04_05_40_00.jfr"),
                dev.loompatterns.analysis.jfr.UnfinishedChunkTest.flushedButUnfinished(finished));
        Path missing = dir.resolve("no such folder");
        for (Path given : List.of(folder, chunk)) {
            Path runDir = Files.createDirectories(dir.resolve("run-" + given.getFileName()));
            dev.loompatterns.testing.OwnJvm.Result run = dev.loompatterns.testing.OwnJvm.run(
                    runDir, null, List.of("-Djava.io.tmpdir=" + missing), LoomCli.class, "inspect", given.toString());
            // after the JDK's own warning of the missing folder, and loom's line that it reads a killed JVM's chunk
            assertThat(run.err().lines().filter(line -> line.startsWith("loom: could not")))
                    .as(run.err())
                    .singleElement()
                    .asString()
                    .startsWith("loom: could not copy what '" + given + "' had flushed into the temporary folder '"
                            + missing
                            + "' (the folder does not exist or does not accept new files), which loom reads it from;"
                            + " make room there, ")
                    .endsWith("or name another folder with LOOM_JAVA_OPTS=-Djava.io.tmpdir=FOLDER");
            assertThat(run.err().lines().filter(line -> line.startsWith("loom: ")))
                    .as("no unexpected error")
                    .hasSize(2);
            assertThat(run.code()).as(run.err()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
            assertThat(run.out()).isEmpty();
        }
        assertThat(missing).doesNotExist();
    }

    /** A short recording, finished, in {@code dir}. */
    private static Path finishedRecording(Path dir) throws IOException {
        Path finished = dir.resolve("finished.jfr");
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.start();
            recording.stop();
            recording.dump(finished);
        }
        return finished;
    }

    /** The duration a chunk's header gives, which JFR rewrites at each flush (about every second). */
    private static long durationSoFar(Path chunk) {
        try (java.io.InputStream in = Files.newInputStream(chunk)) {
            byte[] header = in.readNBytes(48);
            return header.length < 48 ? -1 : java.nio.ByteBuffer.wrap(header).getLong(40);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // not there yet
        }
    }

    /**
     * The child's program: records (its JVM's flag) its virtual threads, started and joined, then says where its
     * repository is and waits to be killed.
     */
    static final class Recording {
        static final int THREADS = 100;

        public static void main(String[] args) throws Exception {
            for (int i = 0; i < THREADS; i++) {
                Thread.ofVirtual().start(() -> {}).join();
            }
            Files.writeString(Path.of(args[0]), System.getProperty("jdk.jfr.repository"));
            Thread.sleep(java.time.Duration.ofMinutes(5));
        }
    }

    /**
     * On a terminal, reading says how far it got every 2 s by the clock or every million events, whichever comes
     * first: it said so every million events only, the first 5 to 9 s into a million virtual threads' recording, and
     * never in the 5 s of one of 450,000.
     */
    @Test
    void progressIsALineEveryTwoSecondsOrEveryMillionEvents() {
        long[] now = {7_000_000_000L};
        java.io.StringWriter text = new java.io.StringWriter();
        java.util.function.LongConsumer heard =
                InspectCommand.progressLines(new java.io.PrintWriter(text), () -> now[0]);
        long[][] at = { // {tenths of a second in, events read}
            {5, 10_000},
            {19, 20_000},
            {21, 30_000},
            {40, 40_000},
            {41, 50_000},
            {66, 60_000},
            {70, 70_000},
            {71, 1_059_999},
            {72, 1_060_000},
            {75, 1_070_000}
        };
        for (long[] one : at) {
            now[0] = 7_000_000_000L + one[0] * 100_000_000L;
            heard.accept(one[1]);
        }
        assertThat(text.toString().lines())
                .containsExactly(
                        "loom inspect: 30,000 events read (2 s)",
                        "loom inspect: 50,000 events read (4 s)",
                        "loom inspect: 60,000 events read (7 s)",
                        "loom inspect: 1,060,000 events read (7 s)");
    }

    /**
     * The recordings of two JVMs in one file (a {@code cat} of them, {@code jfr assemble} of several runs' files) are
     * refused, with the commands that split them, not read: the JDK's parser reads the second with the first's
     * thread, class and method ids. A child JVM's recording joined to {@code loom run pinning}'s read as 761 events
     * fewer than the two hold, exit 0, in a review. One JVM's recording joined to itself is refused too.
     */
    @Test
    void theRecordingsOfTwoJvmsInOneFileAreRefusedWithHowToSplitThem(@TempDir Path dir) throws Exception {
        Path child;
        try (Stream<Path> beside = Files.list(recording.getParent())) {
            child = beside.filter(f -> f.getFileName().toString().matches("p-child-\\d+\\.jfr"))
                    .findFirst()
                    .orElseThrow();
        }
        byte[] first = Files.readAllBytes(child);
        byte[] second = Files.readAllBytes(recording);
        // a quote and a backslash in the name: the commands are quoted for the shell, and printed after the one-line
        // message as they are (made one line, the backslash was written twice, and the commands named no such file)
        Path joined = dir.resolve("it's a\\b joined.jfr");
        Files.write(joined, first);
        Files.write(joined, second, java.nio.file.StandardOpenOption.APPEND);
        String said = usageLine(joined);
        assertThat(said)
                .startsWith("loom: '" + joined.toString().replace("\\", "\\\\")
                        + "' joins the recordings of more than one JVM, in 2 parts one after the other")
                .contains("head -c " + first.length + " ")
                .contains("; tail -c +" + (first.length + 1) + " ");
        // the commands as printed give back the two recordings
        String commands =
                said.substring(said.indexOf("inspect each part alone: ") + "inspect each part alone: ".length());
        assertThat(new ProcessBuilder("sh", "-c", commands).start().waitFor()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("it's a\\b joined-part1.jfr")))
                .isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("it's a\\b joined-part2.jfr")))
                .isEqualTo(second);

        // one JVM's recording joined to itself holds its time twice: refused, as two dumps of one recording joined
        // are, where the JDK's parser counted every event twice (a review: 22 pins for 11, blocked longer than alive)
        Path twice = dir.resolve("twice.jfr");
        Files.write(twice, second);
        Files.write(twice, second, java.nio.file.StandardOpenOption.APPEND);
        String again = usageLine(twice);
        assertThat(again)
                .startsWith("loom: '" + twice + "' holds some of one JVM's recorded time more than once, in 2 parts")
                .contains("head -c " + second.length + " ")
                .contains("; tail -c +" + (second.length + 1) + " ");
    }

    /**
     * A report or copy written over the recording would destroy what was to be read: the recording named
     * again under {@code --out} (whatever the spelling, or through a link), under {@code --slim}, or one
     * file for both, is a usage error, and every file is left as it was.
     */
    @Test
    void noOutputMayOverwriteTheRecordingOrTheOtherOutput(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(recording, dir.resolve("q.jfr"));
        Path link = Files.createSymbolicLink(dir.resolve("link.jfr"), copy);
        Path other = dir.resolve("other.out");
        byte[] before = Files.readAllBytes(copy);
        String respelled = dir.resolve("sub/../q.jfr").toString();
        for (String[] args : List.of(
                new String[] {"inspect", copy.toString(), "--out", copy.toString(), "--format", "html"},
                new String[] {"inspect", copy.toString(), "--out", respelled},
                new String[] {"inspect", copy.toString(), "--out", link.toString()},
                new String[] {"inspect", link.toString(), "--slim", copy.toString()},
                new String[] {"inspect", copy.toString(), "--out", other.toString(), "--slim", other.toString()})) {
            Files.createDirectories(dir.resolve("sub"));
            // a link as --out is the recording too, found so before AtomicFile.checkTarget refuses it as a link
            assertThat(usageError(args))
                    .containsAnyOf("is the recording itself", "name the same file", "it is a symbolic link");
            assertThat(Files.readAllBytes(copy)).as(String.join(" ", args)).isEqualTo(before);
            assertThat(other).doesNotExist();
        }
    }

    /**
     * An empty file is what a JVM killed while it recorded to a file leaves (JFR writes the file as its recording
     * stops): the line says so, and names the repository made as the file was, where its events are, with the
     * command that reads it, or, its maker still running, the jcmd that copies the recording. A helper's user was left
     * with "is empty; give a .jfr recording" after a {@code kill -9}.
     */
    @Test
    void anEmptyRecordingNamesTheRepositoryMadeWithIt(@TempDir Path dir) throws IOException {
        Path empty = Files.write(dir.resolve("killed.jfr"), new byte[0]);
        Path base = Files.createDirectory(dir.resolve("tmp"));
        String none = InspectCommand.emptyRecording(empty, base);
        assertThat(none)
                .startsWith(
                        "'" + empty + "' is empty; give a .jfr recording. A JVM writes the file it records to as its"
                                + " recording stops: killed before that, it leaves it empty, and its events in its JFR"
                                + " repository")
                .doesNotContain("process");

        java.time.format.DateTimeFormatter names = java.time.format.DateTimeFormatter.ofPattern("uuuu_MM_dd_HH_mm_ss")
                .withZone(java.time.ZoneId.systemDefault());
        Instant made = Files.getLastModifiedTime(empty).toInstant();
        Path ended = Files.createDirectory(base.resolve(names.format(made) + "_99999999")); // past any pid_max
        assertThat(InspectCommand.emptyRecording(empty, base))
                .isEqualTo(none + "; one was made as this file was, by process 99999999, which has ended: loom inspect "
                        + ended);

        long self = ProcessHandle.current().pid();
        Path running = Files.createDirectory(base.resolve(names.format(made) + "_" + self));
        Files.delete(ended);
        // a JVM recording keeps its chunk open, which is how a running maker is told from a pid given out again
        try (var chunk = java.nio.channels.FileChannel.open(
                running.resolve("chunk.jfr"),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            assertThat(InspectCommand.emptyRecording(empty, base))
                    .isEqualTo(none + "; one was made as this file was, by process " + self + ", still running (if it"
                            + " records to this file, 'jcmd " + self + " JFR.dump filename=FILE' copies its recording"
                            + " now)");
        }
    }

    /**
     * A file that is no recording at all (empty, text, a recording without its first byte) is called that, not a
     * recording cut short: what the user should do differs (give the right file, or wait for the
     * recording to end).
     */
    @Test
    void aFileThatIsNoRecordingIsToldApartFromARecordingCutShort(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(recording);
        Path empty = Files.write(dir.resolve("empty.jfr"), new byte[0]);
        Path text = Files.writeString(dir.resolve("notes.jfr"), "not a recording\n");
        Path tail = Files.write(dir.resolve("tail.jfr"), java.util.Arrays.copyOfRange(whole, 1, whole.length));
        // what follows names a JFR repository made in the same second, which other tests' JVMs may have made
        assertThat(usageLine(empty)).startsWith("loom: '" + empty + "' is empty; give a .jfr recording. A JVM writes");
        // a file the kernel makes as it is read has a size of 0 and is not empty (Linux's /proc, where CI runs)
        Path proc = Path.of("/proc/self/status");
        List<Path> kernels = Files.isReadable(proc) ? List.of(proc) : List.of();
        for (Path notARecording :
                Stream.concat(Stream.of(text, tail), kernels.stream()).toList()) {
            assertThat(usageLine(notARecording))
                    .startsWith("loom: '" + notARecording + "' is not a JFR recording")
                    .doesNotContain("cut short")
                    .doesNotContain("thread dump");
        }
        // a JSON thread dump given to inspect: the command that reads one is named
        Path dump = Files.writeString(dir.resolve("threads.json"), "\n  {\"threadDump\": {}}");
        assertThat(usageLine(dump))
                .isEqualTo("loom: '" + dump + "' is not a JFR recording (a recording's first bytes are FLR and a zero"
                        + " byte); give a .jfr recording, or print a JSON thread dump with 'loom dump FILE'");
        // a recording kept compressed: JMC opens it so, the JDK's parser does not
        Path gzipped = dir.resolve("kept.jfr.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(whole);
        }
        assertThat(usageLine(gzipped))
                .isEqualTo("loom: '" + gzipped + "' is not a JFR recording (a recording's first bytes are FLR and a"
                        + " zero byte); give a .jfr recording; this one is compressed with gzip: give it uncompressed"
                        + " (gunzip)");
        Path truncated = Files.write(dir.resolve("cut.jfr"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThat(usageLine(truncated))
                .startsWith("loom: '" + truncated + "' is not a whole JFR recording")
                .contains("cut short");
    }

    /** A named pipe is refused at once: read as a recording, inspect waited for its writer until a signal. */
    @Test
    // backstop on a thread of its own: a reader blocked opening a pipe with no writer ignores interrupts
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipeIsRefusedNotWaitedFor(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo.jfr");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        assertThat(usageLine(fifo))
                .isEqualTo("loom: '" + fifo + "' is not a regular file (a pipe, a device or a socket); give a .jfr"
                        + " recording");
    }

    /**
     * A file that cannot be looked at is said so with the system's reason, not called missing (a helper's hunt): a name
     * too long, here, for {@code inspect} and {@code dump} alike; a file in a folder that may not be entered, below.
     * And {@code --slim -}, which wrote a file named {@code -}: no file name for the copy.
     */
    @Test
    void aFileThatCannotBeLookedAtIsSaidSoNotCalledMissing(@TempDir Path dir) {
        Path tooLong = dir.resolve("a".repeat(300) + ".jfr");
        assertThat(usageLine(tooLong)).isEqualTo("loom: cannot read '" + tooLong + "': File name too long");
        assertThat(usageError("inspect", recording.toString(), "--slim", "-"))
                .as("'-' is no file name for the copy, which it was")
                .startsWith("loom: --slim '-': the copy is a recording");
        Path tooLongDump = dir.resolve("a".repeat(300) + ".json");
        assertThat(usageError("dump", tooLongDump.toString()))
                .isEqualTo("loom: cannot read '" + tooLongDump + "': File name too long");
        assertThat(usageLine(dir.resolve("missing.jfr")))
                .isEqualTo("loom: no such file: '" + dir.resolve("missing.jfr") + "'; give a .jfr recording");
    }

    /**
     * A file in a folder this user may not enter, in a JVM of its own. Root enters every folder: as root, the JVM runs
     * without the capabilities that let it ({@code setpriv}, util-linux's), as root's own files stay readable to it.
     */
    @Test
    void aFileInAFolderThatMayNotBeEnteredIsSaidToBeUnreadable(@TempDir Path dir) throws Exception {
        Path closed = Files.createDirectory(dir.resolve("closed"));
        Path inside = Files.copy(recording, closed.resolve("x.jfr"));
        Files.setPosixFilePermissions(closed, java.util.Set.of());
        try {
            ProcessBuilder loom = dev.loompatterns.testing.OwnJvm.builder(
                    null, List.of(), LoomCli.class, "inspect", inside.toString());
            if (Files.exists(inside)) { // this user enters every folder
                Path setpriv = Path.of("/usr/bin/setpriv");
                org.junit.jupiter.api.Assumptions.assumeTrue(
                        Files.isExecutable(setpriv),
                        "no setpriv to run as root" + " without the capabilities to enter every folder");
                List<String> command = new java.util.ArrayList<>(
                        List.of(setpriv.toString(), "--bounding-set", "-dac_override,-dac_read_search", "--"));
                command.addAll(loom.command());
                loom.command(command);
            }
            Path err = dir.resolve("err.txt");
            Process process = loom.redirectOutput(dir.resolve("out.txt").toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                process.getOutputStream().close();
                assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES))
                        .isTrue(); // backstop only
            } finally {
                Commands.stop(process); // had the backstop run out
            }
            assertThat(Files.readString(err))
                    .isEqualTo("loom: cannot read '" + inside + "': permission denied (a folder on its way may not be"
                            + " entered)" + System.lineSeparator());
            assertThat(process.exitValue()).isEqualTo(LoomCli.EXIT_USAGE);
        } finally {
            Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * A gone JVM's repository folder whose chunks cannot be read as one recording is refused naming the folder or the
     * chunk, and commands that work on them: it named the copy, a temporary file deleted by then, and gave commands
     * that split it (a helper's hunt). Here a chunk that is no recording, then one recording twice.
     */
    @Test
    void aRepositoryOfChunksThatDoNotMakeOneRecordingNamesTheFolderAndItsChunks(@TempDir Path dir) throws Exception {
        long ended = Commands.endedPid();
        Path folder = Files.createDirectory(dir.resolve("2026_01_01_00_00_00_" + ended));
        Path notAChunk = Files.writeString(folder.resolve("2026_01_01_00_00_00.jfr"), "hi\n");
        LoomCliTest.Result result = LoomCliTest.loom("inspect", folder.toString());
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines().getLast())
                .isEqualTo("loom: '" + notAChunk + "', in the JFR repository '" + folder + "', is not a JFR recording"
                        + " (a recording's first bytes are FLR and a zero byte); move it out, or inspect the chunks one"
                        + " at a time");

        Path first = Files.copy(finishedRecording(dir), notAChunk, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path again = Files.copy(first, folder.resolve("2026_01_01_00_00_09.jfr"));
        result = LoomCliTest.loom("inspect", folder.toString());
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines().getLast())
                .startsWith("loom: '" + folder + "' holds the chunks of more than one JVM, or chunks that go back over"
                        + " one another's time")
                .endsWith("inspect them one at a time: " + Notes.loomCommand() + " inspect " + first + "; "
                        + Notes.loomCommand() + " inspect " + again)
                .doesNotContain("loom-inspect-");
    }

    /** The one line {@code loom ARGS} prints on stderr, having exited with the usage error code and printed nothing else. */
    private static String usageError(String... args) {
        LoomCliTest.Result result = LoomCliTest.loom(args);
        assertThat(result.code()).as(String.join(" ", args)).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.errLines())
                .as(String.join(" ", args))
                .singleElement()
                .asString()
                .startsWith("loom: ");
        assertThat(result.out()).isEmpty();
        return result.errLines().getFirst();
    }

    /** The one line {@code loom inspect FILE} prints on stderr, having exited with the usage error code. */
    private static String usageLine(Path file) {
        return usageError("inspect", file.toString());
    }
}
