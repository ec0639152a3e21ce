package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream stopped through {@link StreamStopper} delivers every event committed before the stop
 * to its handlers, here inside another running stream (as a run's streams are, inside its
 * {@link ActivityCounter}); a replay is only for a stream that stalled (covered with the stall held
 * in place by {@code StopKeepingInterruptTest}).
 */
@Timeout(60) // backstop only
class StreamStopperTest {

    @Test
    void everyEventBeforeTheStopArrivesInsideAnotherRecording() throws InterruptedException {
        AtomicInteger seen = new AtomicInteger();
        try (ActivityCounter outer = new ActivityCounter().start();
                RecordingStream stream = new RecordingStream()) {
            StreamStopper stopper = new StreamStopper(stream);
            stream.enable(TaskStartedEvent.NAME);
            stream.onEvent(TaskStartedEvent.NAME, event -> seen.incrementAndGet());
            stream.startAsync();
            for (int i = 0; i < 5; i++) {
                TaskStartedEvent.at(i);
            }
            stopper.stop(events -> {
                seen.set((int) events.stream()
                        .filter(event -> event.getEventType().getName().equals(TaskStartedEvent.NAME))
                        .count());
            });
            outer.stop();
        }
        assertThat(seen)
                .as("events committed before the stop, delivered to the handlers or, if the stream stalled, replayed")
                .hasValue(5);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
