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
 * virtual thread, as a request handler would be: it holds the one carrier until it has started
 * every thread, so the probe is queued before any hog runs. The check asks for the platform and
 * yielding delays under half the hogs' 400 ms, and the virtual one over it: a margin of 200 ms on
 * either side, for probes that take a few milliseconds and one that waits for four hogs, each of
 * which spins 100 ms by the clock. Last, not checked, the yielding hogs
 * and the probe started from a platform thread: the probe waits either well under a millisecond
 * or about one hog's run (100 ms), never all four, and the line says whether the first hog ran
 * before the probe was started. Why, from JDK 25's sources: a yielding virtual thread is
 * resubmitted to its carrier's local queue if that holds other tasks, else to the scheduler's
 * external queue (VirtualThread.afterYield), and the carrier keeps taking tasks from the queue it
 * last took one from (ForkJoinPool.runWorker).
 * A hog that got the carrier while it was alone in the starter's queue keeps finding itself in
 * the carrier's queue until it ends; hogs taken from a starter's queue that holds the probe too
 * yield to the probe. Measured on the project's 2-core machine (Temurin 25.0.3, 2026-12-01, load
 * 9-13 from other work, java --enable-preview examples/E19_Scheduling.java, 10 runs): 0.1-0.2 ms
 * in 8 runs (the first hog ran after the probe was started), 95.0 and 106.0 ms in 2 (it ran
 * before); the virtual starter's yielding hogs 0.1-3.4 ms in all 10.
 *
 * The parallelism is set before the first virtual thread exists, which is when the scheduler
 * reads it; in a program that already made virtual threads, only the command line can set it
 * (-Djdk.virtualThreadScheduler.parallelism=1).
 */
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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

    /** What one run measured, in ms from the probe's start: when it first ran, and when the first hog did. */
    record Probe(double delay, double firstHog) {}

    /**
     * Starts the hogs, then the probe, from one starter thread made by starter; the hogs and the
     * probe are made by builder.
     */
    static Probe probeDelay(Thread.Builder starter, Thread.Builder builder, boolean yield)
            throws InterruptedException, ExecutionException {
        long[] submitted = new long[1];
        long[] ran = new long[1];
        long[] hogFirstRan = new long[HOGS];
        // the starter's work as a FutureTask: what it throws (an interrupt while it joins) reaches main
        FutureTask<Void> start = new FutureTask<>(() -> {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < HOGS; i++) {
                int hog = i;
                threads.add(builder.start(() -> {
                    hogFirstRan[hog] = System.nanoTime();
                    spin(yield);
                }));
            }
            submitted[0] = System.nanoTime();
            threads.add(builder.start(() -> ran[0] = System.nanoTime()));
            for (Thread t : threads) {
                t.join(); // interrupted, it gives up: the delays below would not be measured ones
            }
            return null;
        });
        starter.start(start).join();
        start.get(); // throws what the starter threw, as an ExecutionException
        long firstHog = Long.MAX_VALUE;
        for (long t : hogFirstRan) {
            firstHog = Math.min(firstHog, t);
        }
        return new Probe((ran[0] - submitted[0]) / 1e6, (firstHog - submitted[0]) / 1e6);
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        System.setProperty("jdk.virtualThreadScheduler.parallelism", "1"); // before any virtual thread
        double total = HOGS * HOG_NANOS / 1e6;

        double platform =
                probeDelay(Thread.ofPlatform(), Thread.ofPlatform(), false).delay(); // BEFORE
        // AFTER: one carrier, no slicing; the starter is a virtual thread, as a request handler would be
        double virtual =
                probeDelay(Thread.ofVirtual(), Thread.ofVirtual(), false).delay();
        double yielding =
                probeDelay(Thread.ofVirtual(), Thread.ofVirtual(), true).delay(); // AFTER, with yield
        // the same, started from a platform thread: shown, not checked (see the header)
        Probe fromPlatform = probeDelay(Thread.ofPlatform(), Thread.ofVirtual(), true);
        System.out.printf(
                "probe delay behind %d hogs of %.0f ms each (one carrier for virtual threads):%n",
                HOGS, HOG_NANOS / 1e6);
        System.out.printf("  platform threads                                %7.1f ms%n", platform);
        System.out.printf("  virtual threads                                 %7.1f ms%n", virtual);
        System.out.printf("  virtual, hogs that yield                        %7.1f ms%n", yielding);
        System.out.printf(
                "  virtual, hogs that yield, from a platform starter %6.1f ms (not checked; the first hog ran"
                        + " %.1f ms %s the probe was started)%n",
                fromPlatform.delay(),
                Math.abs(fromPlatform.firstHog()),
                fromPlatform.firstHog() < 0 ? "before" : "after");

        boolean asExpected = platform < total / 2 && virtual > total / 2 && yielding < total / 2;
        if (!asExpected) {
            throw new IllegalStateException("NOT as expected: see the numbers above");
        }
        System.out.println("as expected: virtual threads are not time-sliced");
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
