import java.util.ArrayList;
import java.util.List;

/**
 * Starts N virtual threads, each sleeping 25 ms, ten thousand alive at a time, as `loom scale`'s
 * sleepers do: with jdk.VirtualThreadStart/End enabled and the default settings (jdk.ThreadSleep
 * from 20 ms, with stacks) a recording holds about 3N events, one of each per virtual thread.
 * Used by scripts/inspect-benchmark; run with -XX:StartFlightRecording.
 */
public class ManyVirtualThreads {
    public static void main(String[] args) throws InterruptedException {
        int n = Integer.parseInt(args[0]);
        int batch = 10_000;
        for (int done = 0; done < n; done += batch) {
            List<Thread> threads = new ArrayList<>(batch);
            for (int i = 0; i < Math.min(batch, n - done); i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
