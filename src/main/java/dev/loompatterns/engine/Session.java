package dev.loompatterns.engine;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.ChildActivity;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.core.Runner;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.jfr.ActivityCounter;
import dev.loompatterns.jfr.AtomicFile;
import dev.loompatterns.jfr.Recorder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import jdk.jfr.Configuration;

/**
 * Runs a list of cells (pattern, mode, variant, workload), warming up, repeating and recording as
 * asked. A cell's warm-up runs come first, are left out of its row's figures, and are not in its
 * recording when each cell has a file of its own; a warm-up whose check fails still fails the row.
 */
public final class Session {

    /** One pattern in one mode and variant, with its workload. */
    public record Cell(Pattern pattern, Mode mode, Variant variant, Workload workload) {
        String label() {
            return pattern.id() + " " + mode.id() + " " + variant.id();
        }

        String fileName() {
            return pattern.id() + "-" + mode.id() + "-" + variant.id() + ".jfr";
        }
    }

    /** Where recordings go: nowhere, one file for the whole session, or one file per cell in a folder. */
    public sealed interface Recording {
        record None() implements Recording {}

        /**
         * One file for the whole session.
         *
         * @param chosen the file's name is one loom chose, not the user ({@code run --jfr}'s default): the session takes
         *               it, or the next free one, when it starts ({@link AtomicFile#takeFreeName}), and the recording
         *               takes it only if no file has it when written ({@link Recorder#startNew})
         */
        record OneFile(Configuration profile, Path file, boolean chosen) implements Recording {
            public OneFile(Configuration profile, Path file) {
                this(profile, file, false);
            }
        }

        record FilePerCell(Configuration profile, Path dir) implements Recording {}
    }

    /** The rows, and the recordings written (in order); the child JVMs' recordings are in the rows. */
    public record Outcome(List<Row> rows, List<Path> recordings) {
        public boolean allPassed() {
            return rows.stream().allMatch(row -> row.check().ok());
        }

        /** Recordings the runs' child JVMs wrote, beside the session's own. */
        public List<Path> childRecordings() {
            return rows.stream().flatMap(row -> row.childRecordings().stream()).toList();
        }
    }

    private final Runner runner = new Runner();
    /**
     * The rows finished so far, in order, for a stop by Ctrl-C to print: with a file per cell, a row once its
     * recording and its child JVMs' are in place (a row whose recording was discarded is not handed on, its
     * child files gone with it).
     */
    private final List<Row> finished = new ArrayList<>();
    /** The recordings of the cells finished so far, in order: one a cell with {@code --jfr-dir}. */
    private final List<Path> kept = new ArrayList<>();

    private final Progress progress;

    public Session(Progress progress) {
        this.progress = progress;
    }

    /**
     * Checks every cell's parameters ({@link Pattern#validate}) before any runs: a usage error in the
     * last cell then costs no run of the first and leaves no recording behind. A command calls it
     * before it makes its recordings' folder; {@link #run} calls it again, before anything.
     *
     * @throws dev.loompatterns.core.UsageException for the first cell whose parameters are wrong
     */
    public static void validate(List<Cell> cells) {
        for (Cell cell : cells) {
            cell.pattern().validate(cell.mode(), cell.variant(), cell.workload());
        }
    }

    Outcome run(List<Cell> cells, int warmups, int repeats, Recording recording) throws InterruptedException {
        validate(cells);
        Counter done = new Counter(cells.size() * (warmups + repeats));
        runner.countVirtualThreads(
                switch (recording) {
                    case Recording.None none -> true;
                    case Recording.OneFile one -> ActivityCounter.recordsVirtualThreadStarts(one.profile());
                    case Recording.FilePerCell each -> ActivityCounter.recordsVirtualThreadStarts(each.profile());
                });
        try {
            return switch (recording) {
                case Recording.None none -> new Outcome(runAll(cells, warmups, repeats, done), List.of());
                case Recording.OneFile one -> {
                    // a name loom chose is taken before the run: another loom that chose it too records to the next
                    Path file = one.chosen() ? takeFreeName(one.file()) : one.file();
                    try {
                        yield recordToOneFile(cells, warmups, repeats, done, one, file);
                    } finally {
                        if (one.chosen()) {
                            AtomicFile.releaseName(file);
                        }
                    }
                }
                case Recording.FilePerCell each -> {
                    for (Cell cell : cells) { // before the first run: a cell's name may be a file of the user's
                        Recorder.checkTarget(each.dir().resolve(cell.fileName()));
                    }
                    List<Row> rows = new ArrayList<>();
                    for (Cell cell : cells) {
                        Check warmUp = warmUp(cell, warmups, done); // before the cell's recording starts
                        Path file = each.dir().resolve(cell.fileName());
                        ChildActivity.Recording children = new ChildActivity.Recording(file, each.profile());
                        runner.recordChildrenBeside(children);
                        stopIfCancelled(); // with no warm-up, nothing else asked since the last cell
                        try (Recorder recorder = Recorder.start(each.profile(), file)) {
                            Row row = measure(cell, warmUp, repeats, done);
                            rows.add(row);
                            kept.add(finish(recorder));
                            children.keep(); // the children's files take their names beside it
                            children.deleteEarlierFiles(row.childRecordings()); // no earlier run's -child-N beside it
                            // handed on by Ctrl-C only now, its files in place: a discarded recording takes its row
                            // along
                            finished.add(row);
                        } catch (Throwable discarded) {
                            children.deleteFiles(); // the cell's recording they belong to is discarded
                            throw discarded;
                        }
                    }
                    yield new Outcome(rows, List.copyOf(kept));
                }
            };
        } finally {
            runner.recordChildrenBeside(null);
            progress.clear();
        }
    }

    /** The session recorded to {@code file}, {@code one}'s or, for a name loom chose, the one it took. */
    private Outcome recordToOneFile(
            List<Cell> cells, int warmups, int repeats, Counter done, Recording.OneFile one, Path file)
            throws InterruptedException {
        ChildActivity.Recording children = new ChildActivity.Recording(file, one.profile());
        runner.recordChildrenBeside(children);
        stopIfCancelled();
        try (Recorder recorder =
                one.chosen() ? Recorder.startNew(one.profile(), file) : Recorder.start(one.profile(), file)) {
            List<Row> rows = runAll(cells, warmups, repeats, done);
            Path written = finish(recorder);
            children.keep(); // the children's files take their names beside it
            children.deleteEarlierFiles(rows.stream()
                    .flatMap(row -> row.childRecordings().stream())
                    .toList()); // no earlier run's -child-N beside it
            return new Outcome(rows, List.of(written));
        } catch (Throwable discarded) {
            children.deleteFiles(); // the recording they belong to is discarded
            throw discarded;
        }
    }

    /** {@link AtomicFile#takeFreeName}, a folder that takes no file said as a recording not written is. */
    private static Path takeFreeName(Path first) {
        try {
            return AtomicFile.takeFreeName(first);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not take a name for the recording " + first, e);
        }
    }

    /**
     * As {@link #run(List, int, int, Recording)}; stopped by Ctrl-C, it first hands the rows finished
     * so far (if any), with the recordings of the cells they are, to {@code printFinished}, then rethrows,
     * so the interrupt ends the command (exit 130). After Ctrl-C, JFR's own shutdown stops recordings under the run, whatever it was
     * doing: any failure then is the interrupt's.
     */
    public Outcome run(List<Cell> cells, int warmups, int repeats, Recording recording, Consumer<Outcome> printFinished)
            throws Exception {
        try {
            return run(cells, warmups, repeats, recording);
        } catch (Exception e) {
            if (!(e instanceof InterruptedException) && !Cancellation.requested()) {
                throw e;
            }
            if (!finished.isEmpty()) {
                printFinished.accept(new Outcome(List.copyOf(finished), List.copyOf(kept)));
            }
            throw e;
        }
    }

    /**
     * Writes the recording; an interrupt (Ctrl-C) that stops the write is an interrupt, not an
     * I/O error: the recording is then discarded, as a run in progress's is.
     */
    private static Path finish(Recorder recorder) throws InterruptedException {
        try {
            // asked once more when the recording is written, before it takes its name
            return recorder.finish(Session::stopRequested);
        } catch (java.io.UncheckedIOException e) {
            if (stopRequested() || e.getCause() instanceof java.nio.channels.ClosedByInterruptException) {
                throw new InterruptedException("stopped while writing the recording");
            }
            throw e;
        }
    }

    /** Whether Ctrl-C (TERM, HUP) came: asked for, or this thread interrupted. */
    private static boolean stopRequested() {
        return Cancellation.requested() || Thread.currentThread().isInterrupted();
    }

    /** Before each run: after Ctrl-C, no run starts. */
    private static void stopIfCancelled() throws InterruptedException {
        if (stopRequested()) {
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
            Row row = measure(cell, warmUp(cell, warmups, done), repeats, done);
            rows.add(row);
            finished.add(row);
        }
        return rows;
    }

    /** The cell's warm-up runs: the first failed check among them, or null if all passed (or there were none). */
    private Check warmUp(Cell cell, int warmups, Counter done) throws InterruptedException {
        ChildActivity.Recording recording = runner.childRecording();
        runner.recordChildrenBeside(null); // a warm-up's children are not recorded, as the warm-up is not
        try {
            return warmUpRuns(cell, warmups, done);
        } finally {
            runner.recordChildrenBeside(recording);
        }
    }

    private Check warmUpRuns(Cell cell, int warmups, Counter done) throws InterruptedException {
        Check failed = null;
        for (int w = 1; w <= warmups; w++) {
            stopIfCancelled();
            Check check;
            try (Progress.Ticking ticking = progress.ticking(++done.done, done.total, cell.label() + " (warm-up)")) {
                check = runner.run(cell.pattern(), cell.mode(), cell.variant(), cell.workload())
                        .check();
            }
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
            // the seconds go on beside the label: a platform run of 20,000 waiters showed one still line for 130 s
            try (Progress.Ticking ticking = progress.ticking(++done.done, done.total, cell.label())) {
                reports.add(runner.run(cell.pattern(), cell.mode(), cell.variant(), cell.workload()));
            }
        }
        stopIfCancelled(); // a run that Ctrl-C stopped did not finish, whatever it returned
        Row row = Row.of(reports);
        return failedWarmUp == null || !row.check().ok() ? row : row.withCheck(failedWarmUp);
    }
}
