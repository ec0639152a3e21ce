/*
 * E01 thread-basics: start workers that sleep, then join them all.
 *
 * The tutorial starts three threading.Thread(target=worker) that each sleep two seconds. Here the
 * same worker runs 10,000 times, three ways: a platform thread each, a virtual thread each, and a
 * fork each inside a StructuredTaskScope.
 *
 * You are expected to see: all three forms report 10000 workers done. The platform form takes
 * several times as long as the sleep, because starting 10,000 OS threads is the cost; the virtual
 * and structured forms finish in little more than one sleep (0.5 s), because a sleeping virtual
 * thread unmounts and its carrier runs the next one. Compare the "peak platform threads": the platform
 * form starts an OS thread per worker, thousands of them alive at once (not all 10,000: the first
 * end while the last start; 1,931 in a run on the project's 2-core machine), the others a handful
 * of carriers.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505); virtual threads are final
 * since JDK 21 (JEP 444).
 */
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.atomic.AtomicInteger;

public class E01_ThreadBasics {

    static final int WORKERS = 10_000;
    static final Duration SLEEP = Duration.ofMillis(500);

    /** The tutorial's worker: sleep, then say which worker finished. */
    static int worker(int id) throws InterruptedException {
        Thread.sleep(SLEEP);
        return id;
    }

    static int platform() throws InterruptedException {
        AtomicInteger done = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            int id = i;
            // BEFORE: a platform thread per worker
            Thread thread = new Thread(
                    () -> {
                        try {
                            worker(id);
                            done.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "worker-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.get();
    }

    static int virtual() throws InterruptedException {
        AtomicInteger done = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        // AFTER: the same loop, with threads from a virtual-thread builder
        Thread.Builder builder = Thread.ofVirtual().name("worker-", 0);
        for (int i = 0; i < WORKERS; i++) {
            int id = i;
            threads.add(builder.start(() -> {
                try {
                    worker(id);
                    done.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.get();
    }

    static int structured() throws InterruptedException {
        // AFTER, structured: no thread list and no join loop; close() cannot return while a fork runs
        try (var scope = StructuredTaskScope.open()) {
            List<Subtask<Integer>> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                int id = i;
                workers.add(scope.fork(() -> worker(id)));
            }
            scope.join();
            return (int) workers.stream()
                    .filter(w -> w.state() == Subtask.State.SUCCESS)
                    .count();
        }
    }

    interface Form {
        int run() throws InterruptedException;
    }

    static boolean time(String name, Form form) throws InterruptedException {
        var threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        long start = System.nanoTime();
        int done = form.run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean ok = done == WORKERS;
        System.out.printf(
                "%-10s %5d workers done in %5d ms, peak platform threads %5d  %s%n",
                name, done, millis, threads.getPeakThreadCount(), ok ? "ok" : "FAILED");
        return ok;
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = rounds(args); // 1, or how often to run each form (the harness's --repeat, for comparing)
        boolean ok = true;
        for (int i = 0; i < rounds; i++) {
            ok &= time("platform", E01_ThreadBasics::platform);
        }
        for (int i = 0; i < rounds; i++) {
            ok &= time("virtual", E01_ThreadBasics::virtual);
        }
        for (int i = 0; i < rounds; i++) {
            ok &= time("structured", E01_ThreadBasics::structured);
        }
        if (!ok) { // thrown, not System.exit(1): `loom fidelity` calls main in its own JVM, run after run
            throw new IllegalStateException("a form did not pass its check: the line above that says so");
        }
    }

    static int rounds(String[] args) {
        if (args.length == 0) {
            return 1;
        }
        if (!args[0].matches("[1-9][0-9]{0,2}")) {
            System.err.println("E01: ROUNDS must be a whole number from 1 to 999, not '" + args[0] + "'");
            System.exit(2);
        }
        return Integer.parseInt(args[0]);
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E01_ThreadBasics.java
 *   java --enable-preview examples/E01_ThreadBasics.java 5     # each form 5 times in a row
 *
 * With a JFR recording, to open in JDK Mission Control:
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e01.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E01_ThreadBasics.java
 *   jfr summary e01.jfr
 *
 * The same pattern inside the harness, with its self-check: ./loom run thread-basics
 */
