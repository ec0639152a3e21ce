package dev.loompatterns.engine;

import dev.loompatterns.core.RunReport;
import dev.loompatterns.jfr.PinTally;
import dev.loompatterns.jfr.RecordingSummary;
import dev.loompatterns.jfr.ShellWord;
import dev.loompatterns.jfr.VisibleText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The lines under a table of rows: what the figures mean, how far to trust them, and what was recorded. */
public final class Notes {

    /** A JIT share of the measured time from which a note says so. */
    static final double JIT_NOTE_SHARE = 0.10;

    private Notes() {}

    /**
     * The {@code jfr} tool of the JDK that runs this JVM: a {@code jfr} on the PATH may be an older
     * JDK's (17's has no {@code jfr view} and may not read a 25 recording's events the same way).
     */
    public static String jfrTool() {
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        return Files.isExecutable(jfr) ? jfr.toString() : "jfr";
    }

    /**
     * One line when pins were set apart from the {@code pinned} column: how many, and what they
     * were (a class's first use, JFR's own); nothing otherwise.
     */
    public static Optional<String> apartNote(List<Row> rows) {
        return apartNote(apart(rows));
    }

    /** The pins the rows set apart from {@code pinned}, their child JVMs' included. */
    private static PinTally apart(List<Row> rows) {
        return rows.stream().map(Row::pinsApart).reduce(PinTally.NONE, PinTally::plus);
    }

    private static Optional<String> apartNote(PinTally apart) {
        if (apart.apartTotal() == 0) {
            return Optional.empty();
        }
        String what = apart.apart().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return Optional.of(String.format(
                Locale.ROOT,
                "Not in pinned: %d pin%s while the JVM %s (%s).",
                apart.apartTotal(),
                plural(apart.apartTotal()),
                apart.recorder() == 0
                        ? "met classes for the first time"
                        : apart.firstUse() == 0
                                ? "recorded (JFR's own event code)"
                                : "met classes for the first time or recorded",
                what));
    }

    /** Prints a note (under a table, or a command's header), wrapped to the table's {@value ReportFormat#TABLE_WIDTH} columns. */
    public static void note(PrintWriter out, String note) {
        wrap(out, "", "  ", note);
    }

    /**
     * Prints {@code text} after {@code lead} in lines of at most the table's width, broken at its spaces,
     * the next lines after {@code indent}; a word longer than a line stays whole.
     */
    public static void wrap(PrintWriter out, String lead, String indent, String text) {
        StringBuilder line = new StringBuilder(lead);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > ReportFormat.TABLE_WIDTH) {
                out.println(line);
                line = new StringBuilder(indent);
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        if (!empty) {
            out.println(line);
        }
    }

    /** One line when virtual threads were not counted, saying why; nothing otherwise. */
    public static Optional<String> notCountedNote(List<Row> rows) {
        return rows.stream().anyMatch(row -> row.virtualThreads() < 0)
                ? Optional.of("virtual_threads '-' (empty in csv): not counted, because the recording's profile leaves"
                        + " jdk.VirtualThreadStart off and counting would add one event per virtual thread to the"
                        + " file (JFR merges the settings of recordings).")
                : Optional.empty();
    }

    /**
     * Under {@code run}'s table of more than one row: each figure is a single run, the rows one after another in a
     * fresh JVM, so the first also paid for loading the pattern's classes and each ran before the JIT had done its
     * compiling ({@code run deadline}: 15 to 40 ms more in the row that ran first, 2026-12-04, docs/cli.md). Then, on a line of
     * its own so that it pastes whole, the {@code compare} that measures the same cells warmed up; nothing for one
     * row.
     *
     * @param compareArguments {@code compare}'s arguments for the same cells
     */
    public static void singleRunsNote(List<Row> rows, List<String> compareArguments, PrintWriter out) {
        if (rows.size() < 2) {
            return;
        }
        note(
                out,
                "Each figure is one run, the rows one after another in a fresh JVM: the first row also paid for"
                    + " loading the pattern's classes, and each ran before the JIT had done its compiling, so rows can"
                    + " differ by tens of percent, or several times, for that alone. The same rows, warmed up and"
                    + " repeated:");
        out.println("  " + loomCommand() + " compare "
                + compareArguments.stream().map(ShellWord::of).collect(Collectors.joining(" "))
                + " --warmup 3 --repeat 5");
    }

    /**
     * The launcher as the user called it, for a command printed to be pasted: {@code ./loom}, a path, or {@code loom}
     * where it is on the PATH (the launcher says which in {@code LOOM_COMMAND}); {@code loom} without the launcher.
     */
    public static String loomCommand() {
        String command = System.getenv("LOOM_COMMAND");
        return command == null || command.isBlank() ? "loom" : ShellWord.of(command);
    }

    /** The notes every table of rows may need, in order: pins set apart, virtual threads not counted. */
    public static List<String> rowNotes(List<Row> rows) {
        return Stream.of(apartNote(rows), notCountedNote(rows))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Prints one recording's line (its name, virtual threads started, pins and, if asked, submit failures) and returns
     * its summary.
     */
    private static RecordingSummary printSummaryLine(
            Path file, int nameWidth, boolean submitFailures, Reading reading, PrintWriter out) throws IOException {
        RecordingSummary summary = reading.read(file, out);
        out.println(summaryLine(
                VisibleText.of(file.getFileName().toString()),
                nameWidth,
                summary.virtualThreadsStarted(),
                summary.pins(),
                submitFailures ? summary.submitFailures() : -1));
        return summary;
    }

    /**
     * Prints a list of recordings, a line each ({@link #printSummaryLine}) and the events on for part of them only
     * under it ({@link #partOnlyLines}); returns the first file with pins, or null.
     */
    private static Path printList(
            List<Path> files, int nameWidth, boolean submitFailures, Reading reading, PrintWriter out)
            throws IOException {
        List<RecordingSummary> summaries = new ArrayList<>();
        Path withPins = null;
        for (Path file : files) {
            summaries.add(printSummaryLine(file, nameWidth, submitFailures, reading, out));
            withPins = withPins == null && summaries.getLast().pins() > 0 ? file : withPins;
        }
        printIndented(partOnlyLines(summaries), out);
        return withPins;
    }

    /**
     * Under the lines of several recordings: which of them had an event counted on for part of the recording only
     * ({@link RecordingSummary#partOnly()}), one line for each set of events, or none.
     */
    static List<String> partOnlyLines(List<RecordingSummary> summaries) {
        Map<Set<String>, Long> files = summaries.stream()
                .filter(summary -> !summary.partOnly().isEmpty())
                .collect(Collectors.groupingBy(
                        summary -> (Set<String>) new TreeSet<>(summary.partOnly()),
                        LinkedHashMap::new,
                        Collectors.counting()));
        return files.entrySet().stream()
                .map(entry -> "  (in "
                        + (summaries.size() == 1
                                ? "this file"
                                : entry.getValue() == summaries.size()
                                        ? "each of these files"
                                        : entry.getValue() + " of these files")
                        + ", " + String.join(" and ", entry.getKey())
                        + (entry.getKey().size() == 1 ? " was" : " were")
                        + " on for part of the recording only: the counts are of that part)")
                .toList();
    }

    /**
     * {@link #printSummaryLine}'s words, each noun plural unless its count is 1; {@code -} for
     * virtual threads not recorded (negative), as in the table; no submit failures if negative. The
     * name is padded to {@code nameWidth}, and a word in the singular keeps the next count in its column.
     */
    static String summaryLine(String name, int nameWidth, long virtualThreads, long pins, long submitFailures) {
        String threads = "virtual thread" + (virtualThreads < 0 ? "s" : plural(virtualThreads)) + " started,";
        String pinWords = "pin" + plural(pins);
        return String.format(
                Locale.ROOT,
                "  %-" + nameWidth + "s %7s %-24s %4d %s",
                name,
                virtualThreads < 0 ? "-" : Long.toString(virtualThreads),
                threads,
                pins,
                submitFailures < 0
                        ? pinWords
                        : String.format(
                                Locale.ROOT,
                                "%-5s %d submit failure%s",
                                pinWords + ",",
                                submitFailures,
                                plural(submitFailures)));
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }

    /**
     * After the rows that finished before Ctrl-C: their cells' recordings, which stay, named only (reading them
     * would hold up the stop).
     */
    public static void listKept(Session.Outcome finished, PrintWriter out) {
        List<Path> files = java.util.stream.Stream.concat(
                        finished.recordings().stream(), finished.childRecordings().stream())
                .toList();
        if (files.isEmpty()) {
            return;
        }
        out.println();
        out.println("Recordings of the rows above, kept (" + files.size() + ") in "
                + VisibleText.of(files.getFirst().getParent().toString()) + ":");
        files.forEach(
                file -> out.println("  " + VisibleText.of(file.getFileName().toString())));
        out.flush();
    }

    /**
     * Reads the recordings' summaries one after another, each shown on {@code progress} while it is read: a
     * recording of 400,000 virtual threads took 3 to 4 s, with nothing on the screen.
     */
    private static final class Reading {
        private final Progress progress;
        private final int total;
        private int done;

        Reading(Progress progress, int total) {
            this.progress = progress;
            this.total = total;
        }

        /** The file's summary; {@code out} is flushed first, so that the progress line comes after its lines. */
        RecordingSummary read(Path file, PrintWriter out) throws IOException {
            out.flush();
            String label = "reading " + VisibleText.of(file.getFileName().toString());
            try (Progress.Ticking ticking = progress.ticking(++done, total, label)) {
                return RecordingSummary.read(file);
            } finally {
                progress.clear();
            }
        }
    }

    /**
     * After the table: what each recording holds, the child JVMs' recordings, and how to open them.
     * A file's pins are all its pins: where the table set some apart, a line says so, so that a
     * count above the table's {@code pinned} does not read as a contradiction. Each file's reading
     * is shown on {@code progress}.
     */
    public static void describeRecordings(Session.Outcome outcome, Progress progress, PrintWriter out)
            throws IOException {
        List<Path> files = outcome.recordings();
        List<Path> childFiles = outcome.childRecordings();
        if (files.isEmpty()) {
            return;
        }
        Reading reading = new Reading(progress, files.size() + childFiles.size());
        out.println();
        // the pins' command and loom inspect name the first file with pins, a parent's first: the first file had none
        // where the pins were in a child's (synchronized-jdk21) or a later row's (compare's first cell pin-free)
        Path pinsExample = null;
        if (files.size() == 1) {
            out.println("Recording: " + VisibleText.of(files.getFirst().toString())); // a name's escape is not run
            RecordingSummary summary = reading.read(files.getFirst(), out);
            pinsExample = summary.pins() > 0 ? files.getFirst() : null;
            long apart = apart(outcome.rows()).apartTotal();
            boolean repeated = outcome.rows().stream().anyMatch(row -> row.repeats() > 1);
            printIndented(summary.lines(pinsNote(summary.pins(), apart, !childFiles.isEmpty(), repeated)), out);
        }
        // one column of names for both lists, as wide as the longest (a name of 49 characters pushed its line out)
        int nameWidth = java.util.stream.Stream.concat(
                        files.size() == 1 ? java.util.stream.Stream.<Path>empty() : files.stream(), childFiles.stream())
                .mapToInt(file -> VisibleText.of(file.getFileName().toString()).length())
                .max()
                .orElse(0);
        if (files.size() > 1) {
            out.println("Recordings (" + files.size() + ") in "
                    + VisibleText.of(files.getFirst().getParent().toString()) + ":");
            pinsExample = printList(files, nameWidth, true, reading, out);
        }
        if (!childFiles.isEmpty()) {
            out.println("Child JVMs recorded too, beside it (" + childFiles.size() + "):");
            Path childWithPins = printList(childFiles, nameWidth, false, reading, out);
            pinsExample = pinsExample == null ? childWithPins : pinsExample;
        }
        Path example = files.getFirst();
        String jfr = jfrTool();
        out.println("Open in JDK Mission Control: File > Open File, then the Event Browser: 'Loom Patterns' holds each"
                + " run,");
        // the events' categories, which JMC's tree follows: jdk.VirtualThreadSubmitFailed is not with the others
        out.println("  'Java Application' the virtual threads' starts, ends and pins,"
                + " 'Java Development Kit' > 'Threading' their");
        if (!example.toString().endsWith(".jfr")) {
            // JDK 25's jfr refuses any other name ("filename must end with '.jfr'"): a command that fails is not given
            out.println("  submit failures. This JDK's jfr reads only a file whose name ends in .jfr:");
            out.println("  record to such a name (--jfr NAME.jfr), or copy the file to one, for " + ShellWord.of(jfr)
                    + " print.");
            if (pinsExample != null && pinsExample.toString().endsWith(".jfr")) { // a child's, named by loom
                out.println("  The pins are in a child JVM's recording, which it reads:");
                out.println("  " + pinsCommand(jfr, pinsExample));
            }
        } else {
            out.println("  submit failures. On the command line, with this JDK's jfr:");
            String file = ShellWord.of(example.toString()); // a path with a space still pastes as one word
            out.println("  " + ShellWord.of(jfr) + " print --events loompatterns.PatternRun " + file);
            if (pinsExample != null) { // the pins' command only where there are some
                out.println("  " + pinsCommand(jfr, pinsExample));
            }
        }
        // what loom itself reads in a recording, its own or any other (docs/inspect.md); the file with the pins
        out.println(
                "Loom's rules on it (pins by cause, carrier hogging, late wake-ups, pools to migrate; --out r.html for"
                        + " charts):");
        out.println("  " + loomCommand() + " inspect "
                + ShellWord.of((pinsExample == null ? example : pinsExample).toString()));
    }

    /** This JDK's {@code jfr} printing the pins of {@code file} with their stacks. */
    private static String pinsCommand(String jfr, Path file) {
        return ShellWord.of(jfr) + " print --events jdk.VirtualThreadPinned --stack-depth 64 "
                + ShellWord.of(file.toString());
    }

    /**
     * Prints indented lines in the table's width: a longer one (the pins' note under a repeated run, 163 columns) goes
     * on two spaces further in, as {@link #wrap} breaks it.
     */
    static void printIndented(List<String> lines, PrintWriter out) {
        for (String line : lines) {
            String text = line.stripLeading();
            String indent = line.substring(0, line.length() - text.length());
            wrap(out, indent, indent + "  ", text);
        }
    }

    /**
     * Under a recording's pins, when the table set some apart or shows one run of several: the file holds
     * every pin of every run, so its count can be above the table's {@code pinned}; null when there is
     * nothing to explain.
     */
    static String pinsNote(long pinsInFile, long apartInTable, boolean childFiles, boolean repeated) {
        if (pinsInFile == 0 || (apartInTable == 0 && !repeated)) {
            return null;
        }
        String leftOut = apartInTable == 0
                ? ""
                : "leaves out " + apartInTable + " of a class's first use or JFR's own"
                        + (childFiles ? ", in this file and the child JVMs' below" : "")
                        + ": see 'Not in pinned' above";
        return repeated
                ? "(every pin in the file, of every run; the table's pinned is each row's median run's"
                        + (leftOut.isEmpty() ? "" : " and " + leftOut) + ")"
                : "(every pin in the file; the table's pinned " + leftOut + ")";
    }

    /**
     * A line when the JIT was busy during the measured runs: its compiler threads share the cores
     * with the run, so its figures include the JIT's warm-up. The figure is what
     * {@code CompilationMXBean.getTotalCompilationTime()} grew by over the runs: each compilation's whole
     * time, summed over the compiler threads, added when it ends, so it counts time spent before the runs
     * began and code that is not the pattern's, and can exceed the runs' time; the line says no more than that.
     */
    public static Optional<String> jitNote(List<Row> rows, int warmup) {
        Row busiest =
                rows.stream().max(Comparator.comparingDouble(Row::jitShare)).orElseThrow();
        if (busiest.jitShare() < JIT_NOTE_SHARE) {
            return Optional.empty();
        }
        double wall = busiest.runs().stream().mapToDouble(RunReport::wallMillis).sum();
        return Optional.of(String.format(
                Locale.ROOT,
                "While %s %s %s ran (%.0f ms%s), the JVM's compilation time (the JIT's, summed over its compiler"
                        + " threads) grew by %.0f ms: compilations that ended then, some begun before, not all of its"
                        + " code. The JIT was busy on the same cores: its figures include that warm-up. %s",
                busiest.pattern(),
                busiest.mode(),
                busiest.variant(),
                wall,
                busiest.runs().size() > 1 ? " over its " + busiest.runs().size() + " runs" : "",
                busiest.jitMs(),
                warmup == 0
                        ? "--warmup W runs it W times first, unmeasured, so the compiling is done before the clock"
                                + " starts."
                        : "More --warmup runs would move more of it before the clock."));
    }

    /** One line on how far to trust a single figure, measured when there are repeats. */
    public static String noiseNote(List<Row> rows, int warmup, int repeat) {
        String after = warmup == 0 ? "" : " after " + warmup + " warm-up run" + plural(warmup) + " per cell";
        if (repeat == 1) {
            return "Each figure is one run" + after
                    + ": expect tens of percent between runs (JIT warm-up, GC, a shared machine). "
                    + "--repeat 5 gives medians with their spread"
                    + (warmup == 0 ? ", --warmup W runs W unmeasured first" : "")
                    + "; JMH (docs/tooling.md, Benchmarks) gives steady figures.";
        }
        Row widest = rows.stream().max(Comparator.comparingDouble(Row::spread)).orElseThrow();
        return String.format(
                Locale.ROOT,
                "wall_ms is the median of %d runs%s%s; a row's other figures and its check are that run's (a failed run"
                        + " fails the row), and the widest spread (slowest - fastest) / median was %.0f%% (%s %s %s)."
                        + " For steady figures use %sJMH (docs/tooling.md, Benchmarks).",
                repeat,
                repeat % 2 == 0 ? " (of an even number, the slower of the two middle ones: a run that happened)" : "",
                after,
                widest.spread() * 100,
                widest.pattern(),
                widest.mode(),
                widest.variant(),
                warmup == 0 ? "--warmup W (unmeasured runs first) or " : "");
    }
}
