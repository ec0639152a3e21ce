import java.util.ArrayList;
import java.util.List;

/**
 * Starts N virtual threads, each parking 1 ms, a few thousand alive at a time: a recording with
 * jdk.VirtualThreadStart/End enabled then holds 2N virtual-thread events. Used by
 * scripts/inspect-benchmark; run with -XX:StartFlightRecording.
 */
public class ManyVirtualThreads {
    public static void main(String[] args) throws InterruptedException {
        int n = Integer.parseInt(args[0]);
        int batch = 10_000;
        for (int done = 0; done < n; done += batch) {
            List<Thread> threads = new ArrayList<>(batch);
            for (int i = 0; i < Math.min(batch, n - done); i++) {
                threads.add(Thread.ofVirtual().start(() -> java.util.concurrent.locks.LockSupport.parkNanos(1_000_000)));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
