package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.testing.Background;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream stopped by a thread whose interrupt flag is set, or that is interrupted while it stops
 * the stream, still delivers, and the flag stays set.
 */
@Timeout(60) // backstop only
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

    /**
     * The interrupt comes while {@code stop()} waits for the last events, held back here by a
     * handler that waits for the test: JDK 25's {@code stop()} swallowed it and returned before they
     * were delivered (on the old code the stopper returned with no event seen and its flag clear).
     */
    @Test
    void anInterruptWhileTheStreamStopsIsKeptAndEveryEventStillArrives() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch delivering = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        AtomicInteger seenOnReturn = new AtomicInteger(-1);
        AtomicBoolean flagOnReturn = new AtomicBoolean();
        try (RecordingStream stream = new RecordingStream()) {
            stream.enable(TaskStartedEvent.NAME);
            stream.onEvent(TaskStartedEvent.NAME, event -> {
                delivering.countDown();
                awaitIgnoringInterrupts(goOn); // the stream's own thread: holds back the delivery
                seen.incrementAndGet();
            });
            stream.startAsync();
            TaskStartedEvent.at(1);
            TaskStartedEvent.at(2);
            delivering.await(); // the first event is in the handler; the second waits behind it

            Thread stopper = Thread.ofPlatform().name("stopper").start(() -> {
                PinStream.stopKeepingInterrupt(stream);
                seenOnReturn.set(seen.get());
                flagOnReturn.set(Thread.interrupted());
            });
            try {
                // the stopper waits for the held-back delivery (the stream cannot end before it)
                Background.awaitUntil(() -> stopper.getState() == Thread.State.WAITING || !stopper.isAlive());
                assertThat(stopper.isAlive())
                        .as("the stopper waits for the held-back delivery")
                        .isTrue();
                stopper.interrupt();
                // it has taken the interrupt in, and has either returned or waits again
                Background.awaitUntil(() -> !stopper.isInterrupted()
                        && (stopper.getState() == Thread.State.WAITING
                                || stopper.getState() == Thread.State.TERMINATED));
            } finally {
                goOn.countDown();
                stopper.join();
            }
        }
        assertThat(seenOnReturn)
                .as("events delivered when stopKeepingInterrupt returned")
                .hasValue(2);
        assertThat(flagOnReturn).as("the interrupt, kept for the caller").isTrue();
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** stop() runs on a thread of its own: what it throws still reaches the caller. */
    @Test
    void whatStopThrowsReachesTheCaller() {
        try (RecordingStream neverStarted = new RecordingStream()) {
            assertThatThrownBy(() -> PinStream.stopKeepingInterrupt(neverStarted))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
