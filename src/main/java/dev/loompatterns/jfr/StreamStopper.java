package dev.loompatterns.jfr;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Stops a {@link RecordingStream} so that every event committed before the stop is delivered, as
 * the harness's own streams are stopped ({@link PinStream}, {@link ActivityCounter}): JDK 25's
 * {@code stop()} can stall for good while another recording runs, and a run's streams always run
 * inside its {@link ActivityCounter}'s. See {@code PinStream.stopKeepingInterrupt} for how, and
 * docs/design.md ("Platform facts") for what was measured.
 *
 * <p>Usage: make it before the stream starts, register the handlers, start the stream, and
 * {@link #stop} it with a replay that rebuilds what the handlers built from the recording's events
 * (it is called only if the stream stalled, with every event of its recording).
 */
public final class StreamStopper {

    private final RecordingStream stream;
    private final PinStream.StopMark mark;

    /** Prepares a stream that has not started: it will deliver a stop mark, and keep its chunks for a dump. */
    public StreamStopper(RecordingStream stream) {
        this.stream = stream;
        this.mark = PinStream.StopMark.on(stream);
    }

    /**
     * Stops the stream. When it returns, every event committed before the call has reached the
     * stream's handlers, or, if the stream stalled, {@code replay} has been given every event of the
     * stream's recording (the handlers' state is then the replay's to rebuild).
     *
     * @param replay not null: rebuilds the handlers' state from the recording's events
     * @throws InterruptedException if the caller was interrupted before or while the stream stopped:
     *                              its events may be incomplete, so the caller must not measure them
     * @throws IllegalStateException if the stream stalled and its recording could not be dumped
     */
    public void stop(Consumer<List<RecordedEvent>> replay) throws InterruptedException {
        Objects.requireNonNull(replay, "replay");
        PinStream.stopKeepingInterrupt(stream, mark, replay);
        if (Thread.interrupted()) {
            throw new InterruptedException("cancelled while the stream stopped");
        }
    }
}
