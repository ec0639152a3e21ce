package dev.loompatterns.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.jfr.Recording;

/**
 * Test code run on a virtual thread of its own, with what it throws rethrown in the caller (a bare
 * {@code Thread.ofVirtual().start(action).join()} would drop an {@code AssertionError}), and the
 * pins it makes recorded to a file.
 */
public final class PinRecording {

    private PinRecording() {}

    /** Code run on the virtual thread; it may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /**
     * A virtual thread started now that waits for {@code go}, then runs {@code then}: a thread that was already
     * running when a recorder or window opened, whose pins are not its. The caller counts {@code go} down and joins
     * it ({@link Background#join()}: what {@code then} threw is thrown there), or closes it.
     */
    public static Background<Void> alreadyRunning(java.util.concurrent.CountDownLatch go, Action then) {
        return Background.startVirtual(() -> {
            go.await();
            then.run();
            return null;
        });
    }

    /**
     * The recordings of the event streams running now (JFR names a RecordingStream's recording "Recording Stream
     * ..."): the pin assertion's, and any other stream's, but not a recording someone runs around the build.
     */
    public static java.util.List<Recording> streamRecordings() {
        return jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().stream()
                .filter(recording -> recording.getName().startsWith("Recording Stream"))
                .filter(recording -> recording.getState() == jdk.jfr.RecordingState.RUNNING)
                .toList();
    }

    /** Runs {@code action} on a new virtual thread and waits for it; what it threw is thrown here. */
    public static void onAVirtualThread(Action action) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            executor.submit(() -> {
                        action.run();
                        return null;
                    })
                    .get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Records every {@code jdk.VirtualThreadPinned} (threshold 0, with its stack) while
     * {@code action} runs on a virtual thread ({@link #onAVirtualThread}), to {@code file}.
     */
    public static Path record(Path file, Action action) throws Exception {
        try (Recording recording = new Recording()) {
            recording
                    .enable("jdk.VirtualThreadPinned")
                    .withThreshold(Duration.ZERO)
                    .withStackTrace();
            recording.start();
            onAVirtualThread(action);
            recording.stop();
            recording.dump(file);
        }
        return file;
    }
}
