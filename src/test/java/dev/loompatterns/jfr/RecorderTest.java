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
}
