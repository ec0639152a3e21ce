package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.jfr.PatternRunEvent;
import dev.loompatterns.jfr.Profiles;
import dev.loompatterns.testing.Background;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionTest {

    /** A pattern that answers its n-th run (from 1) with the check the test gives, and remembers each run's number. */
    private static final class Numbered implements Pattern {
        private final IntFunction<Check> checkOfRun;
        private final List<Integer> runs = new ArrayList<>();

        Numbered(IntFunction<Check> checkOfRun) {
            this.checkOfRun = checkOfRun;
        }

        @Override
        public PatternInfo info() {
            return PatternInfo.of(99, "numbered", "numbered", "none", 1).build();
        }

        @Override
        public synchronized Check run(Mode mode, Variant variant, Workload workload) {
            runs.add(runs.size() + 1);
            return checkOfRun.apply(runs.size());
        }
    }

    /**
     * A run whose child JVM records beside the run's file and ends, after which the run is stopped
     * as Ctrl-C stops it; it remembers whether the child's file was there before the stop.
     */
    private static final class ChildThenStopped implements Pattern {
        private final Path childFile;
        private boolean childRecorded;

        ChildThenStopped(Path childFile) {
            this.childFile = childFile;
        }

        @Override
        public PatternInfo info() {
            return PatternInfo.of(98, "child-then-stopped", "child then stopped", "none", 1)
                    .build();
        }

        @Override
        public Check run(Mode mode, Variant variant, Workload workload) throws InterruptedException {
            ChildJvm.Result child = ChildJvm.run(List.of(), Idle.class, List.of(), Duration.ofMinutes(2)); // backstop
            assertThat(child.exitCode()).as(child.stderr()).isZero();
            childRecorded = Files.exists(childFile);
            throw new InterruptedException("stopped, as Ctrl-C stops a run");
        }
    }

    /** A run that starts one child JVM, which records beside the run's file when the run records. */
    private static final class OneChild implements Pattern {
        @Override
        public PatternInfo info() {
            return PatternInfo.of(96, "one-child", "one child", "none", 1).build();
        }

        @Override
        public Check run(Mode mode, Variant variant, Workload workload) throws InterruptedException {
            ChildJvm.Result child = ChildJvm.run(List.of(), Idle.class, List.of(), Duration.ofMinutes(2)); // backstop
            return child.exitCode() == 0 ? Check.passed("child ended") : Check.failed(child.stderr());
        }
    }

    /** A child JVM's main that does nothing. */
    public static final class Idle {
        public static void main(String[] args) {
            // the child's recording is all the test needs
        }
    }

    private static Session.Cell cell(Pattern pattern) {
        return new Session.Cell(
                pattern, Mode.VIRTUAL, Variant.DEFAULT, Workload.resolve(pattern, Mode.VIRTUAL, null, Map.of()));
    }

    private static Session session() {
        return new Session(Progress.none(new PrintWriter(new StringWriter())));
    }

    /**
     * A row's line on a terminal goes on counting the seconds while its run takes them: it stood still, "[1/1] ...", for
     * the 130 s of a platform run of 20,000 waiters. The run here returns once the line has said a second.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60) // backstop only: without the ticking, the run waits for a second said for ever
    void aLongRunsLineCountsItsSeconds() throws InterruptedException {
        StringWriter shown = new StringWriter();
        PrintWriter err = new PrintWriter(shown);
        Pattern waitsForATick = new Numbered(n -> {
            try {
                // a StringWriter's buffer is a StringBuffer: its appends and toString are synchronized
                Background.awaitUntil(() -> shown.toString().contains(", 1 s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Check.passed("ticked");
        });

        Session.Outcome outcome = new Session(Progress.onTerminal(err, 0))
                .run(List.of(cell(waitsForATick)), 0, 1, new Session.Recording.None());

        assertThat(outcome.allPassed()).isTrue();
        assertThat(shown.toString()).contains("[1/1] numbered virtual default, 1 s");
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .as("the ticker ended with the run")
                .doesNotContain("loom-progress");
    }

    @Test
    void warmUpRunsComeFirstAndAreLeftOutOfTheRow() throws InterruptedException {
        Numbered pattern = new Numbered(n -> Check.passed("run " + n));

        Session.Outcome outcome = session().run(List.of(cell(pattern)), 2, 3, new Session.Recording.None());

        assertThat(pattern.runs).containsExactly(1, 2, 3, 4, 5);
        Row row = outcome.rows().getFirst();
        assertThat(row.repeats()).isEqualTo(3);
        assertThat(row.check().detail()).isIn("run 3", "run 4", "run 5"); // the median is one of the measured runs
        assertThat(outcome.allPassed()).isTrue();
    }

    @Test
    void aWarmUpThatFailsItsCheckFailsTheRow() throws InterruptedException {
        Numbered pattern = new Numbered(n -> n == 2 ? Check.failed("lost an item") : Check.passed("run " + n));

        Session.Outcome outcome = session().run(List.of(cell(pattern)), 3, 2, new Session.Recording.None());

        assertThat(outcome.allPassed()).isFalse();
        assertThat(outcome.rows().getFirst().check().detail()).isEqualTo("warm-up run 2 of 3: lost an item");
    }

    @Test
    void aFailedMeasuredRunIsReportedBeforeAFailedWarmUp() throws InterruptedException {
        Numbered pattern = new Numbered(n -> n == 1
                ? Check.failed("warm-up went wrong")
                : n == 3 ? Check.failed("measured went wrong") : Check.passed("run " + n));

        Session.Outcome outcome = session().run(List.of(cell(pattern)), 1, 3, new Session.Recording.None());

        assertThat(outcome.rows().getFirst().check().detail()).isEqualTo("run 2 of 3: measured went wrong");
    }

    /** Runs the pattern recorded to {@code file}, and checks it was stopped after its child JVM recorded. */
    private static void recordedThenStopped(ChildThenStopped pattern, Path file) {
        assertThatThrownBy(() -> session()
                        .run(
                                List.of(cell(pattern)),
                                0,
                                1,
                                new Session.Recording.OneFile(Profiles.load("pinning"), file)))
                .isInstanceOf(InterruptedException.class);
        assertThat(pattern.childRecorded)
                .as("the child JVM wrote its recording")
                .isTrue();
    }

    /**
     * A run stopped by Ctrl-C discards its recording, and with it the recordings of the child JVMs
     * it started: no {@code p-child-1.jfr} is left without its {@code p.jfr}.
     */
    @Test
    void aDiscardedRecordingTakesItsChildJvmsRecordingsWithIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.jfr");
        // the child records to a hidden file, which takes the name p-child-1.jfr when the run is kept
        ChildThenStopped pattern = new ChildThenStopped(dir.resolve(".p-child-1.jfr.pending"));

        recordedThenStopped(pattern, file);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * A run stopped after its child recorded, onto an earlier run's p.jfr and p-child-1.jfr, leaves both as they
     * were: it deleted the earlier child's file and kept the earlier parent (a review's interrupted re-run).
     */
    @Test
    void aDiscardedRerunLeavesTheEarlierRunsFilesAsTheyWere(@TempDir Path dir) throws IOException {
        byte[] earlier = {'F', 'L', 'R', 0, 0, 2, 0, 1};
        Path file = Files.write(dir.resolve("p.jfr"), earlier);
        Path child = Files.write(dir.resolve("p-child-1.jfr"), earlier);
        ChildThenStopped pattern = new ChildThenStopped(dir.resolve(".p-child-1.jfr.pending"));

        recordedThenStopped(pattern, file);
        assertThat(file).hasBinaryContent(earlier);
        assertThat(child).hasBinaryContent(earlier);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactlyInAnyOrder(file, child);
        }
    }

    /**
     * Stopped by Ctrl-C in its second cell, a session with a file per cell hands on the first cell's row with its
     * recording and its child JVM's, which stay, so that the command can list them: it printed the row alone.
     */
    @Test
    void aStoppedSessionHandsOnTheFinishedCellsRecordings(@TempDir Path dir) throws IOException {
        List<Session.Outcome> handed = new ArrayList<>();
        // the stopped cell's child records to its hidden file, which goes with the discarded recording
        ChildThenStopped stopped =
                new ChildThenStopped(dir.resolve(".child-then-stopped-virtual-default-child-1.jfr.pending"));
        assertThatThrownBy(() -> session()
                        .run(
                                List.of(cell(new OneChild()), cell(stopped)),
                                0,
                                1,
                                new Session.Recording.FilePerCell(Profiles.load("pinning"), dir),
                                handed::add))
                .isInstanceOf(InterruptedException.class);

        assertThat(stopped.childRecorded)
                .as("the stopped cell's child JVM wrote its recording")
                .isTrue();
        Session.Outcome finished = handed.getFirst();
        assertThat(handed).hasSize(1);
        assertThat(finished.rows()).extracting(Row::pattern).containsExactly("one-child");
        Path recording = dir.resolve("one-child-virtual-default.jfr");
        assertThat(finished.recordings()).containsExactly(recording);
        assertThat(finished.childRecordings()).containsExactly(dir.resolve("one-child-virtual-default-child-1.jfr"));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left)
                    .containsExactlyInAnyOrderElementsOf(
                            Stream.concat(finished.recordings().stream(), finished.childRecordings().stream())
                                    .toList());
        }
        StringWriter listed = new StringWriter();
        Notes.listKept(finished, new PrintWriter(listed));
        assertThat(listed.toString().lines())
                .containsExactly(
                        "",
                        "Recordings of the rows above, kept (2) in " + dir + ":",
                        "  one-child-virtual-default.jfr",
                        "  one-child-virtual-default-child-1.jfr");
    }

    @Test
    void aCellsRecordingHoldsItsMeasuredRunsOnly(@TempDir Path dir) throws InterruptedException, IOException {
        Numbered pattern = new Numbered(n -> Check.passed("run " + n));

        Session.Outcome outcome = session()
                .run(List.of(cell(pattern)), 4, 2, new Session.Recording.FilePerCell(Profiles.load("pinning"), dir));

        assertThat(pattern.runs).hasSize(6);
        assertThat(outcome.recordings()).singleElement();
        long recordedRuns = RecordingFile.readAllEvents(outcome.recordings().getFirst()).stream()
                .filter(e -> e.getEventType().getName().equals(PatternRunEvent.NAME))
                .count();
        assertThat(recordedRuns).isEqualTo(2);
    }

    /**
     * A parameter that only the pattern can judge (url-fetch's fault kinds, its latency against its
     * timeout; a whole number out of range is refused sooner, by {@code Workload.resolve}) is judged for every cell before the first runs: it was found when its cell was prepared,
     * after the cells before it had run and recorded ('compare lock-counter url-fetch -P latency-ms=60000'
     * ran lock-counter for 24 s, then exited 2, its recordings left in --jfr-dir).
     */
    @ParameterizedTest(name = "{0} -P {1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
        faults  | faults     | bogus | faults: unknown kind 'bogus'
        default | latency-ms | 60000 | latency-ms (60000) must be below timeout-ms
        default | fault-rate | 5     | -P fault-rate applies only to the fault variants
        """)
    void aLaterCellsBadParameterStopsTheSessionBeforeTheFirstCellRuns(
            String variant, String name, String value, String message, @TempDir Path dir) throws IOException {
        Numbered first = new Numbered(n -> Check.passed("run " + n));
        Pattern urlFetch = Catalogue.load().find("url-fetch");
        Session.Cell later = new Session.Cell(
                urlFetch,
                Mode.VIRTUAL,
                urlFetch.variant(variant),
                Workload.resolve(urlFetch, Mode.VIRTUAL, 2, Map.of(name, value)));

        assertThatThrownBy(() -> session()
                        .run(
                                List.of(cell(first), later),
                                0,
                                1,
                                new Session.Recording.FilePerCell(Profiles.load("pinning"), dir)))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(message);

        assertThat(first.runs).as("runs of the first cell").isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("recordings left").isEmpty();
        }
    }

    /**
     * A recording written over an earlier one takes away the earlier run's child recordings that this run
     * did not write: a run with --repeat 3 left -child-2 and -child-3, which stayed beside the parent of a
     * later run that wrote -child-1 only. Files only like our names stay.
     */
    @Test
    void aCellsRecordingRemovesTheChildRecordingsOfAnEarlierRun(@TempDir Path dir) throws Exception {
        String stem = "one-child-virtual-default";
        for (String name : List.of(
                stem + ".jfr",
                stem + "-child-1.jfr",
                stem + "-child-2.jfr",
                stem + "-child-13.jfr",
                stem + "-child-2.jfr.bak",
                stem + "-child-x.jfr",
                stem + "-child-2-child-1.jfr",
                "one-child-platform-default-child-2.jfr")) {
            // a recording's magic: loom writes over, and deletes, only what it wrote (ChildRecordingFilesTest)
            Files.writeString(
                    dir.resolve(name), "FLR\0 an earlier run's", java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        Session.Outcome outcome = session()
                .run(
                        List.of(cell(new OneChild())),
                        0,
                        1,
                        new Session.Recording.FilePerCell(Profiles.load("pinning"), dir));

        assertThat(outcome.allPassed()).as(outcome.rows().toString()).isTrue();
        assertThat(outcome.childRecordings()).singleElement().isEqualTo(dir.resolve(stem + "-child-1.jfr"));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            stem + ".jfr",
                            stem + "-child-1.jfr",
                            stem + "-child-2.jfr.bak",
                            stem + "-child-x.jfr",
                            stem + "-child-2-child-1.jfr",
                            "one-child-platform-default-child-2.jfr");
        }
        for (String written : List.of(stem + ".jfr", stem + "-child-1.jfr")) {
            assertThat(RecordingFile.readAllEvents(dir.resolve(written)))
                    .as("%s is this run's recording, whole: JFR reads its events", written)
                    .isNotEmpty();
        }
    }
}
