package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.PinTally;
import dev.loompatterns.jfr.PinTaxonomy;
import dev.loompatterns.jfr.RecordingSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The lines under compare's table: how noisy the figures are, and whether the JIT ran during them. */
class CompareNotesTest {

    private static RunReport run(String pattern, Mode mode, long wallMs, long jitMs) {
        return run(pattern, mode, wallMs, jitMs, PinTally.NONE);
    }

    private static RunReport run(String pattern, Mode mode, long wallMs, long jitMs, PinTally pins) {
        return new RunReport(
                pattern,
                mode,
                "default",
                10,
                Duration.ofMillis(wallMs),
                0,
                0,
                pins,
                Check.passed("ok"),
                Duration.ofMillis(jitMs),
                List.of());
    }

    private static Pin pin(String reason, String... stack) {
        return Pin.of(reason, "Contended monitor enter", "t", 1, "c", Duration.ZERO, List.of(stack));
    }

    /** Pins of a class's first use leave the pinned column and are named in one line under the table. */
    @Test
    void pinsOfAFirstUseAreCountedApartAndNamedUnderTheTable() {
        Predicate<String> own = PinTaxonomy.packages(List.of("dev.loompatterns.lockcounter."));
        List<Pin> pins = List.of(
                pin(
                        "Freeze or preempt failed (2)",
                        "java.lang.ClassLoader.loadClass",
                        "dev.loompatterns.lockcounter.Form.x:3"),
                pin(
                        "Waited for initialization of dev.loompatterns.core.RunGate by another thread",
                        "dev.loompatterns.lockcounter.A.b:1"),
                pin(
                        "Waited for initialization of dev.loompatterns.core.RunGate by another thread",
                        "dev.loompatterns.lockcounter.A.b:1"),
                Pin.of(
                        "VM call to dev.loompatterns.lockcounter.Own.<clinit> on stack",
                        "LockSupport.park",
                        "t",
                        1,
                        "c",
                        Duration.ZERO,
                        List.of("java.lang.Thread.sleep", "dev.loompatterns.lockcounter.Own.<clinit>:2")));
        Row row = Row.of(List.of(run("lock-counter", Mode.VIRTUAL, 10, 0, PinTally.of(pins, own))));

        assertThat(row.pinned())
                .as("blocking in the pattern's own initializer is its pin")
                .isEqualTo(1);
        assertThat(row.pinsApart().firstUse()).isEqualTo(3);
        assertThat(Notes.apartNote(List.of(row)))
                .hasValue("Not in pinned: 3 pins while the JVM met classes for the first time (class-init-wait of"
                        + " dev.loompatterns.core.RunGate 2, class-loading 1).");
        StringWriter json = new StringWriter();
        ReportFormat.JSON.print(List.of(row), new PrintWriter(json), false);
        assertThat(json.toString())
                .contains("\"pinned\": 1,")
                .contains("\"pinned_first_use\": 3")
                .contains("\"pinned_apart\": {\"class-init-wait of dev.loompatterns.core.RunGate\": 2,"
                        + " \"class-loading\": 1}");
        StringWriter csv = new StringWriter();
        ReportFormat.CSV.print(List.of(row), new PrintWriter(csv), false);
        assertThat(csv.toString().lines().toList().getFirst())
                .endsWith(",check,detail,pinned_first_use,pinned_recorder");
        assertThat(csv.toString().lines().toList().get(1)).endsWith(",3,0");
    }

    @Test
    void noLineWhenNothingWasSetApart() {
        assertThat(Notes.apartNote(List.of(Row.of(List.of(run("p", Mode.VIRTUAL, 10, 0))))))
                .isEmpty();
    }

    @Test
    void aRowSumsItsRunsJitTimeAgainstTheirWallTime() {
        Row row = Row.of(List.of(
                run("p", Mode.VIRTUAL, 100, 10), run("p", Mode.VIRTUAL, 300, 30), run("p", Mode.VIRTUAL, 200, 80)));
        assertThat(row.jitMs()).isEqualTo(120);
        assertThat(row.jitShare()).isEqualTo(0.2);
        assertThat(row.wallMs()).isEqualTo(200); // the median run, whatever its own JIT time
    }

    @Test
    void noJitNoteWhenTheJitWasQuiet() {
        Row quiet = Row.of(List.of(run("p", Mode.VIRTUAL, 1_000, 99)));
        assertThat(Notes.jitNote(List.of(quiet), 0)).isEmpty();
    }

    @Test
    void theJitNoteNamesTheBusiestCellAndTheWayOut() {
        Row quiet = Row.of(List.of(run("url-fetch", Mode.PLATFORM, 2_000, 100)));
        Row busy =
                Row.of(List.of(run("url-fetch", Mode.VIRTUAL, 1_000, 600), run("url-fetch", Mode.VIRTUAL, 1_000, 400)));

        assertThat(Notes.jitNote(List.of(quiet, busy), 0))
                .hasValueSatisfying(note -> assertThat(note)
                        .contains("While url-fetch virtual default ran (2000 ms over its 2 runs), the JVM's compilation"
                                + " time (the JIT's, summed over its compiler threads) grew by 1000 ms:"
                                + " compilations that ended then, some begun before, not all of its code.")
                        .doesNotContain("spent")
                        .contains("--warmup W runs it W times first"));
        assertThat(Notes.jitNote(List.of(quiet, busy), 5))
                .hasValueSatisfying(note -> assertThat(note).contains("More --warmup runs"));
    }

    /**
     * Under run's table of several rows: why single cold runs are no race, and the compare that is, on a line of its
     * own, each argument a shell word.
     */
    @Test
    void severalSingleRunsPointToTheCompareOfTheSameRows() {
        Row platform = Row.of(List.of(run("deadline", Mode.PLATFORM, 250, 0)));
        Row virtual = Row.of(List.of(run("deadline", Mode.VIRTUAL, 210, 0)));
        StringWriter text = new StringWriter();

        Notes.singleRunsNote(
                List.of(platform, virtual),
                List.of("deadline", "-P", "budget-ms=300", "-P", "a b"),
                new PrintWriter(text));

        List<String> lines = text.toString().lines().toList();
        assertThat(String.join(" ", lines.stream().map(String::strip).toList()))
                .contains("Each figure is one run, the rows one after another in a fresh JVM: the first row also paid"
                        + " for loading the pattern's classes");
        assertThat(lines.getLast())
                .isEqualTo("  loom compare deadline -P budget-ms=300 -P 'a b' --warmup 3 --repeat 5");
        StringWriter single = new StringWriter();
        Notes.singleRunsNote(List.of(virtual), List.of("deadline"), new PrintWriter(single));
        assertThat(single.toString()).as("one row is no comparison").isEmpty();
    }

    @Test
    void theNoiseNoteSaysHowManyWarmUpRunsCameFirst() {
        List<Row> rows = List.of(Row.of(List.of(
                run("p", Mode.VIRTUAL, 100, 0), run("p", Mode.VIRTUAL, 150, 0), run("p", Mode.VIRTUAL, 200, 0))));
        assertThat(Notes.noiseNote(rows, 0, 3))
                .contains("median of 3 runs;")
                .contains("spread (slowest - fastest) / median was 67%");
        assertThat(Notes.noiseNote(rows, 1, 3)).contains("median of 3 runs after 1 warm-up run per cell;");
        assertThat(Notes.noiseNote(rows, 4, 1)).startsWith("Each figure is one run after 4 warm-up runs per cell:");
        List<Row> even = List.of(Row.of(List.of(run("p", Mode.VIRTUAL, 100, 0), run("p", Mode.VIRTUAL, 150, 0))));
        assertThat(Row.of(List.of(run("p", Mode.VIRTUAL, 100, 0), run("p", Mode.VIRTUAL, 150, 0)))
                        .wallMs())
                .isEqualTo(150);
        assertThat(Notes.noiseNote(even, 0, 2))
                .contains("median of 2 runs (of an even number, the slower of the two middle ones: a run that"
                        + " happened);");
        assertThat(Notes.noiseNote(rows, 0, 3)).doesNotContain("even");
    }

    @Test
    void aRecordingsPinsAreExplainedOnlyWhereTheTableSetSomeApart() {
        assertThat(Notes.pinsNote(3, 3, false, false))
                .isEqualTo("(every pin in the file; the table's pinned leaves out 3 of a class's first use or JFR's"
                        + " own: see 'Not in pinned' above)");
        assertThat(Notes.pinsNote(3, 1, true, false))
                .as("the table's count takes in the child JVMs' pins, which are in their own files")
                .contains("leaves out 1 of a class's first use or JFR's own, in this file and the child JVMs' below");
        assertThat(Notes.pinsNote(3, 0, false, false))
                .as("the table counted them all")
                .isNull();
        assertThat(Notes.pinsNote(0, 2, false, false))
                .as("no pin in the file to explain")
                .isNull();
        assertThat(Notes.pinsNote(12, 0, false, true))
                .as("a repeated row shows one run; the file holds them all")
                .isEqualTo("(every pin in the file, of every run; the table's pinned is each row's median run's)");
        assertThat(Notes.pinsNote(12, 1, false, true))
                .endsWith("median run's and leaves out 1 of a class's first use or JFR's own: see 'Not in pinned'"
                        + " above)");
    }

    /**
     * The recording's summary keeps to the table's width: the pins' note of a repeated run with pins set apart went
     * to 163 columns. A line that fits is printed as it is, its spaces kept; a longer one goes on further in.
     */
    @Test
    void theRecordingsSummaryKeepsToTheTablesWidth() {
        String note = Notes.pinsNote(12, 3, true, true);
        List<String> lines = List.of("  pins:                     12, by cause and top frame:", "    " + note);
        StringWriter text = new StringWriter();

        Notes.printIndented(lines, new PrintWriter(text, true));

        List<String> printed = text.toString().lines().toList();
        assertThat(("    " + note).length()).isGreaterThan(ReportFormat.TABLE_WIDTH);
        assertThat(printed.getFirst()).isEqualTo(lines.getFirst());
        assertThat(printed)
                .hasSizeGreaterThan(2)
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(ReportFormat.TABLE_WIDTH));
        assertThat(printed.get(2)).startsWith("      ");
        assertThat(String.join(
                        " ",
                        printed.subList(1, printed.size()).stream()
                                .map(String::strip)
                                .toList()))
                .isEqualTo(note);
    }

    @Test
    void aRecordingsLineSaysOneOfAThingInTheSingular() {
        assertThat(Notes.summaryLine("r.jfr", 5, 1, 1, 1))
                .endsWith(" 1 virtual thread started,     1 pin,  1 submit failure");
        assertThat(Notes.summaryLine("r.jfr", 5, 2, 0, -1)).endsWith(" 2 virtual threads started,    0 pins");
        assertThat(Notes.summaryLine("r.jfr", 5, -1, 0, -1)).endsWith(" - virtual threads started,    0 pins");
        assertThat(Notes.summaryLine("r.jfr", 5, 20, 3, 2))
                .startsWith("  r.jfr ")
                .endsWith(" 20 virtual threads started,    3 pins, 2 submit failures");
    }

    /**
     * Under a list of recordings, one line for each set of events on for part of a recording only, naming how many
     * files: a compare whose profile leaves pins off has them on only while each cell runs, in every file.
     */
    @Test
    void aRecordingsListSaysWhichCountsAreOfPartOfARecording() {
        RecordingSummary pinsPart = summary(Set.of("jdk.VirtualThreadPinned"));
        RecordingSummary whole = summary(Set.of());
        RecordingSummary both = summary(Set.of("jdk.VirtualThreadStart", "jdk.VirtualThreadPinned"));

        assertThat(Notes.partOnlyLines(List.of(pinsPart, pinsPart)))
                .containsExactly("  (in each of these files, jdk.VirtualThreadPinned was on for part of the recording"
                        + " only: the counts are of that part)");
        assertThat(Notes.partOnlyLines(List.of(pinsPart)))
                .containsExactly("  (in this file, jdk.VirtualThreadPinned was on for part of the recording only: the"
                        + " counts are of that part)");
        assertThat(Notes.partOnlyLines(List.of(pinsPart, whole, both, pinsPart)))
                .containsExactly(
                        "  (in 2 of these files, jdk.VirtualThreadPinned was on for part of the recording only: the"
                                + " counts are of that part)",
                        "  (in 1 of these files, jdk.VirtualThreadPinned and jdk.VirtualThreadStart were on for part"
                                + " of the recording only: the counts are of that part)");
        assertThat(Notes.partOnlyLines(List.of(whole, whole))).isEmpty();
    }

    private static RecordingSummary summary(Set<String> partOnly) {
        return new RecordingSummary(1, 3, 0, Map.of(), 0, partOnly);
    }

    /**
     * Lines of one list keep their columns whatever the names' lengths and the counts' number: a name of 49
     * characters (pinning-structured-synchronized-jdk21-child-1.jfr) and "1 virtual thread" each pushed theirs out.
     */
    @Test
    void aRecordingsListKeepsItsColumns() {
        String longest = "pinning-structured-synchronized-jdk21-child-1.jfr";
        List<String> lines = List.of(
                Notes.summaryLine("short.jfr", longest.length(), 4, 7, 0),
                Notes.summaryLine(longest, longest.length(), 1, 1, 1),
                Notes.summaryLine("x.jfr", longest.length(), 100, 12, 3));
        for (String word : List.of("virtual", "pin", "submit")) {
            assertThat(lines)
                    .extracting(line -> line.lastIndexOf(" " + word))
                    .as(word)
                    .containsOnly(lines.getFirst().lastIndexOf(" " + word));
        }
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
    }
}
