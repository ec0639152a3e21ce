import java.nio.file.Path;
import jdk.jfr.consumer.RecordingFile;

/** The floor: a bare RecordingFile loop over every event, touching only the type name. */
public class ReadAll {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        long events = 0;
        long virtual = 0;
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                if (file.readEvent().getEventType().getName().startsWith("jdk.VirtualThread")) {
                    virtual++;
                }
                events++;
            }
        }
        System.out.printf("%d events (%d jdk.VirtualThread*) in %.2f s%n", events, virtual, (System.nanoTime() - start) / 1e9);
    }
}
