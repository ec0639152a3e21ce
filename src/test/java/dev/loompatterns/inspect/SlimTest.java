package dev.loompatterns.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.testing.ManyEvents;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlimTest {

    /** Events in the recording the tests copy. */
    static final long EVENTS = 1_000;

    private static Path recording(Path dir) throws Exception {
        return ManyEvents.record(dir.resolve("many.jfr"), EVENTS);
    }

    /**
     * Copying ignores interrupts, so Ctrl-C during 'loom inspect --slim' of a large recording used to
     * wait out the CLI's grace period; the copy now stops, and leaves no file. On the old code the
     * whole copy was written.
     */
    @Test
    void anInterruptedCopyStopsAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path file = recording(dir);
        Path target = dir.resolve("slim.jfr");
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Slim.write(file, target)).isInstanceOf(InterruptedIOException.class);
        } finally {
            Thread.interrupted(); // not left set for the next test
        }
        assertThat(target).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary file either").containsExactly(file);
        }
    }

    @Test
    void withoutAnInterruptItCopiesEveryEventKept(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("slim.jfr");
        Slim.write(recording(dir), target);
        try (var copy = new jdk.jfr.consumer.RecordingFile(target)) {
            long events = 0;
            while (copy.hasMoreEvents()) {
                copy.readEvent();
                events++;
            }
            assertThat(events).isGreaterThanOrEqualTo(EVENTS);
        }
    }
}
