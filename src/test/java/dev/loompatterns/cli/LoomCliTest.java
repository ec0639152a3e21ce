package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.engine.ReportFormat;
import dev.loompatterns.jfr.AtomicFile;
import dev.loompatterns.jfr.PatternRunEvent;
import dev.loompatterns.jfr.RecordingSummary;
import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.DefaultLocale;
import dev.loompatterns.testing.Jdk21Pins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class LoomCliTest {

    /** What one CLI call printed and returned. */
    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /** The csv output's header and rows: its lines without the notes' {@code #} comment lines. */
        List<String> csvRows() {
            return out.lines().filter(line -> !line.startsWith("#")).toList();
        }
    }

    /** Every line fits the CLI's table width ({@link ReportFormat#TABLE_WIDTH}), counted in characters. */
    static void assertFitsTheTableWidth(java.util.stream.Stream<String> lines) {
        assertThat(lines)
                .allSatisfy(line -> assertThat(line.codePointCount(0, line.length()))
                        .as(line)
                        .isLessThanOrEqualTo(ReportFormat.TABLE_WIDTH));
    }

    /** {@link #loom} with its arguments written as one line: none of them may hold a space. */
    static Result loomLine(String commandLine) {
        return loom(commandLine.split(" "));
    }

    static Result loom(String... args) {
        return loom(Catalogue.load(), args);
    }

    /** The CLI with the given patterns for catalogue (a test's own, {@code TestPattern}). */
    static Result loom(Catalogue catalogue, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoomCli.execute(catalogue, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * A file name that ends with a separator names a folder: refused in one line, exit 2, nothing written. {@code
     * --jfr recs/}, where recs did not exist, wrote a file named recs (Path drops the slash), and so did inspect's
     * {@code --out}.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "run thread-basics --tasks 2 --jfr DIR/recs/",
                "dump thread-basics --tasks 2 --out DIR/recs/",
                "inspect DIR/none.jfr --out DIR/recs/",
                "inspect DIR/none.jfr --slim DIR/recs/"
            })
    void aFileNameEndingWithASeparatorIsRefusedAsAFoldersName(String commandLine, @TempDir Path dir)
            throws IOException {
        Result result = loomLine(commandLine.replace("DIR", dir.toString()));
        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .contains("'" + dir.resolve("recs") + "/' ends with '/', as a folder's name does; give a file's name");
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("nothing written").isEmpty();
        }
    }

    /**
     * A signal that came as the command finished: the JVM exits 130, and a second line says the work was whole (it
     * said nothing, after a whole recording and its summary). Run in a JVM of its own: a stop request is for good.
     */
    @Test
    void aSignalAfterTheWorkSaysTheWorkIsWhole() throws Exception {
        assertThat(dev.loompatterns.testing.OwnJvm.linesOf(FinishedFirst.class))
                .containsExactly(
                        "no signal: none",
                        "passed: loom: the work had finished when the signal came: what it printed and wrote is whole,"
                                + " its checks passed; the exit is the signal's",
                        "failed: loom: the work had finished when the signal came: what it printed and wrote is whole,"
                                + " its checks as printed; the exit is the signal's",
                        "said stopped: none");
    }

    /** The child's program for {@link #aSignalAfterTheWorkSaysTheWorkIsWhole}. */
    static final class FinishedFirst {
        public static void main(String[] args) {
            System.out.println("no signal: " + LoomCli.finishedFirstLine(0).orElse("none"));
            dev.loompatterns.engine.Cancellation.request();
            System.out.println("passed: " + LoomCli.finishedFirstLine(0).orElse("none"));
            System.out.println("failed: " + LoomCli.finishedFirstLine(1).orElse("none"));
            System.out.println("said stopped: " + LoomCli.finishedFirstLine(130).orElse("none"));
        }
    }

    /**
     * A pattern whose class is there but whose title is not: it throws the {@link NoClassDefFoundError}
     * of a class missing from the jar. Registered only in a services file that one test puts on a
     * child JVM's class path, never in the catalogue the tests load.
     */
    public static final class MissingClassPattern implements dev.loompatterns.core.Pattern {
        static final String MISSING = "dev/loompatterns/gone/Gone";

        @Override
        public dev.loompatterns.core.PatternInfo info() {
            return dev.loompatterns.core.PatternInfo.of(98, "missing-class", "missing class", "none", 1)
                    .build();
        }

        @Override
        public String title() {
            throw new NoClassDefFoundError(MISSING);
        }

        @Override
        public dev.loompatterns.core.Check run(
                dev.loompatterns.core.Mode mode,
                dev.loompatterns.core.Variant variant,
                dev.loompatterns.core.Workload workload) {
            throw new UnsupportedOperationException("never run");
        }
    }

    /**
     * An Error that escapes the command (picocli passes Errors on) ends loom as an unexpected error
     * does: two lines, exit 1. The Ctrl-C hook says nothing, as nobody pressed Ctrl-C: before, main
     * died with the Error's stack trace and the hook, run by the JVM's shutdown, printed "loom: Ctrl-C:
     * stopping the run". A child JVM's {@code loom list}, with {@link MissingClassPattern} in its
     * catalogue.
     */
    @Test
    void anErrorThatEscapesTheCommandIsAnUnexpectedErrorNotACtrlC(@TempDir Path dir) throws Exception {
        Path extra = dir.resolve("extra");
        Path services = Files.createDirectories(extra.resolve("META-INF/services"));
        Files.writeString(
                services.resolve(dev.loompatterns.core.Pattern.class.getName()),
                MissingClassPattern.class.getName() + "\n");
        dev.loompatterns.testing.OwnJvm.Result run =
                dev.loompatterns.testing.OwnJvm.run(dir, extra.toString(), List.of(), LoomCli.class, "list");
        assertThat(run.err().lines())
                .as(run.err())
                .containsExactly(
                        "loom: unexpected error: java.lang.NoClassDefFoundError: " + MissingClassPattern.MISSING,
                        "loom: set LOOM_STACKTRACE=1 to see the stack trace");
        assertThat(run.code()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
    }

    /**
     * A pattern named for compare that has none of the variants asked for is said to be left out: it was
     * dropped without a word ('compare lock-counter url-fetch --variants default').
     */
    @Test
    void comparingANamedPatternWithoutTheVariantsAskedForSaysItIsLeftOut() {
        Result result = loom(
                "compare",
                "thread-basics",
                "lock-counter",
                "--variants",
                "default",
                "--modes",
                "virtual",
                "--tasks",
                "4");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("loom: lock-counter has none of the variants default (its variants: synchronized,")
                .contains("it is left out");
        assertThat(result.out()).contains("thread-basics").doesNotContain("lock-counter");
    }

    /** Every command's help lists -V/--version: each prints the version, as loom -V does (before: nothing). */
    @Test
    void everyCommandSaysTheVersionItsHelpOffers() {
        String version = loom("-V").out();
        assertThat(version).startsWith("loom-patterns ").contains("JVM: ");
        for (String command : List.of("list", "run", "compare", "dump", "scale", "fidelity", "inspect")) {
            Result result = loom(command, "--version");
            assertThat(result.code()).as(command).isZero();
            assertThat(result.out()).as(command).isEqualTo(version);
        }
    }

    /**
     * -h and -V together, as picocli lets short options cluster, still help; a word that only begins with one of them
     * is refused (see aUsageErrorSaysWhatWasMeant): picocli read '-hello.jfr' as -h and printed the help, exit 0.
     */
    @Test
    void helpAndVersionStillClusterTogether() {
        for (String both : List.of("-hV", "-Vh")) {
            Result result = loom("inspect", both);
            assertThat(result.code()).as(both).isZero();
            assertThat(result.out())
                    .as(both)
                    .isEqualTo(loom("inspect", "--help").out());
        }
        Result afterEnd = loom("inspect", "--", "-hello-none.jfr");
        assertThat(afterEnd.code()).isEqualTo(2);
        assertThat(afterEnd.err())
                .startsWith("loom: ")
                .contains("-hello-none.jfr")
                .doesNotContain("unknown option");
    }

    /** compare's help names the recordings' files whole: at 80 columns it cut "DIR/ID-MODE-VARIANT." from "jfr". */
    @Test
    void compareHelpNamesTheRecordingsFilesWhole() {
        assertThat(loom("compare", "--help").out()).contains("DIR/ID-MODE-VARIANT.jfr");
    }

    @Test
    void listShowsEveryPatternOfTheCatalogue() {
        Result result = loom("list");
        assertThat(result.code()).isZero();
        Catalogue.load().ids().forEach(id -> assertThat(result.out()).contains(id));
    }

    /** Each pattern's description fits the table's width, its long lines wrapped (url-fetch's reached 227). */
    @Test
    void listWithAnIdFitsTheTableWidth() {
        for (String id : Catalogue.load().ids()) {
            assertThat(loom("list", id).out().lines())
                    .as(id)
                    .allSatisfy(
                            line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(ReportFormat.TABLE_WIDTH));
        }
    }

    @Test
    void listWithAnIdDescribesItsVariantsAndParameters() {
        Result result = loom("list", "lock-counter");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("long-adder").contains("increments (1..10000000, default 10000)");
    }

    /**
     * The CLI's figures are ASCII whatever the user's locale formats numbers in: under an Egyptian Arabic locale,
     * {@code list ID} wrote its default task count, and {@code dump}'s header its tasks, in Arabic-Indic digits (a
     * helper's hunt), where every other figure was ASCII.
     */
    @Test
    void theFiguresAreAsciiWhateverTheLocaleFormatsNumbersIn() throws Exception {
        String listed = DefaultLocale.during(
                DefaultLocale.ARABIC_DIGITS, () -> loom("list", "thread-basics").out());
        assertThat(listed).containsPattern("  tasks: +[0-9]+ by default, ");
    }

    /**
     * {@code list ID} gives the {@code --tasks} that {@code run} takes, in each mode: it gave the default alone, and a
     * user learned daemon-threads' limit of 50 from the refusal. And what a task is, which differs from pattern to
     * pattern (a helper's audit: the unit was in the code's comments only, and {@code tasks_per_s} was pairs, races or
     * ticks a second).
     */
    @Test
    void listWithAnIdGivesTheTasksRunTakes() {
        for (Pattern pattern : Catalogue.load().patterns()) {
            String listed = loom("list", pattern.id())
                    .out()
                    .lines()
                    .filter(line -> line.startsWith("  tasks:"))
                    .findFirst()
                    .orElseThrow();
            for (Mode mode : pattern.modes()) {
                int max = pattern.maxTasks(mode);
                Result refused = loom("run", pattern.id(), "--mode", mode.id(), "--tasks", Integer.toString(max + 1));
                assertThat(refused.code()).isEqualTo(2);
                assertThat(refused.err()).contains("must be from 1 to " + max + ",");
                assertThat(listed).as(pattern.id()).containsPattern("1\\.\\." + max + "\\b");
            }
        }
        assertThat(loom("list", "daemon-threads").out().lines())
                .containsSequence(
                        "  tasks:     5 by default, 1..50",
                        "             a task is a tick of the ticker that main waits for before it returns");
        // what --tasks counts differs: workers in most, pairs of them here (--tasks 4 runs 8 threads a phase)
        assertThat(loom("list", "deadlock").out().lines())
                .contains("             a task is a pair of workers that take two locks");
        assertThat(loom("list", "thread-basics").out().lines())
                .contains("  tasks:     1000 by default, 1..20000 in platform mode, 1..5000000 in virtual and"
                        + " structured modes");
    }

    /**
     * The number 'loom list' shows beside a pattern names it wherever an id does, as the numbers never change: 'loom
     * list 11' and 'loom run 11' were refused as unknown patterns. A number no pattern has is refused with the range.
     */
    @Test
    void theNumberListShowsNamesThePatternAsItsIdDoes() {
        assertThat(loom("list").out().lines())
                .anySatisfy(line -> assertThat(line).startsWith("11  url-fetch "));
        Result list = loom("list", "11");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).isEqualTo(loom("list", "url-fetch").out());
        assertThat(loom("list", "011").out()).isEqualTo(list.out());
        assertThat(loom("list", "0000000000011").out())
                .as("any number of leading zeros")
                .isEqualTo(list.out());
        assertThat(loom("list", " 11").out())
                .as("spaces around, as --tasks ' 5' is 5")
                .isEqualTo(list.out());
        assertThat(loom("list", "url-fetch ").out()).isEqualTo(list.out());
        Result run = loomLine("run 6 --mode virtual --tasks 2 -P increments=10");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("lock-counter").contains("pass: total 20 of 20");
        Result compare = loomLine("compare 1 thread-basics --modes virtual --tasks 2 -P sleep-ms=1 --format csv");
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.csvRows())
                .as("the number and the id: one pattern, run once")
                .hasSize(2);
        assertThat(compare.csvRows().get(1)).startsWith("thread-basics,virtual,");
        // the catalogue's size, not a figure: a pattern added as docs/design.md says needs no edit here
        int last = Catalogue.load().patterns().size();
        String numbers = "; the numbers are 1 to " + last + " (see 'loom list')";
        for (String command : List.of("list", "run", "compare", "dump")) {
            usageLine(command, String.valueOf(last + 1))
                    .isEqualTo("loom: unknown pattern number " + (last + 1) + numbers);
        }
        usageLine("list", "99999999999")
                .as("a number too large for an int is still a number")
                .isEqualTo("loom: unknown pattern number 99999999999" + numbers);
        usageLine("run", "-1")
                .as("a signed number is a number (it was 'unknown pattern' with every id)")
                .isEqualTo("loom: unknown pattern number -1" + numbers);
        usageLine("list", "+3").isEqualTo("loom: unknown pattern number +3" + numbers);
        usageLine("fidelity", "6").startsWith("loom: fidelity has no example paired with 'lock-counter'");
    }

    @Test
    void listWithAnIdNamesItsExampleFile() {
        Result result = loom("list", "timer");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("  example:   examples/E21_Timer.java");
    }

    /** Run from the project folder, as the build runs tests: every example named is there. */
    @Test
    void everyPatternsExampleFileExists() {
        for (Pattern pattern : Catalogue.load().patterns()) {
            assertThat(Path.of(ListCommand.exampleFile(pattern)))
                    .as("the example of " + pattern.id() + ", which loom list names")
                    .isRegularFile();
        }
    }

    @Test
    void anEnumOptionsChoicesAreGivenAsTheHelpGivesThem() {
        Result result = loom("compare", "timer", "--format", "xml");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("loom: option '--format' is one of table, csv, json, markdown, not 'xml'"
                        + " (see 'loom compare --help')" + System.lineSeparator());
    }

    @Test
    void runPrintsTheRowWithItsPassingCheck() {
        Result result = loom("run", "lock-counter", "--mode", "virtual", "--tasks", "4", "-P", "increments=100");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("lock-counter").contains("virtual").contains("pass: total 400 of 400");
        assertThat(result.out()).as("one row is no comparison").doesNotContain("loom compare");
    }

    /**
     * run's rows are single cold runs one after another, so under several of them it gives the compare that measures
     * the same cells warmed up; that command runs, and its rows are run's.
     */
    @Test
    void severalRowsPointToTheCompareOfTheSameCells() {
        Result run = loom("run", "lock-counter", "--tasks", "4", "-P", "increments=100");
        assertThat(run.code()).as(run.err()).isZero();
        String last = run.out().lines().toList().getLast();
        assertThat(last)
                .isEqualTo("  loom compare lock-counter --variants synchronized --tasks 4 -P increments=100"
                        + " --warmup 3 --repeat 5");

        Result compare = loom(last.strip().substring("loom ".length()).split(" "));
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(cells(compare.out())).isEqualTo(cells(run.out())).hasSize(3);
    }

    /** Each table row's pattern, mode and variant. */
    private static List<String> cells(String table) {
        return table.lines()
                .filter(line -> line.startsWith("lock-counter "))
                .map(line -> String.join(" ", List.of(line.split(" +")).subList(0, 3)))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "run nope",
                "run lock-counter --tasks -1",
                "run lock-counter --tasks abc",
                "run lock-counter --tasks 99999999999",
                "run lock-counter --mode sideways",
                "run lock-counter --variant spinlock",
                "run lock-counter -P nope=1",
                "run lock-counter -P increments=0",
                "run lock-counter --profile missing-profile --jfr x.jfr",
                "run lock-counter --profile pinning",
                "compare lock-counter --profile pinning",
                "compre",
                "compare --repeat 0",
                "compare --warmup -1",
                "compare --warmup 1001",
                "compare --warmup many",
                "compare --format yaml",
                "compare nope",
                "compare -P nope=1",
                "compare --modes virtual,bogus",
                "compare lock-counter --variants long-adder,spinlock",
                "compare thread-basics --variants",
                "compare thread-basics --jfr-dir README.md",
                "compare thread-basics --jfr-dir README.md/inside",
                "compare thread-basics --jfr-dir=",
                "compare thread-basics --jfr-dir /no/such/folder/recordings",
                "run",
                "run thread-basics --tasks 0",
                "run thread-basics -P sleep-ms",
                "run thread-basics -P sleep-ms=-5",
                "run thread-basics -P sleep-ms=1 -P sleep-ms=2",
                "run url-fetch --variant faults -P faults=",
                "run url-fetch -P urls=",
                "run thread-basics --jfr /proc/x.jfr",
                "fidelity lock-counter",
                "fidelity url-fetch --pairs 0",
                "fidelity url-fetch --warmup -1",
                "fidelity url-fetch --examples /no/such/folder",
                "fidelity url-fetch --examples src",
                "frobnicate"
            })
    void badInputIsOneLineAndExitTwo(String args) {
        Result result = loom(args.split(" "));
        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.errLines()).as(result.err()).hasSize(1);
        assertThat(result.err())
                .startsWith("loom: ")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    /**
     * compare --jfr-dir wrote a cell's recording over whatever bore its name: a file of the user's is now
     * refused before the first run, and left as it was. The user's file is the second cell's, so a check made
     * only before each cell's own run would have run and recorded the first.
     */
    @Test
    void jfrDirDoesNotWriteOverAFileOfTheUsers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path notes =
                java.nio.file.Files.writeString(dir.resolve("thread-basics-virtual-default.jfr"), "my notes");
        Result result = loom(
                "compare", "thread-basics", "--modes", "platform,virtual", "--tasks", "2", "--jfr-dir", dir.toString());
        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("a file of another kind is there");
        assertThat(java.nio.file.Files.readString(notes)).isEqualTo("my notes");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            assertThat(files)
                    .as("no cell ran: the first cell's recording is not there")
                    .containsExactly(notes);
        }
    }

    /**
     * Two runs recorded to the default name, started in the same second (a run per mode, started together), record
     * to two files: the name was the time to the second alone, and the later run's recording replaced the other's,
     * both runs saying "Recording:" of the one file. The JVM's pid now follows the time.
     */
    @Test
    void theDefaultRecordingNamesThisJvm() {
        assertThat(RunCommand.defaultFile(Catalogue.load().find("lock-counter")))
                .matches("loom-lock-counter-\\d{8}-\\d{6}-"
                        + ProcessHandle.current().pid() + "\\.jfr");
    }

    /**
     * A bare --jfr never records over a file it did not make: two runs with the default name, in two containers (both
     * pid 1) started in the same second, wrote one name, and the later replaced the other's recording. The name steps
     * over a file there (-2, -3, ...); one made while the run goes on is kept, and the run says so in one line
     * ({@code Recorder.startNew}, RecorderTest). The stamp is given, as two such containers would have it.
     */
    @Test
    void theDefaultRecordingStepsOverAFileItDidNotMake(@TempDir Path dir) throws IOException {
        Pattern pattern = Catalogue.load().find("lock-counter");
        String stamp = "20261202-051014-1";
        Path first = dir.resolve("loom-lock-counter-" + stamp + ".jfr");
        assertThat(RunCommand.defaultTarget(dir, pattern, stamp)).isEqualTo(first);
        Files.writeString(first, "FLR\0 the other container's recording", StandardCharsets.ISO_8859_1);
        Path second = dir.resolve("loom-lock-counter-" + stamp + "-2.jfr");
        assertThat(RunCommand.defaultTarget(dir, pattern, stamp)).isEqualTo(second);
        Files.createSymbolicLink(second, dir.resolve("nothing-there"));
        assertThat(RunCommand.defaultTarget(dir, pattern, stamp))
                .as("a dangling link takes its name too")
                .isEqualTo(dir.resolve("loom-lock-counter-" + stamp + "-3.jfr"));
        assertThat(Files.readString(first, StandardCharsets.ISO_8859_1)).endsWith("the other container's recording");
    }

    /** --jfr's optional value takes a following id: picocli said "Missing required parameter: 'ID'" of an id typed. */
    @Test
    void anIdReadAsJfrsFileIsSaidSo() {
        Result result = loom("run", "--jfr", "lock-counter");
        assertThat(result.code()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.err())
                .isEqualTo("loom: no pattern id: 'lock-counter' was read as --jfr's file; put --jfr after the id ('loom"
                        + " run lock-counter --jfr') or give the file with '=' (--jfr=FILE) (see 'loom run --help')"
                        + System.lineSeparator());
        assertThat(loom("run", "--jfr", "lock-countr").err())
                .as("a mistyped id: the nearest")
                .contains("'lock-countr' was read as --jfr's file; put --jfr after the id ('loom run lock-counter"
                        + " --jfr')");
        assertThat(loom("run", "--jfr", "x.jfr").err())
                .as("a file after --jfr, and no id")
                .contains("'x.jfr' was read as --jfr's file; put --jfr after the id or give the file with '='");
        assertThat(loom("run", "--jfr").err()).contains("loom: run needs ID");
        assertThat(loom("run", "--jfr=x.jfr").err())
                .as("the file given with '=': only the id is missing")
                .contains("loom: run needs ID")
                .doesNotContain("was read as");
    }

    /** The line above is made of the argument's description: every command's required argument has one. */
    @Test
    void everyRequiredArgumentIsDescribed() {
        CommandLine cli = new CommandLine(new LoomCli());
        List<String> required = new ArrayList<>();
        cli.getSubcommands()
                .forEach((name, command) -> command.getCommandSpec().positionalParameters().stream()
                        .filter(CommandLine.Model.ArgSpec::required)
                        .forEach(arg -> {
                            required.add(name + " " + arg.paramLabel());
                            assertThat(String.join(" ", arg.description()))
                                    .as(name + " " + arg.paramLabel())
                                    .isNotBlank();
                        }));
        assertThat(required).contains("run ID", "dump ID|FILE", "fidelity ID", "inspect FILE");
    }

    /**
     * 'loom --help run' is 'loom help run', as git's '--help log' is 'help log': it printed the main help, its --help
     * standing before the command; '--help nosuch' is refused as 'help nosuch' is.
     */
    @Test
    void helpBeforeACommandHelpsWithThatCommand() {
        Result helpFirst = loom("--help", "run");
        Result shortFirst = loom("-h", "inspect");
        Result nosuch = loom("--help", "nosuch");

        assertThat(helpFirst.code()).isZero();
        assertThat(helpFirst.out())
                .startsWith("Usage: loom run ")
                .isEqualTo(loom("run", "--help").out());
        assertThat(shortFirst.out())
                .startsWith("Usage: loom inspect ")
                .isEqualTo(loom("help", "inspect").out());
        assertThat(nosuch.code()).isEqualTo(2);
        assertThat(nosuch.err()).isEqualTo(loom("help", "nosuch").err()).startsWith("loom: no command 'nosuch'");
        assertThat(loom("--help").out()).startsWith("Usage: loom [-hV] [COMMAND]");
    }

    /**
     * 'loom --help' lists each command in a line or two, its description's first sentence: dump's took five, the
     * whole of what it does.
     */
    @Test
    void theListOfCommandsGivesEachInALineOrTwo() {
        Result help = loom("--help");
        List<String> lines = help.out().lines().toList();
        List<String> listed = lines.subList(lines.indexOf("Commands:") + 1, lines.size()).stream()
                .takeWhile(line -> !line.isBlank())
                .toList();
        Map<String, Integer> linesOf = new java.util.LinkedHashMap<>();
        String command = null;
        for (String line : listed) {
            if (!line.startsWith("    ")) {
                command = line.strip().split(" ")[0];
            }
            linesOf.merge(command, 1, Integer::sum);
        }
        assertThat(linesOf.keySet())
                .containsAll(new CommandLine(new LoomCli()).getSubcommands().keySet());
        assertThat(linesOf)
                .allSatisfy((name, count) -> assertThat(count).as(name).isLessThanOrEqualTo(2));
    }

    /**
     * docs/cli.md's synopsis of each command (its line in the block under "Commands", and the lines indented under it)
     * names every option the command takes: an option added to a command and not to the page fails here.
     */
    @Test
    void everyOptionIsInTheSynopsisOfDocsCliMd() throws IOException {
        String page = Files.readString(Path.of("docs", "cli.md"));
        int commands = page.indexOf("## Commands");
        int start = page.indexOf("```", commands);
        String block = page.substring(start + 3, page.indexOf("```", start + 3));
        Map<String, StringBuilder> synopsis = new java.util.HashMap<>();
        StringBuilder current = null;
        for (String line : block.lines().toList()) {
            java.util.regex.Matcher command =
                    java.util.regex.Pattern.compile("^\\./loom (\\w+)").matcher(line);
            if (command.find()) {
                current = synopsis.computeIfAbsent(command.group(1), name -> new StringBuilder());
                current.append(line);
            } else if (current != null && line.startsWith(" ")) {
                current.append(line);
            } else {
                current = null;
            }
        }
        CommandLine cli = new CommandLine(new LoomCli());
        List<String> checked = new ArrayList<>();
        cli.getSubcommands().forEach((name, command) -> {
            List<CommandLine.Model.OptionSpec> options = command.getCommandSpec().options().stream()
                    .filter(option -> !option.usageHelp() && !option.versionHelp())
                    .toList();
            if (options.isEmpty()) {
                return;
            }
            assertThat(synopsis).as("docs/cli.md has a synopsis of " + name).containsKey(name);
            // by any of its names: the page gives -P, the short one
            options.forEach(option -> assertThat(synopsis.get(name).toString())
                    .as(name + " " + option.longestName())
                    .containsAnyOf(option.names()));
            checked.add(name);
        });
        assertThat(checked).contains("run", "compare", "dump", "scale", "fidelity", "inspect");
    }

    /**
     * A command run without the argument it needs says which and what it is, in the words of its help: picocli said
     * "Missing required parameter: 'ID'", a label and a capital letter, unlike every other refusal.
     */
    @Test
    void aMissingArgumentIsNamedWithWhatItIs() {
        Map<String, String> expected = Map.of(
                "run",
                "loom: run needs ID, the pattern's id or number (see 'loom run --help')",
                "dump",
                "loom: dump needs ID|FILE, the pattern's id or number, or a JSON thread dump's file to print (see"
                        + " 'loom dump --help')",
                "fidelity",
                "loom: fidelity needs ID, thread-basics or url-fetch (or their numbers, 1 and 11) (see"
                        + " 'loom fidelity --help')",
                "inspect",
                "loom: inspect needs FILE, a .jfr recording, or the JFR repository folder"
                        + " (yyyy_MM_dd_HH_mm_ss_PID) a killed JVM left (see 'loom inspect --help')");
        assertThat(loom("run", "1", "--mode").err())
                .as("an option without its value")
                .isEqualTo("loom: option '--mode' needs a value (M) (see 'loom run --help')" + System.lineSeparator());
        // picocli names an option by its longest name; the line names it as typed
        assertThat(loom("run", "1", "-P").err())
                .as("a short option without its value")
                .isEqualTo("loom: option '-P' needs a value (NAME=VALUE) (see 'loom run --help')"
                        + System.lineSeparator());
        assertThat(loom("run", "1", "-P", "sleep-ms=5", "--param").err())
                .as("the last of its names typed")
                .isEqualTo("loom: option '--param' needs a value (NAME=VALUE) (see 'loom run --help')"
                        + System.lineSeparator());
        expected.forEach((command, line) -> {
            Result result = loom(command);
            assertThat(result.code()).as(command).isEqualTo(LoomCli.EXIT_USAGE);
            assertThat(result.err()).as(command).isEqualTo(line + System.lineSeparator());
            assertThat(result.out()).as(command).isEmpty();
        });
    }

    @Test
    void unknownPatternSuggestsTheNearestId() {
        assertThat(loom("run", "lock-countr").err()).contains("did you mean 'lock-counter'");
        // picocli's first suggestion was taken: 'lsit' gave 'fidelity'
        assertThat(loom("lsit").err()).contains("did you mean 'list'");
        // an option with two letters swapped: picocli suggested nothing
        assertThat(loom("run", "thread-basics", "--mdoe", "virtual").err()).contains("did you mean '--mode'");
        // the launcher's own commands are commands too: listed, and suggested
        assertThat(loom("exmaple").err()).contains("did you mean 'example'?");
        assertThat(loom("frobnicate").err())
                .contains("the commands are list, run, compare, dump, scale, fidelity, inspect, example, bench, help");
    }

    /**
     * An option after '--' is an argument: said so, where it was told "run takes no --jfr (...)" or "did you mean
     * '--jfr'?" of options the command takes (a hunt).
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "run thread-basics --mode virtual -- --jfr|--jfr|run",
                "run -- thread-basics --mode virtual|--mode|run",
                "run thread-basics --mode virtual -- --wide|--wide|run",
                "fidelity -- thread-basics --pairs 3|--pairs|fidelity"
            })
    void anOptionAfterTheEndOfOptionsIsSaidToBeAnArgument(String line, String word, String command) {
        Result result = loomLine(line);
        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.err())
                .isEqualTo(
                        "loom: unexpected argument '" + word + "' after '--', which ends the options: give " + command
                                + "'s options before it (see 'loom " + command + " --help')" + System.lineSeparator());
    }

    @Test
    void compareColumnsComeInTheContractsOrder() {
        Result result = loomLine("compare lock-counter --modes virtual --tasks 2 -P increments=10 --format csv");
        assertThat(result.code()).isZero();
        List<String> lines = result.csvRows();
        assertThat(lines.getFirst())
                .isEqualTo(
                        "pattern,mode,variant,tasks,wall_ms,tasks_per_s,peak_platform_threads,virtual_threads,pinned,check,detail,pinned_first_use,pinned_recorder");
        assertThat(lines)
                .hasSize(1
                        + new dev.loompatterns.lockcounter.LockCounterPattern()
                                .variants()
                                .size());
        assertThat(lines.get(1)).startsWith("lock-counter,virtual,synchronized,2,");
    }

    @Test
    void compareVariantsRunsOnlyTheVariantsNamed() {
        Result result = loomLine(
                // in any case, as run's --variant takes one (Long-Adder was refused here, and taken by run)
                "compare lock-counter --modes virtual --variants Long-Adder,atomic-long --tasks 2 -P increments=10"
                        + " --format csv");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.csvRows().stream()
                        .skip(1)
                        .map(line -> line.split(",")[2])
                        .toList())
                .containsExactly("atomic-long", "long-adder");
    }

    @Test
    void compareVariantsOfSeveralPatternsSkipsThoseWithoutIt() {
        Result result = loomLine(
                "compare thread-basics lock-counter --modes virtual --variants long-adder --tasks 2 -P sleep-ms=1 -P"
                        + " increments=10 --format csv");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.csvRows().stream().skip(1).toList())
                .singleElement()
                .asString()
                .startsWith("lock-counter,virtual,long-adder,");
    }

    @Test
    void compareTableEndsWithANoteOnNoiseAndJsonHasNone() {
        Result table = loom("compare", "thread-basics", "--tasks", "3", "-P", "sleep-ms=1", "--repeat", "3");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("median of 3 runs;").contains("--warmup W");

        Result warm = loomLine("compare thread-basics --modes virtual --tasks 3 -P sleep-ms=1 --warmup 2 --repeat 3");
        assertThat(warm.code()).as(warm.err()).isZero();
        assertThat(warm.out())
                .contains("median of 3 runs after 2 warm-up runs per cell;")
                .doesNotContain("--warmup W");

        Result json = loom("compare", "thread-basics", "--tasks", "3", "-P", "sleep-ms=1", "--format", "json");
        assertThat(json.out().strip())
                .startsWith("[")
                .endsWith("]")
                .contains("\"check\": \"pass\"")
                .contains("\"jit_ms\": ");
        assertThat(json.out().lines().filter(l -> l.contains("\"pattern\"")).count())
                .isEqualTo(3);
    }

    @Test
    void compareJsonListsEachMeasuredRunInOrder() {
        Result json = loomLine(
                "compare thread-basics --modes virtual --tasks 3 -P sleep-ms=1 --warmup 1 --repeat 3 --format json");
        assertThat(json.code()).as(json.err()).isZero();
        java.util.regex.Matcher runs = java.util.regex.Pattern.compile(
                        "\"runs_wall_ms\": \\[([^\\]]*)\\], \"runs_jit_ms\": \\[([^\\]]*)\\]")
                .matcher(json.out());
        assertThat(runs.find()).as(json.out()).isTrue();
        List<Double> walls =
                Stream.of(runs.group(1).split(", ")).map(Double::parseDouble).toList();
        assertThat(walls).hasSize(3).allSatisfy(ms -> assertThat(ms).isPositive());
        assertThat(runs.group(2).split(", ")).hasSize(3);
        double median = Double.parseDouble(json.out().replaceAll("(?s).*\"wall_ms\": ([0-9.]+),.*", "$1"));
        assertThat(median).isEqualTo(walls.stream().sorted().toList().get(1));
    }

    @Test
    void compareParametersApplyToThePatternsThatTakeThem() {
        Result result =
                loomLine("compare thread-basics lock-counter --modes structured --tasks 2 -P sleep-ms=1 -P increments=5"
                        + " --format csv");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("total 10 of 10");
    }

    /**
     * A recording named with an escape sequence is named with the escape written out, and in the commands to paste in
     * a form the shell reads back: the summary printed it raw, which recoloured the terminal.
     */
    @Test
    void aRecordingsNameWithAnEscapeIsWrittenOutInTheSummary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r\u001b[31m.jfr");
        Result result = loomLine("run lock-counter --mode virtual --tasks 2 -P increments=10 --jfr " + file);

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Files.exists(file)).isTrue();
        assertThat(result.out())
                .doesNotContain("\u001b")
                .contains("Recording: " + dir + "/r\\u001b[31m.jfr")
                .contains(" inspect $'" + dir + "/r\\033[31m.jfr'");
    }

    @Test
    void runWithJfrWritesARecordingWithOurEventAndVirtualThreadStarts(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.jfr");
        Result result = loom(
                "run",
                "lock-counter",
                "--mode",
                "virtual",
                "--tasks",
                "5",
                "-P",
                "increments=10",
                "--jfr",
                file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Recording: " + file).contains("JDK Mission Control");
        List<RecordedEvent> runs = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(PatternRunEvent.NAME))
                .toList();
        assertThat(runs).hasSize(1);
        RecordedEvent run = runs.getFirst();
        assertThat(run.getString("pattern")).isEqualTo("lock-counter");
        assertThat(run.getString("mode")).isEqualTo("virtual");
        assertThat(run.getString("variant")).isEqualTo("synchronized");
        assertThat(run.getInt("tasks")).isEqualTo(5);
        assertThat(run.getBoolean("checkPassed")).isTrue();
        long started = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadStart"))
                .count();
        // the run's 5, and any other virtual thread this test JVM started meanwhile: the summary counts the file's
        assertThat(started).isGreaterThanOrEqualTo(5);
        assertThat(result.out()).containsPattern("virtual threads started: +" + started + "\\b");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(file); // no temporary file left beside it
        }
    }

    @Test
    void recordingToADirectoryOrAMissingFolderIsRefusedBeforeAnyRun(@TempDir Path dir) throws IOException {
        Result toDirectory = loom("run", "thread-basics", "--jfr", dir.toString());
        assertThat(toDirectory.code()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(toDirectory.err()).contains("is a directory");
        assertThat(toDirectory.out()).isEmpty();

        Result missingFolder = loom(
                "run", "thread-basics", "--jfr", dir.resolve("no/such/x.jfr").toString());
        assertThat(missingFolder.code()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(missingFolder.err()).contains("does not exist");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * A later cell's bad parameter is a usage error before anything runs: no row, no --jfr-dir. The
     * folder was made and lock-counter's recording left in it, then url-fetch's cell said latency-ms
     * must be below timeout-ms.
     */
    @Test
    void aLaterCellsBadParameterLeavesNoRecordingsFolder(@TempDir Path dir) {
        Path recordings = dir.resolve("recs");
        Result result = loomLine("compare lock-counter url-fetch --modes virtual --tasks 2 -P increments=10"
                + " -P latency-ms=60000 --jfr-dir " + recordings);

        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("loom: latency-ms (60000) must be below timeout-ms");
        assertThat(result.out()).isEmpty();
        assertThat(recordings).doesNotExist();
    }

    /**
     * The open-files check of a url-fetch run that would need more sockets than ulimit -n allows is
     * made before the first cell runs too: lock-counter's 100,000 virtual threads ran first.
     */
    @Test
    void aRunThatCannotHaveItsSocketsIsRefusedBeforeTheFirstCellRuns(@TempDir Path dir) {
        assumeTrue(
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                instanceof com.sun.management.UnixOperatingSystemMXBean unix
                        && unix.getMaxFileDescriptorCount() < 2L * 100_000,
                "ulimit -n below the 200,000 sockets of 100,000 requests at once (else they would run)");
        Path recordings = dir.resolve("recs");
        Result result = loomLine("compare lock-counter url-fetch --modes virtual --tasks 100000 -P increments=1"
                + " --jfr-dir " + recordings);

        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.errLines()).singleElement().asString().contains("(ulimit -n)");
        assertThat(recordings).doesNotExist();
    }

    /**
     * A compare stopped before its first recording (here, interrupted from the start, as Ctrl-C would) leaves no
     * --jfr-dir it made: a review found the empty folder left behind.
     */
    @Test
    void aCompareStoppedBeforeItRecordedLeavesNoFolderItMade(@TempDir Path dir) throws Exception {
        Path recordings = dir.resolve("recs");
        try (Background<Result> run = Background.start(() -> {
            Thread.currentThread().interrupt();
            return loom("compare", "thread-basics", "--tasks", "2", "--jfr-dir", recordings.toString());
        })) {
            assertThat(run.join().code()).isEqualTo(LoomCli.EXIT_INTERRUPTED);
        }
        assertThat(recordings).doesNotExist();
    }

    /**
     * A compare in JSON stopped before any row finished prints an empty array, still JSON for the program reading it:
     * it printed nothing (a hunt).
     */
    @Test
    void aCompareInJsonStoppedBeforeARowPrintsAnEmptyArray() throws Exception {
        try (Background<Result> run = Background.start(() -> {
            Thread.currentThread().interrupt();
            return loom("compare", "thread-basics", "--tasks", "2", "--format", "json");
        })) {
            Result result = run.join();
            assertThat(result.code()).isEqualTo(LoomCli.EXIT_INTERRUPTED);
            com.fasterxml.jackson.databind.JsonNode array =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out());
            assertThat(array.isArray()).as(result.out()).isTrue();
            assertThat(array.size()).isZero();
        }
        try (Background<Result> run = Background.start(() -> {
            Thread.currentThread().interrupt();
            return loom("compare", "thread-basics", "--tasks", "2");
        })) {
            assertThat(run.join().out()).as("a table: nothing, as before").isEmpty();
        }
    }

    @Test
    void compareWithJfrDirWritesOneRecordingPerCell(@TempDir Path dir) throws IOException {
        Path recordings = dir.resolve("recs");
        Result result = loom(
                "compare",
                "thread-basics",
                "--tasks",
                "2",
                "-P",
                "sleep-ms=1",
                "--jfr-dir",
                recordings.toString(),
                "--profile",
                "pinning");
        assertThat(result.code()).as(result.err()).isZero();
        try (Stream<Path> files = Files.list(recordings)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "thread-basics-platform-default.jfr",
                            "thread-basics-virtual-default.jfr",
                            "thread-basics-structured-default.jfr");
        }
    }

    /**
     * Several recordings, the first without pins: the pins' command and loom inspect name the first file with pins (they
     * named the first file, whose pins were none: "jfr print" printed nothing, inspect said nothing pinned).
     */
    @Test
    void severalRecordingsNameTheFirstWithPins(@TempDir Path dir) throws Exception {
        Path recordings = dir.resolve("cmp");
        List<String> args = new ArrayList<>(List.of(
                "compare thread-basics pinning --modes virtual --variants default,class-init --tasks 2".split(" ")));
        args.addAll(List.of("--jfr-dir", recordings.toString()));
        Result result = loom(args.toArray(String[]::new));

        assertThat(result.code()).as(result.err()).isZero();
        Path pinned = recordings.resolve("pinning-virtual-class-init.jfr");
        Path first = recordings.resolve("thread-basics-virtual-default.jfr");
        assertThat(RecordingSummary.read(pinned).pins()).isPositive();
        // the first cell's file mostly holds none; a cold JVM's first use of a class may pin in it, and then it is
        // named
        Path named = RecordingSummary.read(first).pins() > 0 ? first : pinned;
        assertThat(result.out())
                .contains("--stack-depth 64 " + named)
                .contains("  loom inspect " + named + System.lineSeparator());
    }

    /**
     * A variant that runs in a child JVM shows the child's pins and virtual threads in its row, and
     * with --jfr the child records too: its file beside the parent's, named in the summary. Where the parent's name
     * does not end in .jfr, which this JDK's jfr refuses, the pins' command still names the child's, which it reads
     * (it was left out with the parent's: a docs hunt).
     */
    @ParameterizedTest
    @CsvSource({"p.jfr, p-child-1.jfr", "p.rec, p.rec-child-1.jfr"})
    void aChildJvmsPinsReachTheRowAndItsRecordingIsKeptBesideTheParents(
            String name, String childName, @TempDir Path dir) throws IOException {
        assumeTrue(
                Runtime.version().feature() == 25,
                "-XX:LockingMode=1 shows JDK 21 monitors on JDK 24 and 25 (obsolete in 26, JDK-8359437)");
        Path file = dir.resolve(name);
        Result result = loom(
                "run",
                "pinning",
                "--variant",
                "synchronized-jdk21",
                "--mode",
                "virtual",
                "--tasks",
                "2",
                "-P",
                "sleep-ms=5",
                "--jfr",
                file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        List<String> row = List.of(result.out().lines().toList().get(1).trim().split(" +"));
        assertThat(row.subList(0, 3)).containsExactly("pinning", "virtual", "synchronized-jdk21");
        assertThat(Long.parseLong(row.get(7)))
                .as("virtual_threads: the child's")
                .isGreaterThanOrEqualTo(2);
        assertThat(Long.parseLong(row.get(8)))
                .as("pinned: the child's monitor pins")
                .isGreaterThanOrEqualTo(2);
        Path child = dir.resolve(childName);
        assertThat(result.out()).contains("Child JVMs recorded too").contains(childName);
        // the pins are in the child's file alone: the command to print them names it, not the parent's (0 pins)
        assertThat(result.out())
                .contains("--stack-depth 64 " + child)
                .doesNotContainPattern(java.util.regex.Pattern.quote("--stack-depth 64 " + file) + "\\s")
                .contains("  loom inspect " + child + System.lineSeparator());
        assertThat(RecordingFile.readAllEvents(child).stream()
                        .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")))
                .isNotEmpty();
        // the recording's name (JMC's Recording page, jdk.ActiveRecording) is the file's, not the hidden one's the
        // child wrote to (.p-child-1.jfr.pending)
        assertThat(RecordingFile.readAllEvents(child).stream()
                        .filter(e -> e.getEventType().getName().equals("jdk.ActiveRecording"))
                        .map(e -> e.getString("name"))
                        .filter(recording -> recording.startsWith("loom-patterns ")) // not the counting streams' own
                        .distinct())
                .containsExactly("loom-patterns " + childName);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactlyInAnyOrder(file, child); // no temporary file left beside them
        }
    }

    /** The hint after a recorded run names the jfr of the JDK that ran, with stacks deep enough to reach the code. */
    @Test
    void theHintAfterARecordedRunNamesThisJdksJfr(@TempDir Path dir) {
        Path file = dir.resolve("x.jfr");
        Result result = recordedRun(file);
        String jfr = Path.of(System.getProperty("java.home"), "bin", "jfr").toString();
        assertThat(result.out()).contains(jfr + " print --events loompatterns.PatternRun " + file);
        // thread-basics pins nothing: no command to print pins, and loom's own rules named
        assertThat(result.out())
                .doesNotContain("jdk.VirtualThreadPinned --stack-depth")
                .contains(System.lineSeparator() + "  loom inspect " + file + System.lineSeparator());
    }

    /**
     * The hint after a recorded run names the category each virtual-thread event is under in JMC's Event Browser, as
     * the recording's own metadata gives it: it put them all under 'Java Application', where the JDK files
     * {@code jdk.VirtualThreadSubmitFailed} under 'Java Development Kit' > 'Threading'.
     *
     * <p>A recording lists every event type registered in its JVM, and an event class of a program's that takes a JDK
     * event's name is listed beside the JDK's type, under its own id, in every recording made there after its first
     * use: {@link Jdk21Pins.Jdk21Pinned}, named {@code jdk.VirtualThreadPinned} with no {@code @Category}, is listed
     * under 'Uncategorized' once a test class of this JVM has used it (PinCausesRecordedTest, PinningAssertionTest,
     * RulesOnRecordingsTest, JmcRulesTest). That failed this test once (a fresh clone's CI at 6f995c1), as it
     * then kept one listing a name, the last, and asked that the pins' equal the starts' in a message that named no
     * type, read at the time as {@code jdk.VirtualThreadStart}'s: run after PinCausesRecordedTest in one JVM, the old
     * test failed so, on the pins' line. Used here first, so that every run lists it; loom's own JVM names no event of
     * its own as the JDK's, so the hint's categories are the JDK's.
     */
    @Test
    void theHintAfterARecordedRunNamesTheVirtualThreadEventsCategories(@TempDir Path dir) throws IOException {
        Jdk21Pins.Jdk21Pinned.commitOne(); // registered in this JVM, whatever ran before; no recording runs yet
        Path file = dir.resolve("x.jfr");
        Result result = recordedRun(file);
        Map<String, java.util.Set<String>> listed = new java.util.HashMap<>(); // every listing of each type
        try (RecordingFile recording = new RecordingFile(file)) {
            recording
                    .readEventTypes()
                    .forEach(type -> listed.computeIfAbsent(type.getName(), name -> new java.util.TreeSet<>())
                            .add(String.join(
                                    " > ",
                                    type.getCategoryNames().stream()
                                            .map(name -> "'" + name + "'")
                                            .toList())));
        }
        Map<String, String> categories = new java.util.HashMap<>();
        for (String type : List.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd", "jdk.VirtualThreadSubmitFailed")) {
            assertThat(listed.get(type)).as(type).hasSize(1);
            categories.put(type, listed.get(type).iterator().next());
        }
        String pinned = "jdk.VirtualThreadPinned";
        assertThat(listed.get(pinned))
                .as("the JDK's and this test's own")
                .hasSize(2)
                .contains("'Uncategorized'");
        categories.put(
                pinned,
                listed.get(pinned).stream()
                        .filter(category -> !category.equals("'Uncategorized'"))
                        .findFirst()
                        .orElseThrow());
        assertThat(categories.get("jdk.VirtualThreadEnd"))
                .isEqualTo(categories.get("jdk.VirtualThreadStart"))
                .isEqualTo(categories.get(pinned));
        assertThat(result.out().replace(System.lineSeparator() + "  ", " "))
                .contains(categories.get("jdk.VirtualThreadStart") + " the virtual threads' starts, ends and pins, "
                        + categories.get("jdk.VirtualThreadSubmitFailed") + " their submit failures.");
    }

    /**
     * A recording named without {@code .jfr} gets no jfr command, which JDK 25's jfr would refuse ("filename must end
     * with '.jfr'", a review pasted it), but a line that says so; loom's own inspect reads it as it is.
     */
    @Test
    void theHintForANameWithoutJfrGivesNoJfrCommandButSaysWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.out");
        Result result = recordedRun(file);
        assertThat(result.out())
                .doesNotContain(" print --events")
                .contains("This JDK's jfr reads only a file whose name ends in .jfr:")
                .contains(System.lineSeparator() + "  loom inspect " + file + System.lineSeparator());
        // what the hint says: jfr refuses the name, and reads a copy named so
        String jfr = Path.of(System.getProperty("java.home"), "bin", "jfr").toString();
        Path copy = Files.copy(file, dir.resolve("rec.jfr"));
        Process refused = new ProcessBuilder(jfr, "summary", file.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(refused.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(refused.waitFor()).as(said).isNotZero();
        Process read = new ProcessBuilder(jfr, "summary", copy.toString())
                .redirectErrorStream(true)
                .start();
        read.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(read.waitFor()).isZero();
    }

    /** A recording's path with a space is quoted in the hint, so that the line pastes into a shell as it is. */
    @Test
    void theHintQuotesARecordingPathWithASpace(@TempDir Path dir) throws IOException {
        Path file = Files.createDirectory(dir.resolve("my runs")).resolve("x.jfr");
        Result result = recordedRun(file);
        assertThat(result.out())
                .contains("loompatterns.PatternRun '" + file + "'")
                .contains("loom inspect '" + file + "'");
    }

    /** A short recorded run of thread-basics, virtual, into {@code file}, with {@code more} arguments. */
    private static Result recordedRun(Path file, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "run",
                "thread-basics",
                "--mode",
                "virtual",
                "--tasks",
                "2",
                "-P",
                "sleep-ms=1",
                "--jfr",
                file.toString()));
        args.addAll(List.of(more));
        return loom(args.toArray(String[]::new));
    }

    /** A profile that leaves per-thread events off gets none from loom's counting: the column says it did not count. */
    @Test
    void aProfileWithoutVirtualThreadStartsKeepsThemOutOfTheRecording(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.jfr");
        Result result = loom(
                "run",
                "thread-basics",
                "--mode",
                "virtual",
                "--tasks",
                "20",
                "-P",
                "sleep-ms=1",
                "--jfr",
                file.toString(),
                "--profile",
                "pinning");
        assertThat(result.code()).as(result.err()).isZero();
        List<String> row = List.of(result.out().lines().toList().get(1).trim().split(" +"));
        assertThat(row.get(7)).as("virtual_threads").isEqualTo("-");
        assertThat(result.out()).contains("virtual_threads '-' (empty in csv): not counted");
        assertThat(RecordingFile.readAllEvents(file).stream()
                        .map(e -> e.getEventType().getName()))
                .doesNotContain("jdk.VirtualThreadStart");
    }

    /** A user's .jfc in {@code dir} that sets a misspelt event (and one of ours, rightly spelt). */
    private static Path misspeltProfile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("mine.jfc"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0">
              <event name="jdk.VirtualThreadPined"><setting name="threshold">0 ms</setting></event>
              <event name="loompatterns.PatternRun"><setting name="enabled">true</setting></event>
            </configuration>
            """);
    }

    /** A misspelt event in the user's .jfc is one warning line on stderr; the run records and exits as it would. */
    @Test
    void aProfileThatSetsAnUnknownEventIsWarnedAboutOnce(@TempDir Path dir) throws IOException {
        Path profile = misspeltProfile(dir);
        Path file = dir.resolve("p.jfr");
        Result result = recordedRun(file, "--profile", profile.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.errLines())
                .filteredOn(line -> line.startsWith("loom: "))
                .containsExactly("loom: warning: JFR profile '" + profile + "' sets jdk.VirtualThreadPined#threshold,"
                        + " but no event is called jdk.VirtualThreadPined on this JVM (did you mean"
                        + " jdk.VirtualThreadPinned?), so it does nothing");
        assertThat(file).exists();
    }

    /** A usage error in the run's --jfr comes alone: the profile's warnings were printed before it. */
    @Test
    void aWrongJfrTargetIsOneLineThoughTheProfileWouldWarn(@TempDir Path dir) throws IOException {
        Path profile = misspeltProfile(dir);
        usageLine(
                        "run",
                        "thread-basics",
                        "--profile",
                        profile.toString(),
                        "--jfr",
                        dir.resolve("no-such-folder").resolve("x.jfr").toString())
                .startsWith("loom: ")
                .doesNotContain("warning");
    }

    /** So in compare, whose --jfr-dir is a file here; and a folder compare made is gone if the profile is not read. */
    @Test
    void compareChecksItsFolderBeforeTheProfileAndKeepsNoFolderForAProfileItCannotRead(@TempDir Path dir)
            throws IOException {
        Path profile = misspeltProfile(dir);
        usageLine("compare", "thread-basics", "--profile", profile.toString(), "--jfr-dir", profile.toString())
                .startsWith("loom: --jfr-dir")
                .doesNotContain("warning");
        Path made = dir.resolve("runs");
        usageLine(
                        "compare",
                        "thread-basics",
                        "--profile",
                        dir.resolve("no-such.jfc").toString(),
                        "--jfr-dir",
                        made.toString())
                .contains("no-such.jfc");
        assertThat(made).doesNotExist();
    }

    /**
     * A temporary folder that takes no file (here a file where the folder should be; a read-only or immutable one
     * by hand) stops a command that needs it before anything runs, in one line that names it and says how to name
     * another: run and compare said "unexpected error: ... Can't create Flight Recorder", scale "could not run child
     * JVM SleeperRun", fidelity "unexpected error: java.nio.file.FileSystemException".
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "run thread-basics --tasks 2",
                "compare thread-basics --modes platform",
                "scale --tasks 10 --platform-tasks 0",
                "fidelity url-fetch --pairs 1 --warmup 0",
                "dump thread-basics --tasks 2",
                "dump thread-basics --tasks 2 --out /dev/null"
            })
    void aTemporaryFolderThatTakesNoFileStopsTheCommandInOneLine(String commandLine, @TempDir Path dir)
            throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "");
        String tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", notAFolder.toString());
        Result result;
        try {
            result = loomLine(commandLine);
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
        }
        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("loom: the temporary folder '" + notAFolder + "' takes no new file (")
                .endsWith("name another with LOOM_JAVA_OPTS=-Djava.io.tmpdir=FOLDER")
                // what the command keeps there: scale records nothing, dump takes its dump there
                .contains(
                        commandLine.startsWith("scale")
                                ? "each row's JVM"
                                : commandLine.startsWith("dump") ? "the dump is taken there" : "JFR keeps");
        // fidelity's two patterns start no child JVM: the line said they wrote their output there
        assertThat(result.err().contains("child JVMs"))
                .as(commandLine)
                .isEqualTo(!commandLine.startsWith("fidelity") && !commandLine.startsWith("scale"));
    }

    /**
     * A number option's help gives its range, which a refused value points to ("takes a whole number in its range,
     * not 'many' (see 'loom scale --help')"): scale's help named no limit, and its default run's length.
     */
    @Test
    void theHelpGivesEachNumberOptionsRange() {
        assertThat(loom("scale", "--help").out().replaceAll("\\s+", " "))
                .contains("each sleeping once: 1 to " + dev.loompatterns.core.Limits.MAX_TASKS + " (default")
                .contains("0 to skip them, up to " + dev.loompatterns.core.Limits.MAX_PLATFORM_THREADS + " (default")
                .contains("how long each task sleeps: 0 to " + ScaleCommand.MAX_SLEEP_MS + " (default")
                .contains("about a minute");
        assertThat(loom("dump", "--help").out().replaceAll("\\s+", " "))
                .contains("threads listed per container, 0 to " + DumpCommand.MAX_THREADS_LISTED + ";");
        assertThat(loom("fidelity", "--help").out().replaceAll("\\s+", " "))
                .contains("in each mode: 1 to " + FidelityCommand.MAX_PAIRS + " (default");
        assertThat(loom("compare", "--help").out().replaceAll("\\s+", " "))
                .contains("the spread: 1 to " + CompareCommand.MAX_REPEAT + " (default");
    }

    /** The one line a usage error prints, once its exit code is checked: 2. */
    static org.assertj.core.api.AbstractStringAssert<?> usageLine(String... args) {
        Result result = loom(args);
        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_USAGE);
        return assertThat(result.errLines()).singleElement().asString();
    }

    /** A wrong value of a fixed set is answered with the set as the help writes it and the user types it. */
    @Test
    void aWrongChoiceListsTheChoicesInLowerCase() {
        usageLine("run", "thread-basics", "--mode", "fast")
                .isEqualTo("loom: option '--mode' is one of platform, virtual, structured, not 'fast'"
                        + " (see 'loom run --help')");
        // a comma-separated option: picocli writes "option '--modes' (M):", which kept its raw message
        usageLine("compare", "lock-counter", "--modes", "virtual,bogus")
                .isEqualTo("loom: option '--modes' is one of platform, virtual, structured, not 'bogus'"
                        + " (see 'loom compare --help')");
    }

    /**
     * Usage errors that say what was meant: a --jfr-dir whose parent is missing or a file; a near miss of
     * fidelity's pattern, or an empty --examples (read as the current folder: "no E01_*.java in ;"); a second pattern
     * id to run or dump (compare runs several); a number option given a word, in the words of
     * the other refusals; an unknown option with the id or file left out, which picocli called a missing parameter
     * (a file named '-p.jfr' was "Missing required parameter: 'FILE'"). Each row: the arguments, then how the line
     * begins.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        compare thread-basics --jfr-dir /no/such/folder/recordings | loom: cannot create --jfr-dir '/no/such/folder/recordings': folder '/no/such/folder' does not exist
        compare thread-basics --jfr-dir README.md/inside | loom: cannot create --jfr-dir 'README.md/inside': '
        fidelity thread-basic | loom: unknown pattern 'thread-basic' (did you mean 'thread-basics'?); fidelity takes thread-basics (1) or url-fetch (11)
        fidelity nosuch | loom: unknown pattern 'nosuch'; fidelity takes thread-basics (1) or url-fetch (11)
        run nosuch | loom: unknown pattern 'nosuch' (see 'loom list')
        compare lock-countr | loom: unknown pattern 'lock-countr'; did you mean 'lock-counter'? (see 'loom list')
        run lock-counter --tasks 0 | loom: --tasks must be at least 1, got 0
        run daemon-threads --tasks 0 | loom: --tasks for daemon-threads must be from 1 to 50, got 0
        fidelity thread-basics --examples= | loom: --examples is empty; give the examples folder
        run lock-counter thread-basics | loom: unknown option or argument 'thread-basics': run takes one pattern; 'loom compare ID ID...' runs several
        dump lock-counter thread-basics | loom: unknown option or argument 'thread-basics': dump takes one pattern
        run 6 01 | loom: unknown option or argument '01': run takes one pattern; 'loom compare ID ID...' runs several
        compare thread-basics --repeat many | loom: option '--repeat' takes a whole number in its range, not 'many'
        run thread-basics --tasks 1_ | loom: option '--tasks' takes a whole number in its range, not '1_'
        run thread-basics --tasks ٣ | loom: option '--tasks' takes a whole number in its range, not '٣'
        dump thread-basics --threads ١٠ | loom: option '--threads' takes a whole number in its range, not '١٠'
        scale --platform-tasks -1 | loom: --platform-tasks must be 0 (no platform run) to 20000, got -1
        inspect --fromat | loom: unknown option or argument '--fromat'; did you mean '--format'? (see 'loom inspect --help')
        inspect -p.jfr | loom: unknown option or argument '-p.jfr' (see 'loom inspect --help')
        inspect -hello.jfr | loom: unknown option or argument '-hello.jfr' (see 'loom inspect --help')
        run thread-basics -Vx | loom: unknown option or argument '-Vx' (see 'loom run --help')
        run --mdoe | loom: unknown option or argument '--mdoe'; did you mean '--mode'? (see 'loom run --help')
        compare --csv | loom: unknown option or argument '--csv' (see 'loom compare --help')
        scale --mode virtual | loom: unknown option or argument '--mode': scale takes no --mode (run and dump do) (see 'loom scale --help')
        inspect --jfr=x.jfr | loom: unknown option or argument '--jfr=x.jfr': inspect takes no --jfr (run does) (see 'loom inspect --help')
        run race -P gap-ms=1 | loom: gap-ms for race must be from 1000 to 600000, got 1
        compare thread-basics pinning -P sleep-ms=0 | loom: sleep-ms for pinning must be from 1 to 10000, got 0
        compare --wide --format json | loom: --wide widens the table; --format json has every column and each check's whole text already: drop --wide
        run daemon-threads --tasks 51 | loom: --tasks for daemon-threads must be from 1 to 50, got 51
        run thread-basics --mode platform --tasks 20001 | loom: --tasks for thread-basics in platform mode must be from 1 to 20000, got 20001 (platform threads cost far more than virtual ones
        dump thread-basics --out newd/ | loom: --out 'newd/' ends with '/', as a folder's name does; give a file's name (see 'loom dump --help')
        inspect x.jfr --out newo/ | loom: --out 'newo/' ends with '/', as a folder's name does; give a file's name (see 'loom inspect --help')
        """)
    void aUsageErrorSaysWhatWasMeant(String args, String begins) {
        usageLine(args.split(" ")).startsWith(begins);
    }

    /**
     * A number beyond an int, in any number option of any command, is refused naming the option's range, as a number
     * just past the range is, and written as typed: picocli's refusal said "takes a whole number in its range, not
     * '99999999999'" and named none. Each row: the arguments, then the whole line.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        scale --tasks 99999999999 | loom: --tasks must be from 1 to 5000000, got 99999999999
        scale --tasks -99999999999 | loom: --tasks must be from 1 to 5000000, got -99999999999
        scale --platform-tasks 99_999_999_999 | loom: --platform-tasks 99_999_999_999 would start that many platform threads at once; allowed: 0 to 20000 (each is a kernel thread with its own stack)
        scale --platform-tasks -99999999999 | loom: --platform-tasks must be 0 (no platform run) to 20000, got -99999999999
        scale --pool 99999999999 --repeat 99999999998 | loom: --pool must be from 1 to 20000, got 99999999999
        scale --sleep-ms 99999999999 | loom: --sleep-ms must be from 0 to 60000, got 99999999999
        scale --warmup 99999999999 | loom: --warmup must be from 0 to 10, got 99999999999
        scale --repeat 99999999999999999999999 | loom: --repeat must be from 1 to 20, got 99999999999999999999999
        run thread-basics --tasks 99999999999 | loom: --tasks for thread-basics in platform mode must be from 1 to 20000, got 99999999999 (platform threads cost far more than virtual ones: the virtual mode takes up to 5000000)
        run daemon-threads --tasks 99999999999 | loom: --tasks for daemon-threads must be from 1 to 50, got 99999999999
        compare thread-basics --modes virtual --tasks 99999999999 | loom: --tasks for thread-basics in virtual mode must be from 1 to 5000000, got 99999999999
        compare --repeat 99999999999 | loom: --repeat must be from 1 to 1000, got 99999999999
        compare --warmup 99999999999 | loom: --warmup must be from 0 to 1000, got 99999999999
        dump thread-basics --tasks 99999999999 | loom: --tasks for thread-basics in structured mode must be from 1 to 5000000, got 99999999999
        dump thread-basics --threads 99999999999 | loom: --threads must be from 0 to 100000, got 99999999999
        dump thread-basics --containers -99999999999 | loom: --containers must be from 0 to 100000, got -99999999999
        fidelity thread-basics --pairs 99999999999 | loom: --pairs must be from 1 to 1000, got 99999999999
        fidelity thread-basics --warmup 99999999999 | loom: --warmup must be from 0 to 1000, got 99999999999
        """)
    void aNumberBeyondAnIntIsRefusedNamingTheRange(String args, String line) {
        usageLine(args.split(" ")).isEqualTo(line);
    }

    /**
     * A file whose name begins with '-', given as a command's argument, is taken for an option by any parser: where a
     * file of that name is there, the line says how to give it (a helper's hunt); where none is, as above.
     */
    @Test
    void aFileNamedAsAnOptionIsToldHowToBeGiven() throws java.io.IOException {
        java.nio.file.Path file =
                java.nio.file.Path.of("-hello-" + ProcessHandle.current().pid() + ".jfr");
        java.nio.file.Files.writeString(file, "");
        try {
            usageLine("inspect", file.toString())
                    .isEqualTo(
                            "loom: unknown option or argument '" + file + "': a file of that name is here; give it as"
                                    + " './" + file + "', or after '--' (see 'loom inspect --help')");
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    /**
     * An option's whole number is read as -P's: an underscore between two digits ({@code 1_000}), which picocli's
     * own conversion refused while -P took it; other scripts' digits are refused by both (picocli's took '٣').
     */
    @Test
    void anOptionsWholeNumberIsReadAsAParametersIs() {
        Result run = loom("run", "thread-basics", "--mode", "virtual", "--tasks", "1_0", "-P", "sleep-ms=1_0");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("thread-basics +virtual +default +10 ");
        assertThat(LoomCli.wholeInt(" +2 ")).isEqualTo(2);
    }

    /**
     * Modes are read with spaces after the commas, as variants are: 'virtual, platform' was refused as not a mode
     * (' platform'). The variant refused here shows the modes were read.
     */
    @Test
    void modesAreReadWithSpacesAfterTheCommas() {
        usageLine("compare", "lock-counter", "--modes", "virtual, platform", "--variants", "nope")
                .startsWith("loom: no pattern compared has variant 'nope'");
    }

    /**
     * A comma-separated option with nothing between its commas is refused, naming the option: picocli's split dropped
     * the empty items, and '--modes ,' or '--variants " , "' ran every mode or variant, as if the option were absent.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        --modes    | ,           | has an empty item in ','; give one or more modes (platform, virtual, structured), comma-separated
        --modes    | " , "       | has an empty item in ' , '
        --modes    | virtual,    | has an empty item in 'virtual,'
        --modes    | ,virtual    | has an empty item in ',virtual'
        --modes    | "virtual,,platform" | has an empty item in 'virtual,,platform'
        --modes    | ""          | is empty; give one or more modes
        --variants | ,           | has an empty item in ','; give one or more variants, comma-separated
        --variants | default,    | has an empty item in 'default,'
        --variants | " "         | is empty; give one or more variants, comma-separated
        """)
    void anEmptyItemInACommaSeparatedOptionIsRefused(String option, String value, String says) {
        usageLine("compare", "thread-basics", "--tasks", "2", option, value)
                .startsWith("loom: option '" + option + "' " + says)
                .endsWith(" (see 'loom compare --help')");
        usageLine("compare", "thread-basics", "--tasks", "2", option + "=" + value)
                .as("with '='")
                .startsWith("loom: option '" + option + "' " + says);
    }

    /**
     * A comma-separated option given no value before the next option is said to miss its value: the next option, read
     * as its value, was refused as an empty item of it ('compare --modes --variants=default,': "option '--modes' has an
     * empty item in '--variants=default,'"), the check that meant to leave it to picocli never true.
     */
    @ParameterizedTest
    @ValueSource(strings = {"--modes|--variants=default,", "--variants|--modes=virtual,"})
    void aCommaSeparatedOptionWithoutItsValueSaysSo(String given) {
        List<String> options = List.of(given.split("\\|"));
        List<String> args = new ArrayList<>(List.of("compare", "thread-basics", "--tasks", "2"));
        args.addAll(options);
        usageLine(args.toArray(String[]::new))
                .startsWith("loom: option '" + options.get(0) + "' needs a value ("
                        + (options.get(0).equals("--modes") ? "M" : "V")
                        + "), not the next option '"
                        + options.get(1) + "'");
    }

    /** An empty name is refused as empty, like an empty --out or --jfr-dir: inspect said "'' is a directory". */
    @Test
    void anEmptyRecordingNameIsRefusedAsEmpty() {
        usageLine("inspect", "").isEqualTo("loom: the recording's name is empty; give a .jfr recording");
    }

    /**
     * An empty --jfr file name is refused as inspect refuses an empty recording's name: picocli reads '--jfr ""' and
     * '--jfr=' as a bare --jfr, and the run recorded to the default name in the current folder. Each is refused before
     * the run; a blank name too, which was also taken for a bare --jfr.
     */
    @ParameterizedTest
    @ValueSource(strings = {"--jfr=", "--jfr= ", "--jfr| ", "--jfr|"})
    void anEmptyJfrFileNameIsRefusedAsEmpty(String jfr) {
        List<String> args = new ArrayList<>(List.of("run", "thread-basics", "--tasks", "2"));
        args.addAll(List.of(jfr.split("\\|", -1)));
        usageLine(args.toArray(String[]::new))
                .isEqualTo("loom: --jfr's file name is empty; give a file name, or --jfr alone for the default one");
        args.addAll(List.of("--mode", "virtual"));
        usageLine(args.toArray(String[]::new)).as("with an option after it").contains("--jfr's file name is empty");
    }

    /**
     * Only a bare --jfr, at the end or before another option, takes the default name, also one an argument file gives
     * ({@code @FILE}, which picocli expands): 'run ID @FILE' with '--jfr' alone in FILE was refused as an empty name,
     * the command line as typed holding no '--jfr'. Each run stops at its unknown profile, read once the name is
     * chosen, so nothing is recorded in the current folder. ('|' parts the arguments; '@' is the file of those after.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"--jfr", "--jfr|--mode|virtual", "@|--jfr", "@|--jfr|--mode|virtual", "@|--jfr|"})
    void aBareJfrTakesTheDefaultName(String jfr, @TempDir Path dir) throws IOException {
        usageLine(jfrArgs(jfr, dir)).startsWith("loom: no JFR profile 'no-such-profile'");
    }

    /** An empty --jfr file name, also in an argument file, is refused as empty, not taken for a bare --jfr. */
    @ParameterizedTest
    @ValueSource(strings = {"--jfr|", "--jfr=", "@|--jfr=", "@|--jfr|\"\""})
    void anEmptyJfrIsToldFromABareOne(String jfr, @TempDir Path dir) throws IOException {
        usageLine(jfrArgs(jfr, dir))
                .isEqualTo("loom: --jfr's file name is empty; give a file name, or --jfr alone for the default one");
    }

    /** 'run thread-basics --profile no-such-profile' and {@code jfr}'s arguments, put in a file of dir's after '@'. */
    private static String[] jfrArgs(String jfr, Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "thread-basics", "--tasks", "2"));
        args.addAll(List.of("--profile", "no-such-profile"));
        List<String> given = List.of(jfr.split("\\|", -1));
        if (given.getFirst().equals("@")) {
            Path file = Files.write(dir.resolve("args"), given.subList(1, given.size()));
            args.add("@" + file);
        } else {
            args.addAll(given);
        }
        return args.toArray(String[]::new);
    }

    /**
     * A folder named as the example's file is no example: "no E01_*.java", exit 2, where javac was handed the folder,
     * "javac failed on ...: java.lang.IllegalArgumentException: directories not supported", exit 1.
     */
    @Test
    void aFolderNamedAsTheExampleIsNoExample(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.createDirectory(dir.resolve("E01_Folder.java"));
        usageLine("fidelity", "thread-basics", "--examples", dir.toString())
                .isEqualTo("loom: no E01_*.java in " + dir + "; give the examples folder with --examples DIR");
    }

    /**
     * An examples folder this user cannot list is one line and exit 2; it was "unexpected error:
     * java.nio.file.AccessDeniedException" and exit 1. Root lists a folder of no permissions: for root, a folder
     * only a process with CAP_SYS_ADMIN lists stands in, where there is one.
     */
    @Test
    void anExamplesFolderThatCannotBeReadIsOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path folder = java.nio.file.Files.createDirectory(dir.resolve("examples"));
        java.nio.file.Files.setPosixFilePermissions(folder, java.util.Set.of());
        try {
            java.nio.file.Path unreadable = unlistable(folder) ? folder : java.nio.file.Path.of("/proc/1/map_files");
            org.junit.jupiter.api.Assumptions.assumeTrue(unlistable(unreadable), "no folder this user cannot list");
            usageLine("fidelity", "thread-basics", "--examples", unreadable.toString())
                    .isEqualTo("loom: cannot read the examples folder '" + unreadable
                            + "': permission denied; give one you can read with --examples DIR");
        } finally {
            java.nio.file.Files.setPosixFilePermissions(
                    folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Whether {@code folder} is a folder this process cannot list. */
    private static boolean unlistable(java.nio.file.Path folder) {
        if (!java.nio.file.Files.isDirectory(folder)) {
            return false;
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
            return files.count() < 0; // the entries read: a folder may open and refuse them
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return true;
        }
    }

    /** The parent of a --jfr-dir that is a file is named as a file, not as a missing folder. */
    @Test
    void aJfrDirUnderAFileNamesTheFile() {
        usageLine("compare", "thread-basics", "--jfr-dir", "README.md/inside")
                .endsWith("README.md' is a file, not a folder");
    }

    /** 'loom help X' for a command that does not exist says what 'loom X' says, and exits 2 as it does. */
    @Test
    void helpForAnUnknownCommandSaysWhatTheUnknownCommandSays() {
        Result help = loom("help", "nosuch");
        Result command = loom("nosuch");
        assertThat(help.code()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(command.errLines()).singleElement().asString().startsWith("loom: no command 'nosuch'");
        assertThat(help.errLines()).isEqualTo(command.errLines());
    }

    /**
     * A word after the command 'loom help' describes is refused, as every command refuses a word it does not take:
     * picocli's help used the first and printed run's help without a word about the 5.
     */
    @Test
    void helpRefusesAWordAfterTheCommand() {
        usageLine("help", "run", "5").isEqualTo("loom: unknown option or argument '5' (see 'loom help --help')");
        usageLine("help", "run", "--mode").startsWith("loom: unknown option or argument '--mode'");
        usageLine("help", "nosuch", "5").startsWith("loom: no command 'nosuch'"); // the first thing wrong, said first
        // an option help does not have, with no command: it printed the main help, exit 0
        usageLine("help", "-x").isEqualTo("loom: unknown option or argument '-x' (see 'loom help --help')");
        assertThat(loom("help", "run").code()).isZero();
        assertThat(loom("help").code()).isZero();
    }

    /**
     * A name with a newline or another control character in it stays in the one line of its message, the character
     * written as in a Java string: the newline split "loom: no such file: 'a" from the rest, and an escape reached the
     * terminal. A usage error of a command's, one of picocli's, and the helper that the lines of exit 1 use too.
     */
    @Test
    void aControlCharacterInANameKeepsTheMessageOneLine(@TempDir Path dir) {
        usageLine("inspect", "no\nsuch\u001b[2J.jfr")
                .isEqualTo("loom: no such file: 'no\\nsuch\\u001b[2J.jfr'; give a .jfr recording");
        usageLine(
                        "run",
                        "thread-basics",
                        "--jfr",
                        dir.resolve("no\r\nfolder").resolve("x.jfr").toString())
                .contains("no\\r\\nfolder")
                .endsWith("does not exist");
        usageLine("list", "thread-basics", "a\tb").startsWith("loom: unknown option or argument 'a\\tb'");
        // picocli's refusal of a value, rewritten whole: its first line alone was "... but was 'a (see ...)"
        usageLine("run", "thread-basics", "--mode", "a\nb")
                .isEqualTo("loom: option '--mode' is one of platform, virtual, structured, not 'a\\nb'"
                        + " (see 'loom run --help')");
        usageLine("run", "thread-basics", "--tasks", "1\n2")
                .startsWith("loom: option '--tasks' takes a whole number in its range, not '1\\n2'");
        // what the lines of exit 1 are written through too: a file the file system refused, an unexpected error
        assertThat(LoomCli.oneLine("could not write 'a\nb\u2028c\u0085d': No space left on device"))
                .isEqualTo("could not write 'a\\nb\\u2028c\\u0085d': No space left on device");

        // a backslash is written twice: a name with a newline and one with a backslash and an n are told apart
        usageLine("inspect", "a\\nb.jfr").isEqualTo("loom: no such file: 'a\\\\nb.jfr'; give a .jfr recording");
        usageLine("inspect", "a\nb.jfr").isEqualTo("loom: no such file: 'a\\nb.jfr'; give a .jfr recording");
        assertThat(LoomCli.oneLine("C:\\temp\\new")).isEqualTo("C:\\\\temp\\\\new");
        // the characters that reorder a line, as the reports write them out: a right-to-left override in a file's name
        // turned the rest of the line around (a helper's hunt)
        usageLine("inspect", "m\u202efdp.jfr")
                .isEqualTo("loom: no such file: 'm\\u202efdp.jfr'; give a .jfr recording");
        assertThat(LoomCli.oneLine("a\u2066b\u200fc\u061cd")).isEqualTo("a\\u2066b\\u200fc\\u061cd");
        // the line that gives the command again with more heap: a run's file name with a newline stays in one line,
        // in a form the shell reads back ($'...\012...'), not with its backslash written twice ('--jfr=a\\nb.jfr')
        assertThat(LoomCli.outOfMemoryLine("run", "", "run", "pinning", "--jfr=a\nb.jfr"))
                .doesNotContain("\n")
                .endsWith(" loom run pinning $'--jfr=a\\012b.jfr'"); // no launcher here: loom
        // the launcher as called, and _JAVA_OPTIONS where it sets the heap: it wins over LOOM_JAVA_OPTS, and the advice
        // LOOM_JAVA_OPTS=-Xmx2g changed nothing there (a review); from another folder, ./loom named nothing
        long mb64 = 64L << 20;
        assertThat(LoomCli.againWithMoreHeap(mb64, "-XX:+UseZGC", "-Xmx64m -Dx=1", "/opt/loom/loom", "run", "a b"))
                .isEqualTo("_JAVA_OPTIONS='-Dx=1 -Xmx2g' /opt/loom/loom run 'a b'");
        assertThat(LoomCli.againWithMoreHeap(mb64, "-XX:+UseZGC -Xmx64m", "-Dx=1", "./loom", "run"))
                .isEqualTo("LOOM_JAVA_OPTS='-XX:+UseZGC -Xmx2g' ./loom run");
        assertThat(LoomCli.againWithMoreHeap(mb64, null, null, "loom", "inspect", "x.jfr"))
                .isEqualTo("LOOM_JAVA_OPTS=-Xmx2g loom inspect x.jfr");
        assertThat(LoomCli.outOfMemoryLine("run", "", "run", "pinning", "--jfr=C:\\t.jfr"))
                .endsWith(" loom run pinning '--jfr=C:\\t.jfr'");
        // picocli's refusal of a value, rewritten and made one line once: a newline in it written \n, not \\n
        usageLine("compare", "thread-basics", "--format", "x\\y\nz")
                .startsWith("loom: option '--format' is one of table, csv, json, markdown, not 'x\\\\y\\nz'");
    }

    /**
     * An empty item in a list-valued parameter is a usage error, one line naming it, before anything runs: {@code -P
     * urls=URL,,} fetched the one URL, {@code -P faults=500,,} injected 500s, the empty items dropped.
     */
    @Test
    void anEmptyItemInAListParameterIsAUsageError() {
        usageLine("run", "url-fetch", "--mode", "virtual", "-P", "urls=http://127.0.0.1:1/,,")
                .startsWith("loom: -P urls has an empty item in 'http://127.0.0.1:1/,,'; ");
        usageLine("compare", "url-fetch", "--variants", "faults", "-P", "faults=,500")
                .startsWith("loom: -P faults has an empty item in ',500'; ");
    }

    /** As a new user types them: a mistyped command gets a suggestion; picocli's doubled word is gone. */
    @Test
    void messagesSayWhatWasMeantInOneLine() {
        Result typo = loom("compre");
        assertThat(typo.errLines())
                .singleElement()
                .asString()
                .isEqualTo("loom: no command 'compre'; did you mean 'compare'? (see 'loom --help')");
        Result param = loom("run", "lock-counter", "-P", "foo");
        assertThat(param.errLines())
                .singleElement()
                .asString()
                .isEqualTo("loom: -P (--param) takes NAME=VALUE, not 'foo' (e.g. -P sleep-ms=50)");
        Result profile = loom("run", "lock-counter", "--profile", "pinning");
        assertThat(profile.errLines())
                .singleElement()
                .asString()
                .contains("--profile chooses the settings of a recording: add --jfr FILE");
        Result faults = loom("compare", "url-fetch", "--variants", "default", "-P", "fault-rate=50");
        assertThat(faults.code()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(faults.err())
                .contains("compare: --variants faults,faults-fail-fast")
                .doesNotContain("add --variant ");
    }

    /**
     * Each command's help ends with examples, and picocli formats it without a warning (a lone
     * {@code %} in a description is a format error, which picocli reports on {@code System.err}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"list", "run", "compare", "dump", "scale", "fidelity", "inspect"})
    void everyCommandsHelpHasExamplesAndNoWarning(String command) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream picocliErr = new ByteArrayOutputStream();
        Result help;
        System.setErr(new PrintStream(picocliErr, true, StandardCharsets.UTF_8));
        try {
            help = loom(command, "--help");
        } finally {
            System.setErr(stderr);
        }
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Examples:");
        assertThat(help.out() + help.err() + picocliErr.toString(StandardCharsets.UTF_8))
                .doesNotContain("WARN");
    }

    /**
     * An indented footer line (an example, a command to copy) is printed as written: picocli wraps
     * a line wider than its 80 columns onto column 0, where the rest of a command reads as a line
     * of its own and a copy of the first part runs something else.
     */
    @Test
    void everyExampleInTheHelpIsPrintedWhole() {
        List<Class<?>> commands = new java.util.ArrayList<>(List.of(LoomCli.class));
        commands.addAll(List.of(LoomCli.class.getAnnotation(Command.class).subcommands()));
        for (Class<?> command : commands) {
            Command annotation = command.getAnnotation(Command.class);
            List<String> help = (command == LoomCli.class ? loom("--help") : loom(annotation.name(), "--help"))
                    .out()
                    .lines()
                    .toList();
            for (String line : annotation.footer()) {
                if (line.startsWith("  ")) {
                    assertThat(help).as(annotation.name()).contains(line.replace("%%", "%"));
                }
            }
        }
    }

    @Test
    void helpNamesTheLaunchersOwnCommands() {
        assertThat(loom("--help").out()).contains("example E01").contains("bench");
    }

    @Test
    void aTextParameterWithoutADefaultShowsNone() {
        assertThat(loom("list", "url-fetch").out()).contains("urls (text)").doesNotContain("default '')");
    }

    @Test
    void listFits120ColumnsAndNamesEveryVariant() {
        Result list = loom("list");
        assertFitsTheTableWidth(list.out().lines());
        assertThat(list.out()).contains("synchronized-jdk21").doesNotContain("platform,virtual,structured");
    }

    /** Output to a file keeps the notes: csv as comment lines after the rows. */
    @Test
    void csvCarriesTheNotesAsCommentLines() {
        Result csv = loom("compare", "thread-basics", "--tasks", "3", "-P", "sleep-ms=1", "--format", "csv");
        assertThat(csv.code()).as(csv.err()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("pattern,mode,variant");
        assertThat(lines)
                .filteredOn(line -> line.startsWith("# "))
                .isNotEmpty()
                .anySatisfy(line -> assertThat(line).startsWith("# Each figure is one run"));
        assertThat(csv.csvRows()).hasSize(4); // header and 3 rows
    }

    /** Markdown: the notes after the table, each a paragraph of its own (they ran together as one). */
    @Test
    void markdownNotesAreParagraphs(@TempDir Path dir) {
        Result md = loom(
                "compare",
                "thread-basics",
                "--tasks",
                "3",
                "-P",
                "sleep-ms=1",
                "--format",
                "markdown",
                "--repeat",
                "3",
                "--jfr-dir",
                dir.resolve("recordings").toString());
        assertThat(md.code()).as(md.err()).isZero();
        List<String> lines = md.out().lines().toList();
        int afterTable = lines.lastIndexOf(lines.stream()
                        .filter(line -> line.startsWith("|"))
                        .reduce((a, b) -> b)
                        .orElseThrow())
                + 1;
        List<String> notes = lines.subList(afterTable, lines.size());
        assertThat(notes).anySatisfy(line -> assertThat(line).startsWith("wall_ms is the median of 3 runs"));
        // the recordings' aligned lines in a code block, so they stay lines
        int fence = notes.indexOf("```");
        assertThat(fence).as("a code block: %s", notes).isPositive();
        assertThat(notes.get(fence + 1)).startsWith("Recordings (3) in ");
        assertThat(notes.getLast()).isEqualTo("```");
        notes = notes.subList(0, fence);
        for (int i = 1; i < notes.size(); i++) {
            assertThat(notes.get(i - 1).isBlank() || notes.get(i).isBlank())
                    .as("two notes on consecutive lines, one paragraph in markdown: %s", notes)
                    .isTrue();
        }
    }

    /**
     * A write the standard output refused is one line and exit 1 (a full disk: {@code LauncherTest} runs it on
     * /dev/full), but not where the output is a pipe whose reader has gone ({@code loom compare | head -3}): that is
     * told by the output's type, as the error's words ("Broken pipe") are the user's language's.
     */
    @Test
    void stdoutRefusingAWriteFailsTheCommandUnlessItIsAPipeWhoseReaderLeft(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        dev.loompatterns.jfr.Fifo.mkfifo(fifo);
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThat(AtomicFile.isPipe(fifo)).as("a named pipe").isTrue();
        assertThat(AtomicFile.isPipe(file)).as("a regular file").isFalse();
        assertThat(AtomicFile.isPipe(dir)).as("a folder").isFalse();
        assertThat(AtomicFile.isPipe(dir.resolve("none"))).as("no such file").isFalse();

        for (boolean pipe : List.of(true, false)) {
            StringWriter err = new StringWriter();
            LoomCli.Stdout stdout = new LoomCli.Stdout(refusing("Datenübergabe unterbrochen"), pipe);
            try (PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8)) {
                out.println("row");
            }
            assertThat(stdout.exitCode(0, new PrintWriter(err)))
                    .as("pipe " + pipe)
                    .isEqualTo(pipe ? 0 : 1);
            assertThat(err.toString())
                    .as("pipe " + pipe)
                    .isEqualTo(
                            pipe
                                    ? ""
                                    : "loom: the standard output refused what loom wrote (Datenübergabe unterbrochen):"
                                            + " what it holds is cut short" + System.lineSeparator());
            assertThat(stdout.exitCode(2, new PrintWriter(new StringWriter())))
                    .as("a usage error stays one")
                    .isEqualTo(2);
        }
        LoomCli.Stdout english = new LoomCli.Stdout(refusing("Broken pipe"), false);
        new PrintWriter(english, true, StandardCharsets.UTF_8).println("row");
        assertThat(english.exitCode(0, new PrintWriter(new StringWriter())))
                .as("no file type known: the words decide")
                .isZero();
    }

    /** An output stream whose every write fails with {@code message}. */
    private static java.io.OutputStream refusing(String message) {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(message);
            }
        };
    }

    /**
     * An error whose cause is an {@code OutOfMemoryError} is the heap's, said in the out-of-memory line: try-with-resources
     * closing on the JVM's one preallocated error threw "Self-suppression not permitted", reported as an unexpected
     * error.
     */
    @Test
    void anErrorCausedByRunningOutOfHeapIsTheHeaps() {
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        IllegalArgumentException selfSuppression = new IllegalArgumentException("Self-suppression not permitted", heap);
        assertThat(LoomCli.causedByOutOfMemory(selfSuppression)).isTrue();
        assertThat(LoomCli.causedByOutOfMemory(new RuntimeException(selfSuppression)))
                .isTrue();
        assertThat(LoomCli.causedByOutOfMemory(new IllegalArgumentException("no", new IllegalStateException())))
                .isFalse();
        assertThat(LoomCli.causedByOutOfMemory(new IllegalArgumentException("no cause")))
                .isFalse();
    }
}
