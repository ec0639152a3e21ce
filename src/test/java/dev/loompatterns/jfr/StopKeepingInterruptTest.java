package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/** A stream stopped by a thread whose interrupt flag is set still delivers, and the flag stays set. */
class StopKeepingInterruptTest {

    @Test
    void anInterruptedCallerKeepsItsFlagAndGetsEveryEvent() {
        AtomicInteger seen = new AtomicInteger();
        try (RecordingStream stream = new RecordingStream()) {
            stream.enable(TaskStartedEvent.NAME);
            stream.onEvent(TaskStartedEvent.NAME, event -> seen.incrementAndGet());
            stream.startAsync();
            for (int i = 0; i < 3; i++) {
                TaskStartedEvent.at(i);
            }

            Thread.currentThread().interrupt();
            try {
                PinStream.stopKeepingInterrupt(stream);
                assertThat(Thread.currentThread().isInterrupted())
                        .as("the caller's interrupt")
                        .isTrue();
            } finally {
                Thread.interrupted(); // not left set for the next test
            }
        }
        assertThat(seen).as("events committed before stop()").hasValue(3);
    }
}
