package dev.loompatterns.bench;

import dev.loompatterns.jfr.PinStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordingStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@code @ShouldNotPin} costs a test, beyond the test's own work: one window of the engine's
 * {@link PinStream} around it.
 *
 * <p>You are expected to see {@code emptyTest} (a window in which no thread is created, as in a
 * test that only calls code on its own thread) cost a fraction of a microsecond (printed as 0.000x ms):
 * such a window cannot pin, so it asks JFR for nothing. {@code testWithAVirtualThread} (one virtual thread started and joined)
 * pays for JFR's delivery: the stream is stopped, which flushes every event committed so far, and
 * the next window starts a new one. {@code streamPerTest} is the design this replaced, a
 * {@code RecordingStream} opened, stopped and closed around every test, whatever it did.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PinAssertionCostBenchmark {

    private PinStream stream;

    @Setup
    public void open() {
        stream = new PinStream();
    }

    @TearDown
    public void close() {
        stream.close();
    }

    @Benchmark
    public PinStream.Seen emptyTest() {
        return stream.close(stream.open());
    }

    @Benchmark
    public PinStream.Seen testWithAVirtualThread() throws InterruptedException {
        PinStream.Window window = stream.open();
        Thread.ofVirtual().start(() -> {}).join();
        return stream.close(window);
    }

    @Benchmark
    public void streamPerTest() {
        try (RecordingStream perTest = new RecordingStream()) {
            perTest.enable("jdk.VirtualThreadPinned")
                    .withThreshold(Duration.ZERO)
                    .withStackTrace();
            perTest.enable("jdk.VirtualThreadStart").withoutStackTrace();
            perTest.onEvent(event -> {});
            perTest.startAsync();
            perTest.stop();
        }
    }
}
