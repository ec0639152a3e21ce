/*
 * What registering a JFR event class again at every stream's start costs: the measurement behind
 * PinStream.StopMark.Registered and the cost section of docs/pinning-assertion.md. Each cycle is what
 * the pin assertion does for a test that starts a thread: a RecordingStream with a stop-mark event and
 * jdk.VirtualThreadPinned is started, a virtual thread is started and joined, the mark committed and
 * the stream stopped and closed. "each" calls FlightRecorder.register(Mark.class) in every cycle, as
 * PinStream did from 2026-12-06 until 2026-12-07 (JDK 25's register of a registered class still marks
 * JFR's metadata stale); "once" registers it before the first. Prints the median and p90 of 50 cycles
 * after 10 of warm-up.
 *
 * Run with a JDK 25 `java`, from the project root:
 *   java scripts/pin-stream.d/RegisterPerStream.java each
 *   java scripts/pin-stream.d/RegisterPerStream.java once
 */
import java.time.Duration;
import java.util.Arrays;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordingStream;

public class RegisterPerStream {
    static final class Mark extends Event {
        long stream;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !(args[0].equals("each") || args[0].equals("once"))) {
            System.err.println("usage: java scripts/pin-stream.d/RegisterPerStream.java each|once");
            System.exit(2);
        }
        boolean each = args[0].equals("each");
        FlightRecorder.register(Mark.class);
        long[] nanos = new long[60];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            try (RecordingStream stream = new RecordingStream()) {
                stream.setMaxAge(Duration.ofDays(1)); // as PinStream keeps its chunks
                if (each) {
                    FlightRecorder.register(Mark.class);
                }
                stream.enable(Mark.class).withoutStackTrace();
                stream.enable("jdk.VirtualThreadPinned");
                stream.startAsync();
                Thread.ofVirtual().start(() -> {}).join();
                Mark mark = new Mark();
                mark.stream = i;
                mark.commit();
                stream.stop();
            }
            nanos[i] = System.nanoTime() - start;
        }
        long[] timed = Arrays.copyOfRange(nanos, 10, nanos.length);
        Arrays.sort(timed);
        System.out.printf("%s: median %.2f ms, p90 %.2f ms a cycle (n %d)%n",
                args[0], timed[timed.length / 2] / 1e6, timed[timed.length * 9 / 10] / 1e6, timed.length);
    }
}
