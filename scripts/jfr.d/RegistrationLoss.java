import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Name;
import jdk.jfr.consumer.RecordingStream;

/**
 * The JFR fact in design.md on event-class registration: a live {@code RecordingStream} loses events committed
 * around the registration of an event class, which the class's first commit makes, unless the class was
 * registered before the stream started. Run on a JDK 25's {@code java}:
 *
 * <pre>java scripts/jfr.d/RegistrationLoss.java late|early [max-age]</pre>
 *
 * A stream counts {@code jdk.FileRead} (threshold 0); 10,000 virtual threads each read a small file 33 times;
 * then an event class of this program's is committed for the first time ({@code late}), or was registered with
 * {@code FlightRecorder.register} before the stream started ({@code early}). The stream is then stopped, which
 * delivers what it has, and the program prints how many of the 330,000 reads it counted, and how many of those
 * had no thread. With {@code max-age}, the stream keeps its chunks ({@code setMaxAge(1 day)}), as the project's
 * streams do. Exits 0 whatever it counts: a run shows what happened, not whether it should.
 */
public class RegistrationLoss {
    static final int THREADS = 10_000;
    static final int READS = 33;

    @Name("loompatterns.probe.Marker")
    static class Marker extends Event {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !(args[0].equals("late") || args[0].equals("early"))) {
            System.err.println("usage: java scripts/jfr.d/RegistrationLoss.java late|early [max-age]");
            System.exit(2);
        }
        boolean early = args[0].equals("early");
        boolean maxAge = args.length > 1 && args[1].equals("max-age");
        Path file = Files.createTempFile("registration-loss", ".txt");
        try {
            Files.writeString(file, "a line to read\n");
            run(file, early, maxAge);
        } finally {
            Files.delete(file);
        }
    }

    static void run(Path file, boolean early, boolean maxAge) throws Exception {
        if (early) {
            FlightRecorder.register(Marker.class);
        }
        AtomicLong reads = new AtomicLong();
        AtomicLong threadless = new AtomicLong();
        try (RecordingStream stream = new RecordingStream()) {
            stream.enable("jdk.FileRead").withThreshold(Duration.ZERO).withoutStackTrace();
            if (maxAge) {
                stream.setMaxAge(Duration.ofDays(1));
            }
            stream.onEvent("jdk.FileRead", event -> {
                reads.incrementAndGet();
                if (event.getThread() == null) {
                    threadless.incrementAndGet();
                }
            });
            stream.startAsync();
            List<Thread> readers = new ArrayList<>(THREADS);
            for (int i = 0; i < THREADS; i++) {
                readers.add(Thread.ofVirtual().start(() -> {
                    byte[] buffer = new byte[64];
                    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                        for (int r = 0; r < READS; r++) {
                            in.seek(0);
                            in.read(buffer);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread t : readers) {
                t.join();
            }
            new Marker().commit(); // the class's first instance registers it, unless it was registered already
            stream.stop();
        }
        System.out.printf("Java %s, Marker registered %s, %s: the stream counted %,d of %,d reads, %,d of them"
                        + " without a thread%n",
                Runtime.version(), early ? "before the stream started" : "by its first commit, after the reads",
                maxAge ? "max age 1 day" : "no max age", reads.get(), (long) THREADS * READS, threadless.get());
    }
}
