package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.RunReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wrong-way run whose flaw did not show reads as "not shown" in every format, with its reason. */
class ReportFormatTest {

    private static RunReport run(Check check) {
        return new RunReport(
                "lock-counter",
                Mode.VIRTUAL,
                "unguarded",
                100,
                Duration.ofMillis(20),
                0,
                100,
                dev.loompatterns.jfr.PinTally.NONE,
                check,
                Duration.ZERO,
                List.of());
    }

    private static String print(ReportFormat format, Check check) {
        StringWriter text = new StringWriter();
        format.print(List.of(Row.of(List.of(run(check)))), new PrintWriter(text), false);
        return text.toString();
    }

    @Test
    void notShownIsPrintedWithItsReasonInEveryFormat() {
        Check check = Check.notShown("lost none of 1000000 this time");
        assertThat(print(ReportFormat.TABLE, check)).contains("  not shown: lost none of 1000000");
        assertThat(print(ReportFormat.MARKDOWN, check)).contains("| not shown: lost none of 1000000 this time |");
        assertThat(print(ReportFormat.CSV, check).lines().toList().getLast())
                .endsWith(",not shown,lost none of 1000000 this time,0,0");
        assertThat(print(ReportFormat.JSON, check))
                .contains("\"check\": \"not shown\", \"detail\": \"lost none of 1000000 this time\"");
    }

    /**
     * csv is read by programs: a slow run's rate keeps its decimal, as in json, not the table's whole number (0), and a
     * count not made is an empty field, which readers take for a missing value, not the table's {@code -}.
     */
    @Test
    void csvKeepsJsonsPrecisionAndLeavesACountNotMadeEmpty() {
        RunReport slow = new RunReport(
                "url-fetch",
                Mode.VIRTUAL,
                "default",
                1,
                Duration.ofNanos(3_320_245_678L),
                7,
                -1,
                dev.loompatterns.jfr.PinTally.NONE,
                Check.passed("1 of 1 fetched"),
                Duration.ZERO,
                List.of());
        List<Row> rows = List.of(Row.of(List.of(slow)));
        StringWriter csv = new StringWriter();
        ReportFormat.CSV.print(rows, new PrintWriter(csv), false);
        StringWriter table = new StringWriter();
        ReportFormat.TABLE.print(rows, new PrintWriter(table), false);

        assertThat(csv.toString().lines().toList().get(1))
                .isEqualTo("url-fetch,virtual,default,1,3320.246,0.3,7,,0,pass,1 of 1 fetched,0,0");
        assertThat(table.toString().lines().toList().get(1))
                .containsPattern("url-fetch +virtual +default +1 +3320\\.2 +0 +7 +- +0 +pass");
    }

    /** Under a table with a wrong-way row, the note says what its verdict means: "not shown" is no failure. */
    @Test
    void theNoteSaysWhatShownAndNotShownMeanWhereARowSaysOne() {
        String line = "shown / not shown: a wrong-way variant's flaw was / was not seen in this run; neither fails";
        assertThat(print(ReportFormat.TABLE, Check.notShown("lost none of 1000000 this time"))
                        .lines())
                .contains(line);
        assertThat(print(ReportFormat.TABLE, Check.demonstrated("lost 12 of 1000000 updates"))
                        .lines())
                .contains(line);
        StringWriter wide = new StringWriter();
        ReportFormat.TABLE.print(
                List.of(Row.of(List.of(run(Check.notShown("lost none"))))), new PrintWriter(wide), true);
        assertThat(wide.toString().lines()).as("--wide too").contains(line);
        assertThat(print(ReportFormat.MARKDOWN, Check.notShown("lost none")).lines())
                .as("markdown too")
                .contains(line);
        assertThat(print(ReportFormat.MARKDOWN, Check.passed("total 1000000 of 1000000")))
                .doesNotContain("wrong-way");
        assertThat(print(ReportFormat.TABLE, Check.passed("total 1000000 of 1000000")))
                .doesNotContain("wrong-way");
    }

    /**
     * With room beside the verdicts, a check that passed keeps what fits there; one that did not pass and would be
     * cut has its line below the row, 120 columns of it (in a run of pinning, whose long variant names left 31
     * columns, "shown: 4 pins: 4 x native-fra…" said less than compare's wider table, which put it below).
     */
    @Test
    void aCheckThatDidNotPassAndWouldBeCutGoesBelowItsRow() {
        String shown = "4 pins: 4 x native-frame: 'Native or VM frame on stack' LockSupport.park at"
                + " Upcalls.compareSleeping:80";
        StringWriter text = new StringWriter();
        ReportFormat.TABLE.print(
                List.of(
                        Row.of(List.of(run(Check.passed("total 100 of 100 and a great deal more said after it")))),
                        Row.of(List.of(run(Check.demonstrated(shown))))),
                new PrintWriter(text),
                false);
        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(1))
                .startsWith("lock-counter")
                .contains("  pass: total 100 of 100")
                .endsWith("\u2026");
        assertThat(lines.get(2)).startsWith("lock-counter").endsWith("  shown");
        assertThat(lines.get(3)).isEqualTo("    shown: " + shown);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
    }

    /**
     * Where long names leave the check fewer than {@value ReportFormat#MIN_SUMMARY} columns, a row whose whole text
     * fits in 120 still shows its check whole, as cli.md says ("as much of what it measured as fits"); a passed
     * check that does not fit shows its verdict alone, and one that did not pass has its text below. A review's
     * 'compare lock-counter --tasks 2' row of 98 columns showed "pass" where "pass: total 2 of 2" fitted.
     */
    @Test
    void withLittleRoomARowThatFitsKeepsItsWholeCheck() {
        String variant = "variant-name-long-enough";
        java.util.function.Function<Check, Row> row = check -> Row.of(List.of(new RunReport(
                "lock-counter",
                Mode.VIRTUAL,
                variant,
                2,
                Duration.ofMillis(14),
                0,
                2,
                dev.loompatterns.jfr.PinTally.NONE,
                check,
                Duration.ZERO,
                List.of())));
        StringWriter text = new StringWriter();
        ReportFormat.TABLE.print(
                List.of(
                        row.apply(Check.passed("total 2 of 2")),
                        row.apply(Check.passed("total 2 of 2, and a great deal more said after that")),
                        row.apply(Check.failed("total 1 of 2, and a great deal more said after that"))),
                new PrintWriter(text),
                false);
        List<String> lines = text.toString().lines().toList();
        int checkColumn = lines.get(0).indexOf("check");
        assertThat(120 - checkColumn).as("the check's room").isLessThan(ReportFormat.MIN_SUMMARY);
        assertThat(lines.get(1)).endsWith("  pass: total 2 of 2");
        assertThat(lines.get(2)).endsWith("  pass");
        assertThat(lines.get(3)).endsWith("  FAIL");
        assertThat(lines.get(4)).isEqualTo("    FAIL: total 1 of 2, and a great deal more said after that");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
    }

    /** The default table fits 120 columns however long a check's text; --wide keeps it whole. */
    @Test
    void theTableFits120ColumnsAndWideKeepsEverything() {
        String detail = "lost 990000 of 1000000 updates (no lock: count++ is read, add, write) "
                .repeat(6)
                .strip();
        RunReport run = new RunReport(
                "creation-styles",
                Mode.STRUCTURED,
                "synchronized-jdk21-long",
                100,
                Duration.ofMillis(20),
                0,
                100,
                dev.loompatterns.jfr.PinTally.NONE,
                Check.notShown(detail),
                Duration.ZERO,
                List.of());
        StringWriter narrow = new StringWriter();
        ReportFormat.TABLE.print(List.of(Row.of(List.of(run))), new PrintWriter(narrow), false);
        assertThat(narrow.toString().lines())
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
        assertThat(narrow.toString().replaceAll("\\s+", " "))
                .contains("not shown: lost 990000")
                .contains("\u2026")
                // run's table, and run has no --format: it was offered there ("--wide, --format csv or json")
                .contains("--wide gives them whole");
        StringWriter compare = new StringWriter();
        ReportFormat.TABLE.print(List.of(Row.of(List.of(run))), new PrintWriter(compare), false, "--wide or X");
        assertThat(compare.toString()).as("a command's own way").contains("columns: --wide or X");
        StringWriter wide = new StringWriter();
        ReportFormat.TABLE.print(List.of(Row.of(List.of(run))), new PrintWriter(wide), true);
        assertThat(wide.toString()).contains(detail).contains("peak_platform_threads");
    }

    /**
     * A check's detail in Markdown reads as written where GitHub renders it: {@code SlowStaticInit.<clinit>} lost its
     * {@code <clinit>} as an HTML tag, and a lambda's {@code $} pair could open math.
     */
    @Test
    void markdownShowsADetailAsWritten() {
        String markdown = print(ReportFormat.MARKDOWN, Check.failed("at A.<clinit> & B.lambda$run$0 \\ c|d"));

        assertThat(markdown.lines().toList().getLast())
                .endsWith("| FAIL: at A.&lt;clinit&gt; &amp; B.lambda\\$run\\$0 \\\\ c\\|d |");
    }

    /**
     * A check's detail can span lines (an exception's message, such as a pin assertion's). In a table for
     * people, each line break and the blanks around it read as one space, so the row stays one line; csv
     * keeps the text whole, quoted, a lone carriage return too; json escapes it.
     */
    @Test
    void aDetailOnSeveralLinesKeepsItsRowOnOneLine() {
        Check check = Check.failed("pins: 1\n  got 2\r\na|b\rend");
        String flat = "pins: 1 got 2 a|b end"; // short enough to stay whole beside the verdict in 120 columns

        String markdown = print(ReportFormat.MARKDOWN, check);
        assertThat(markdown.lines()).hasSize(3);
        assertThat(markdown.lines().toList().getLast()).endsWith("| FAIL: " + flat.replace("|", "\\|") + " |");

        String narrow = print(ReportFormat.TABLE, check);
        assertThat(narrow.lines().filter(line -> line.contains("pins: 1")))
                .singleElement()
                .asString()
                .endsWith("FAIL: " + flat);
        assertThat(narrow).doesNotContain("\r").doesNotContain("  got 2");

        StringWriter wide = new StringWriter();
        ReportFormat.TABLE.print(List.of(Row.of(List.of(run(check)))), new PrintWriter(wide), true);
        assertThat(wide.toString().lines()).hasSize(2);
        assertThat(wide.toString().lines().toList().getLast()).endsWith("FAIL: " + flat);

        assertThat(print(ReportFormat.CSV, check)).contains(",\"pins: 1\n  got 2\r\na|b\rend\",");
        assertThat(ReportFormat.csvQuote("a\rb")).isEqualTo("\"a\rb\"");
        // a '#' outside quotes starts a comment for a reader that skips the notes' lines (pandas' comment='#')
        assertThat(ReportFormat.csvQuote("VirtualThread[#4957]/runnable"))
                .isEqualTo("\"VirtualThread[#4957]/runnable\"");
        assertThat(print(ReportFormat.JSON, check)).contains("\"detail\": \"pins: 1\\n  got 2\\r\\na|b\\rend\"");
    }
}
