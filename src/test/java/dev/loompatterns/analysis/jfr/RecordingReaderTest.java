package dev.loompatterns.analysis.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.jfr.TaskStartedEvent;
import java.nio.file.Path;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderTest {

    /** A recording of more events than the reader reads between two looks at its thread's interrupt. */
    private static Path recording(Path dir) throws Exception {
        Path file = dir.resolve("many.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(TaskStartedEvent.NAME);
            recording.start();
            for (long i = 0; i < RecordingReader.INTERRUPT_CHECK_EVERY + 10; i++) {
                TaskStartedEvent.at(i);
            }
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /**
     * Reading a file ignores interrupts, so Ctrl-C during 'loom inspect' of a large recording used to
     * wait out the CLI's grace period; the reader now stops. On the old code this read the whole file.
     */
    @Test
    void anInterruptedReaderStops(@TempDir Path dir) throws Exception {
        Path file = recording(dir);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> RecordingReader.analyze(file, events -> {}))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted(); // not left set for the next test
        }
    }

    @Test
    void withoutAnInterruptItReadsEveryEvent(@TempDir Path dir) throws Exception {
        assertThat(RecordingReader.analyze(recording(dir), events -> {}).events())
                .isGreaterThanOrEqualTo(RecordingReader.INTERRUPT_CHECK_EVERY + 10);
    }
}
