/*
 * E16 race: ask every mirror at once, take the first answer that succeeds, stop the rest.
 *
 * Four mirrors of one file: mirror-0 is down and fails at once, mirror-1 answers after 20 ms,
 * mirror-2 and mirror-3 would answer after 3 and 6 seconds. Each mirror notes how it ended.
 * The race runs with invokeAny on a fixed pool, invokeAny on a virtual thread per mirror, and a
 * StructuredTaskScope with Joiner.anySuccessfulResultOrThrow().
 *
 * You are expected to see: mirror-1 wins every time (mirror-0 failed first, but a failure does
 * not win), in tens of milliseconds, never seconds: the slow mirrors are interrupted, and only
 * one mirror succeeds. Look at "running at return": invokeAny and join() hand back the winner
 * while the interrupted losers may still be unwinding (0 to 2 of them, run to run); close() is
 * what waits, so after it, 0. The difference is where close() is: a scope is closed by the block that opened
 * it, on every path; a pool kept across calls has no close per call, and its losers outlive it.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505); in JDK 26 (JEP 525)
 * anySuccessfulResultOrThrow() is renamed anySuccessfulOrThrow().
 */
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.atomic.AtomicInteger;

public class E16_Race {

    static final long[] LATENCY_MS = {0, 20, 3_000, 6_000};

    /** Mirrors that count how many have started, succeeded and ended. */
    static List<Callable<String>> mirrors(AtomicInteger started, AtomicInteger succeeded, AtomicInteger ended) {
        List<Callable<String>> mirrors = new ArrayList<>();
        for (int i = 0; i < LATENCY_MS.length; i++) {
            int id = i;
            mirrors.add(() -> {
                started.incrementAndGet();
                try {
                    Thread.sleep(LATENCY_MS[id]); // interrupted when the race is decided
                    if (id == 0) {
                        throw new IOException("mirror-0 is down");
                    }
                    succeeded.incrementAndGet();
                    return "mirror-" + id;
                } finally {
                    ended.incrementAndGet();
                }
            });
        }
        return mirrors;
    }

    interface Form {
        String race(List<Callable<String>> mirrors, Runnable onReturn) throws Exception;
    }

    // BEFORE: invokeAny on a pool; close() waits for the losers that invokeAny only interrupted
    static String pool(List<Callable<String>> mirrors, Runnable onReturn) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(mirrors.size())) {
            String winner = pool.invokeAny(mirrors);
            onReturn.run();
            return winner;
        }
    }

    // AFTER: the same call with a virtual thread per mirror
    static String virtual(List<Callable<String>> mirrors, Runnable onReturn) throws Exception {
        try (ExecutorService perMirror = Executors.newVirtualThreadPerTaskExecutor()) {
            String winner = perMirror.invokeAny(mirrors);
            onReturn.run();
            return winner;
        }
    }

    // AFTER, structured: join() returns the first success and cancels the rest; close() waits
    static String structured(List<Callable<String>> mirrors, Runnable onReturn) throws Exception {
        try (var scope = StructuredTaskScope.open(Joiner.<String>anySuccessfulResultOrThrow())) {
            mirrors.forEach(scope::fork);
            String winner = scope.join();
            onReturn.run();
            return winner;
        }
    }

    static boolean race(String name, Form form) throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        int[] runningAtReturn = new int[1];
        long start = System.nanoTime();
        String winner =
                form.race(mirrors(started, succeeded, ended), () -> runningAtReturn[0] = started.get() - ended.get());
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean ok = winner.equals("mirror-1") && succeeded.get() == 1 && started.get() == ended.get();
        System.out.printf(
                "%-10s winner %s in %4d ms; running at return of invokeAny/join: %d, after close: %d  %s%n",
                name, winner, millis, runningAtReturn[0], started.get() - ended.get(), ok ? "ok" : "NOT OK");
        return ok;
    }

    public static void main(String[] args) throws Exception {
        boolean ok = race("pool", E16_Race::pool);
        ok &= race("virtual", E16_Race::virtual);
        ok &= race("structured", E16_Race::structured);
        System.exit(ok ? 0 : 1);
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E16_Race.java
 *
 * With a JFR recording, to open in JDK Mission Control:
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e16.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E16_Race.java
 *
 * The same pattern inside the harness, with its self-check: ./loom compare race
 * A thread dump taken mid-race:                             ./loom dump race --mode structured
 */
