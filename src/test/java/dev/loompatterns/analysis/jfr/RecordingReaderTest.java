package dev.loompatterns.analysis.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.testing.ManyEvents;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderTest {

    /** Events in the recording the tests read. */
    private static final long EVENTS = 1_000;

    private static Path recording(Path dir) throws Exception {
        return ManyEvents.record(dir.resolve("many.jfr"), EVENTS);
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
                    .isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted())
                    .as("the thread stays interrupted")
                    .isTrue();
        } finally {
            Thread.interrupted(); // not left set for the next test
        }
    }

    @Test
    void withoutAnInterruptItReadsEveryEvent(@TempDir Path dir) throws Exception {
        assertThat(RecordingReader.analyze(recording(dir), events -> {}).events())
                .isGreaterThanOrEqualTo(EVENTS);
    }
}
