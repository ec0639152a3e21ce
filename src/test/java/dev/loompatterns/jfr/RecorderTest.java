package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {

    /**
     * A recording under a name loom chose (run's bare --jfr) is not written over a file that took the name while the
     * run went on: another run's, in another container with the same pid, started in the same second. That file
     * stays as it was, the recording is not written, and why is said by AtomicFile.NotWritten, which the CLI prints
     * in one line (exit 1). A recording under the user's name replaces a recording there, as before.
     */
    @Test
    void aRecordingUnderAChosenNameIsNotWrittenOverAFileMadeMeanwhile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("loom-lock-counter-20261202-051014-1.jfr");
        try (Recorder recorder = Recorder.startNew(Profiles.load("pinning"), target)) {
            Files.writeString(target, "the other run's");
            assertThatThrownBy(recorder::finish)
                    .isInstanceOf(UncheckedIOException.class)
                    .cause()
                    .isInstanceOf(AtomicFile.NotWritten.class)
                    .hasMessageContaining("a file of that name was made while loom worked");
            assertThat(recorder.finished()).isFalse();
        }
        assertThat(Files.readString(target)).isEqualTo("the other run's");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target); // no temporary file left beside it
        }

        Path chosenByTheUser = dir.resolve("run.jfr");
        Files.writeString(chosenByTheUser, "");
        try (Recorder recorder = Recorder.start(Profiles.load("pinning"), chosenByTheUser)) {
            assertThat(recorder.finish()).isEqualTo(chosenByTheUser);
        }
        assertThat(Recorder.startsLikeARecording(chosenByTheUser)).isTrue();
    }

    /**
     * Stopped (Ctrl-C) while JFR wrote the recording: asked once it is written, before it takes its name, the
     * recording is not kept, over a file or over nothing, and nothing is left beside it. The whole file was kept, its
     * summary printed, and the exit was 130 without the line that says the run stopped (a review).
     */
    @Test
    void aRecordingStoppedWhileItWasWrittenTakesNoName(@TempDir Path dir) throws IOException {
        Path earlier = Files.writeString(dir.resolve("kept.jfr"), "");
        for (Path target : java.util.List.of(dir.resolve("new.jfr"), earlier)) {
            try (Recorder recorder = target.equals(earlier)
                    ? Recorder.start(Profiles.load("pinning"), target)
                    : Recorder.startNew(Profiles.load("pinning"), target)) {
                assertThatThrownBy(() -> recorder.finish(() -> true))
                        .isInstanceOf(UncheckedIOException.class)
                        .cause()
                        .isInstanceOf(java.io.InterruptedIOException.class);
                assertThat(recorder.finished()).isFalse();
            }
        }
        assertThat(Files.size(earlier))
                .as("the file it would have replaced, as it was")
                .isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(earlier); // not new.jfr, and no temporary file
        }
    }

    /**
     * Two runs that chose one default name (two containers, each loom pid 1, started in the same second) record to two
     * files: the name is taken when a run starts, and the other takes the next one. Both saw the name free, and the
     * later to finish was refused ("a file of that name was made while loom worked", exit 1, no recording). A file
     * there is stepped over, never written over, and nothing is left beside the recordings once the names are given
     * back.
     */
    @Test
    void twoRunsThatChoseOneNameRecordToTwoFiles(@TempDir Path dir) throws IOException {
        // the name both runs chose, the time to the second and the pid alike; a file of the user's has it already
        Path chosen = dir.resolve("loom-lock-counter-20261202-051014-1.jfr");
        Path users = Files.writeString(chosen, "the user's");
        Path first = AtomicFile.takeFreeName(chosen);
        Path second = AtomicFile.takeFreeName(chosen);
        assertThat(first).isEqualTo(dir.resolve("loom-lock-counter-20261202-051014-1-2.jfr"));
        assertThat(second).isEqualTo(dir.resolve("loom-lock-counter-20261202-051014-1-3.jfr"));
        assertThat(AtomicFile.freeName(chosen))
                .as("what a third run would look for")
                .isEqualTo(dir.resolve("loom-lock-counter-20261202-051014-1-4.jfr"));
        try (Recorder earlier = Recorder.startNew(Profiles.load("pinning"), first);
                Recorder later = Recorder.startNew(Profiles.load("pinning"), second)) {
            assertThat(later.finish()).isEqualTo(second); // the later-started one finishes first
            assertThat(earlier.finish()).isEqualTo(first);
        } finally {
            AtomicFile.releaseName(first);
            AtomicFile.releaseName(second);
        }
        assertThat(Recorder.startsLikeARecording(first)).isTrue();
        assertThat(Recorder.startsLikeARecording(second)).isTrue();
        assertThat(Files.readString(users)).isEqualTo("the user's");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(users, first, second);
        }
    }
}
