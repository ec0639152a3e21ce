package dev.loompatterns.cli;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.core.Runner;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.jfr.Recorder;
import dev.loompatterns.jfr.RecordingSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jfr.Configuration;

/** Runs a list of cells (pattern, mode, variant, workload), repeating and recording as asked. */
final class Session {

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

    /** The rows, and the recordings written (in order). */
    record Outcome(List<Row> rows, List<Path> recordings) {
        boolean allPassed() {
            return rows.stream().allMatch(row -> row.check().ok());
        }
    }

    private final Runner runner = new Runner();
    private final Progress progress;

    Session(Progress progress) {
        this.progress = progress;
    }

    Outcome run(List<Cell> cells, int repeats, Recording recording) throws InterruptedException {
        int[] done = {0};
        int total = cells.size() * repeats;
        try {
            return switch (recording) {
                case Recording.None none -> new Outcome(runAll(cells, repeats, done, total), List.of());
                case Recording.OneFile one -> {
                    try (Recorder recorder = Recorder.start(one.profile(), one.file())) {
                        List<Row> rows = runAll(cells, repeats, done, total);
                        yield new Outcome(rows, List.of(recorder.finish()));
                    }
                }
                case Recording.FilePerCell each -> {
                    List<Row> rows = new ArrayList<>();
                    List<Path> files = new ArrayList<>();
                    for (Cell cell : cells) {
                        try (Recorder recorder = Recorder.start(each.profile(), each.dir().resolve(cell.fileName()))) {
                            rows.addAll(runAll(List.of(cell), repeats, done, total));
                            files.add(recorder.finish());
                        }
                    }
                    yield new Outcome(rows, files);
                }
            };
        } finally {
            progress.clear();
        }
    }

    private List<Row> runAll(List<Cell> cells, int repeats, int[] done, int total) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (Cell cell : cells) {
            List<RunReport> reports = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                progress.show(++done[0], total, cell.label());
                reports.add(runner.run(cell.pattern(), cell.mode(), cell.variant(), cell.workload()));
            }
            rows.add(Row.of(reports));
        }
        return rows;
    }

    /** After the table: what each recording holds and how to open it. */
    static void describeRecordings(List<Path> files, PrintWriter out) throws IOException {
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
        Path example = files.getFirst();
        out.println("Open in JDK Mission Control: File > Open File, then the Event Browser: 'Loom Patterns' holds each run,");
        out.println("  'Java Application' the jdk.VirtualThread* events. On the command line:");
        out.println("  jfr print --events loompatterns.PatternRun " + example);
        out.println("  jfr print --events jdk.VirtualThreadPinned " + example);
    }
}
