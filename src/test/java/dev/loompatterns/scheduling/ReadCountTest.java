package dev.loompatterns.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What FileReads counts when its stream stalled and the counts come from a replay of the
 * recording: the reads of its file only, each once, whatever the stream delivered before or after.
 */
@Timeout(60) // backstop only
class ReadCountTest {

    @Test
    void aReplayCountsTheFilesReadsOnceAndLateDeliveriesAreIgnored(@TempDir Path dir) throws Exception {
        Path mine = Files.write(dir.resolve("mine.bin"), new byte[4096]);
        Path other = Files.write(dir.resolve("other.bin"), new byte[4096]);
        Path jfr = dir.resolve("reads.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(ReadCount.FILE_READ).withThreshold(Duration.ZERO);
            recording.enable("jdk.FileWrite").withThreshold(Duration.ZERO); // another type, with a path too
            recording.start();
            Files.write(mine, new byte[4096]);
            Files.readAllBytes(mine);
            Files.readAllBytes(other);
            Thread.ofVirtual().start(() -> read(mine)).join();
            recording.stop();
            recording.dump(jfr);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        assertThat(events)
                .as("a write of the file too, which is no read")
                .anyMatch(event -> event.getEventType().getName().equals("jdk.FileWrite")
                        && mine.toString().equals(event.getString("path")));
        List<RecordedEvent> minesReads = events.stream()
                .filter(event -> event.getEventType().getName().equals(ReadCount.FILE_READ))
                .filter(event -> mine.toString().equals(event.getString("path")))
                .toList();
        assertThat(minesReads).as("reads of the file, recorded").isNotEmpty();
        long virtualReads = minesReads.stream()
                .filter(event -> event.getThread().isVirtual())
                .count();
        assertThat(virtualReads).as("reads on the virtual thread").isPositive();

        ReadCount count = new ReadCount(mine.toString());
        count.delivered(minesReads.getFirst()); // delivered before the stall: forgotten by the replay
        count.replay(events);
        count.delivered(minesReads.getLast()); // delivered after the replay: ignored

        FileReads.Measurement measured = count.measurement(0);
        assertThat(measured.reads()).isEqualTo(minesReads.size());
        assertThat(measured.virtual()).isEqualTo(virtualReads);
        assertThat(measured.readTime())
                .isEqualTo(minesReads.stream().map(RecordedEvent::getDuration).reduce(Duration.ZERO, Duration::plus));
    }

    private static void read(Path file) {
        try {
            Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
