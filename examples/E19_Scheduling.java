/*
 * E19 scheduling: who gets a carrier, and when.
 *
 * Virtual threads run on a few carrier threads (one per core by default), and the scheduler does
 * not slice time: a virtual thread that computes without blocking keeps its carrier until it
 * ends. Here the scheduler gets one carrier, four "hogs" spin for 100 ms each, and a "probe"
 * started after them only notes when it first ran. The same is done with platform threads, and
 * with hogs that call Thread.yield() in their loop.
 *
 * You are expected to see: on platform threads the probe runs within a few milliseconds (the OS
 * preempts the hogs); on virtual threads it waits about 400 ms, until every hog has finished;
 * with Thread.yield() in the loop it runs at once again. The starter of the threads is itself a
 * virtual thread, as a request handler would be: a probe started from a platform thread waited
 * for yielding hogs too (measured on JDK 25), because yield gives the carrier to threads queued
 * on that carrier first.
 *
 * The parallelism is set before the first virtual thread exists, which is when the scheduler
 * reads it; in a program that already made virtual threads, only the command line can set it
 * (-Djdk.virtualThreadScheduler.parallelism=1).
 */
import java.util.ArrayList;
import java.util.List;

public class E19_Scheduling {

    static final int HOGS = 4;
    static final long HOG_NANOS = 100_000_000L;

    static void spin(boolean yield) {
        long end = System.nanoTime() + HOG_NANOS;
        while (System.nanoTime() < end) {
            if (yield) {
                Thread.yield();
            }
        }
    }

    /** Starts the hogs, then the probe, from one starter thread; returns the probe's delay in ms. */
    static double probeDelay(Thread.Builder builder, boolean yield) throws InterruptedException {
        long[] submitted = new long[1];
        long[] ran = new long[1];
        Thread starter = builder.start(() -> {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < HOGS; i++) {
                threads.add(builder.start(() -> spin(yield)));
            }
            submitted[0] = System.nanoTime();
            threads.add(builder.start(() -> ran[0] = System.nanoTime()));
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        starter.join();
        return (ran[0] - submitted[0]) / 1e6;
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("jdk.virtualThreadScheduler.parallelism", "1"); // before any virtual thread
        double total = HOGS * HOG_NANOS / 1e6;

        double platform = probeDelay(Thread.ofPlatform(), false); // BEFORE
        double virtual = probeDelay(Thread.ofVirtual(), false); // AFTER: one carrier, no slicing
        double yielding = probeDelay(Thread.ofVirtual(), true); // AFTER, with yield in the loop
        System.out.printf(
                "probe delay behind %d hogs of %.0f ms each (one carrier for virtual threads):%n",
                HOGS, HOG_NANOS / 1e6);
        System.out.printf("  platform threads          %7.1f ms%n", platform);
        System.out.printf("  virtual threads           %7.1f ms%n", virtual);
        System.out.printf("  virtual, hogs that yield  %7.1f ms%n", yielding);

        boolean asExpected = platform < total / 2 && virtual > total / 2 && yielding < total / 2;
        System.out.println(
                asExpected
                        ? "as expected: virtual threads are not time-sliced"
                        : "NOT as expected: see the numbers above");
        System.exit(asExpected ? 0 : 1);
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E19_Scheduling.java
 *
 * With a JFR recording (execution samples every 10 ms show which code held the carrier):
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e19.jfr,settings=jfr-profiles/scheduling.jfc examples/E19_Scheduling.java
 *   jfr print --events jdk.VirtualThreadStart e19.jfr
 *
 * The same pattern inside the harness, with the queueing-delay and file-io variants too:
 *   ./loom compare scheduling
 */
