import dev.loompatterns.analysis.jfr.RecordingReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * What `loom inspect` does with a file, timed in-process like ReadAll (JVM start left out): the
 * rules over RecordingReader, and the peak heap the JVM's pools saw.
 */
public class InspectOnce {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        RecordingReader.Result result = RecordingReader.analyze(Path.of(args[0]), events -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%d events, %d findings in %.2f s, peak heap %d MB%n", result.events(), result.findings().size(), seconds, peak >> 20);
    }
}
