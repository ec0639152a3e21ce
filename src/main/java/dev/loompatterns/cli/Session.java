package dev.loompatterns.cli;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.ChildActivity;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.core.Runner;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.jfr.Recorder;
import dev.loompatterns.jfr.ActivityCounter;
import dev.loompatterns.jfr.PinTally;
import dev.loompatterns.jfr.RecordingSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;

/**
 * Runs a list of cells (pattern, mode, variant, workload), warming up, repeating and recording as
 * asked. A cell's warm-up runs come first, are left out of its row's figures, and are not in its
 * recording when each cell has a file of its own; a warm-up whose check fails still fails the row.
 */
final class Session {

    /**
     * The {@code jfr} tool of the JDK that runs this JVM: a {@code jfr} on the PATH may be an older
     * JDK's (17's has no {@code jfr view} and may not read a 25 recording's events the same way).
     */
    static String jfrTool() {
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        return Files.isExecutable(jfr) ? jfr.toString() : "jfr";
    }

    /** One pattern in one mode and variant, with its workload. */
    record Cell(Pattern pattern, Mode mode, Variant variant, Workload workload) {
        String label() {
            return pattern.id() + " " + mode.id() + " " + variant.id();
        }

        String fileName() {
            return pattern.id() + "-" + mode.id() + "-" + variant.id() + ".jfr";
        }
    }

    /** Where recordings go: nowhere, one file for the whole session, or one file per cell in a folder. */
    sealed interface Recording {
        record None() implements Recording {
        }

        record OneFile(Configuration profile, Path file) implements Recording {
        }

        record FilePerCell(Configuration profile, Path dir) implements Recording {
        }
    }

    /** The rows, and the recordings written (in order); the child JVMs' recordings are in the rows. */
    record Outcome(List<Row> rows, List<Path> recordings) {
        boolean allPassed() {
            return rows.stream().allMatch(row -> row.check().ok());
        }

        /** Recordings the runs' child JVMs wrote, beside the session's own. */
        List<Path> childRecordings() {
            return rows.stream().flatMap(row -> row.childRecordings().stream()).toList();
        }
    }

    private final Runner runner = new Runner();
    private final List<Row> finished = new ArrayList<>();
    private final Progress progress;

    Session(Progress progress) {
        this.progress = progress;
    }

    Outcome run(List<Cell> cells, int repeats, Recording recording) throws InterruptedException {
        return run(cells, 0, repeats, recording);
    }

    Outcome run(List<Cell> cells, int warmups, int repeats, Recording recording) throws InterruptedException {
        Counter done = new Counter(cells.size() * (warmups + repeats));
        runner.countVirtualThreads(switch (recording) {
            case Recording.None none -> true;
            case Recording.OneFile one -> ActivityCounter.recordsVirtualThreadStarts(one.profile());
            case Recording.FilePerCell each -> ActivityCounter.recordsVirtualThreadStarts(each.profile());
        });
        try {
            return switch (recording) {
                case Recording.None none -> new Outcome(runAll(cells, warmups, repeats, done), List.of());
                case Recording.OneFile one -> {
                    runner.recordChildrenBeside(new ChildActivity.Recording(one.file(), one.profile()));
                    try (Recorder recorder = Recorder.start(one.profile(), one.file())) {
                        List<Row> rows = runAll(cells, warmups, repeats, done);
                        yield new Outcome(rows, List.of(finish(recorder)));
                    }
                }
                case Recording.FilePerCell each -> {
                    List<Row> rows = new ArrayList<>();
                    List<Path> files = new ArrayList<>();
                    for (Cell cell : cells) {
                        Check warmUp = warmUp(cell, warmups, done); // before the cell's recording starts
                        Path file = each.dir().resolve(cell.fileName());
                        runner.recordChildrenBeside(new ChildActivity.Recording(file, each.profile()));
                        try (Recorder recorder = Recorder.start(each.profile(), file)) {
                            rows.add(measure(cell, warmUp, repeats, done));
                            files.add(finish(recorder));
                        }
                    }
                    yield new Outcome(rows, files);
                }
            };
        } finally {
            runner.recordChildrenBeside(null);
            progress.clear();
        }
    }

    /** The rows finished so far, in order: what a run stopped by Ctrl-C still prints. */
    List<Row> finishedRows() {
        return List.copyOf(finished);
    }

    /**
     * Writes the recording; an interrupt (Ctrl-C) that stops the write is an interrupt, not an
     * I/O error: the recording is then discarded, as a run in progress's is.
     */
    private static Path finish(Recorder recorder) throws InterruptedException {
        try {
            return recorder.finish();
        } catch (java.io.UncheckedIOException e) {
            if (Cancellation.requested() || Thread.currentThread().isInterrupted()
                    || e.getCause() instanceof java.nio.channels.ClosedByInterruptException) {
                throw new InterruptedException("stopped while writing the recording");
            }
            throw e;
        }
    }

    /** Before each run: after Ctrl-C, no run starts. */
    private static void stopIfCancelled() throws InterruptedException {
        if (Cancellation.requested() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("stopped by Ctrl-C");
        }
    }

    /** Runs done out of all the session will do, for the progress line. */
    private static final class Counter {
        private final int total;
        private int done;

        Counter(int total) {
            this.total = total;
        }
    }

    /** Each cell's warm-up runs, then its measured runs as a row. */
    private List<Row> runAll(List<Cell> cells, int warmups, int repeats, Counter done) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (Cell cell : cells) {
            rows.add(measure(cell, warmUp(cell, warmups, done), repeats, done));
        }
        return rows;
    }

    /** The cell's warm-up runs: the first failed check among them, or null if all passed (or there were none). */
    private Check warmUp(Cell cell, int warmups, Counter done) throws InterruptedException {
        Check failed = null;
        ChildActivity.Recording recording = runner.childRecording();
        runner.recordChildrenBeside(null); // a warm-up's children are not recorded, as the warm-up is not
        try {
            failed = warmUpRuns(cell, warmups, done);
        } finally {
            runner.recordChildrenBeside(recording);
        }
        return failed;
    }

    private Check warmUpRuns(Cell cell, int warmups, Counter done) throws InterruptedException {
        Check failed = null;
        for (int w = 1; w <= warmups; w++) {
            stopIfCancelled();
            progress.show(++done.done, done.total, cell.label() + " (warm-up)");
            Check check = runner.run(cell.pattern(), cell.mode(), cell.variant(), cell.workload()).check();
            if (failed == null && !check.ok()) {
                failed = Check.failed("warm-up run " + w + " of " + warmups + ": " + check.detail());
            }
        }
        return failed;
    }

    /** The cell's measured runs, as one row; a failed warm-up fails the row. */
    private Row measure(Cell cell, Check failedWarmUp, int repeats, Counter done) throws InterruptedException {
        List<RunReport> reports = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            stopIfCancelled();
            progress.show(++done.done, done.total, cell.label());
            reports.add(runner.run(cell.pattern(), cell.mode(), cell.variant(), cell.workload()));
        }
        stopIfCancelled(); // a run that Ctrl-C stopped did not finish, whatever it returned
        Row row = Row.of(reports);
        Row result = failedWarmUp == null || !row.check().ok() ? row : row.withCheck(failedWarmUp);
        finished.add(result);
        return result;
    }

    /**
     * One line when pins were set apart from the {@code pinned} column: how many, and what they
     * were (a class's first use, JFR's own); nothing otherwise.
     */
    static Optional<String> apartNote(List<Row> rows) {
        PinTally apart = rows.stream().map(Row::pinsApart).reduce(PinTally.NONE, PinTally::plus);
        if (apart.apartTotal() == 0) {
            return Optional.empty();
        }
        String what = apart.apart().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return Optional.of(String.format(Locale.ROOT, "Not in pinned: %d pin%s while the JVM %s (%s), not the patterns' code.",
                apart.apartTotal(), apart.apartTotal() == 1 ? "" : "s",
                apart.recorder() == 0 ? "met classes for the first time"
                        : apart.firstUse() == 0 ? "recorded (JFR's own event code)" : "met classes for the first time or recorded",
                what));
    }

    /** Prints a note under a table, wrapped to the table's {@value ReportFormat#TABLE_WIDTH} columns. */
    static void note(PrintWriter out, String note) {
        StringBuilder line = new StringBuilder();
        for (String word : note.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > ReportFormat.TABLE_WIDTH) {
                out.println(line);
                line = new StringBuilder("  ");
            }
            line.append(line.length() == 0 || line.toString().equals("  ") ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            out.println(line);
        }
    }

    /** One line when virtual threads were not counted, saying why; nothing otherwise. */
    static Optional<String> notCountedNote(List<Row> rows) {
        return rows.stream().anyMatch(row -> row.virtualThreads() < 0)
                ? Optional.of("virtual_threads '-': not counted, because the recording's profile leaves jdk.VirtualThreadStart off "
                        + "and counting would add one event per virtual thread to the file (JFR merges the settings of recordings).")
                : Optional.empty();
    }

    /** After the table: what each recording holds, the child JVMs' recordings, and how to open them. */
    static void describeRecordings(List<Path> files, List<Path> childFiles, PrintWriter out) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        out.println();
        if (files.size() == 1) {
            out.println("Recording: " + files.getFirst());
            RecordingSummary.read(files.getFirst()).lines().forEach(out::println);
        } else {
            out.println("Recordings (" + files.size() + ") in " + files.getFirst().getParent() + ":");
            for (Path file : files) {
                RecordingSummary summary = RecordingSummary.read(file);
                out.printf(Locale.ROOT, "  %-48s %7d virtual threads started, %4d pins, %d submit failures%n",
                        file.getFileName(), summary.virtualThreadsStarted(), summary.pins(), summary.submitFailures());
            }
        }
        if (!childFiles.isEmpty()) {
            out.println("Child JVMs recorded too, beside it (" + childFiles.size() + "):");
            for (Path file : childFiles) {
                RecordingSummary summary = RecordingSummary.read(file);
                out.printf(Locale.ROOT, "  %-48s %7d virtual threads started, %4d pins%n", file.getFileName(),
                        summary.virtualThreadsStarted(), summary.pins());
            }
        }
        Path example = files.getFirst();
        String jfr = jfrTool();
        out.println("Open in JDK Mission Control: File > Open File, then the Event Browser: 'Loom Patterns' holds each run,");
        out.println("  'Java Application' the jdk.VirtualThread* events. On the command line, with this JDK's jfr:");
        out.println("  " + jfr + " print --events loompatterns.PatternRun " + example);
        out.println("  " + jfr + " print --events jdk.VirtualThreadPinned --stack-depth 64 " + example);
    }
}
