package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * When its stream is stuck, an {@link ActivityCounter} counts from a dump of its recording
 * ({@link PinStream#stopKeepingInterrupt}): only the events since it started, and the stream's
 * own late deliveries are then ignored, so nothing is counted twice.
 */
@Timeout(60) // backstop only
class ActivityCounterReplayTest {

    @Test
    void aReplayCountsTheRecordingsEventsSinceTheCounterStartedAndNothingTwice(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("threads.jfr");
        List<RecordedEvent> events;
        try (ActivityCounter counter = new ActivityCounter()) {
            try (Recording recording = new Recording()) {
                recording.enable(ActivityCounter.VIRTUAL_THREAD_START);
                recording.start();
                startAndJoinVirtualThreads(2); // before the counter: not its
                counter.start();
                startAndJoinVirtualThreads(3);
                recording.stop();
                recording.dump(file);
            }
            events = RecordingFile.readAllEvents(file);
            assertThat(events).as("the recording's virtual thread starts").hasSizeGreaterThanOrEqualTo(5);

            counter.replay(events);
            startAndJoinVirtualThreads(2); // delivered by its stream after the replay: ignored
            counter.stop();

            assertThat(counter.virtualThreadsStarted()).isEqualTo(3);
        }
    }

    private static void startAndJoinVirtualThreads(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            Thread.ofVirtual().start(() -> {}).join();
        }
    }
}
