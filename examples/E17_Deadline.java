/*
 * E17 deadline: a fan-out of 40 subtasks with a 300 ms budget; every 4th subtask is stuck (it
 * would take a minute). Whatever is done at the deadline is the answer; the rest is stopped.
 *
 * Three forms: Future.get with what is left of the budget, then cancel(true), on a fixed pool of
 * 8 platform threads; the same on a virtual thread per subtask; and a StructuredTaskScope
 * configured withTimeout(budget).
 *
 * You are expected to see: every form returns after about 300 ms, with nothing still running.
 * The pool delivers fewer results: its 8 threads end up all held by stuck subtasks, and the
 * quick ones queued behind them never start. The virtual and structured forms deliver all 30
 * quick results. The structured form has no deadline arithmetic and no cancel loop: when the
 * time is up, join() throws TimeoutException with the scope already cancelled.
 *
 * The check, for each form: it returned no sooner than the 300 ms (neither Future.get with a
 * timeout nor the scope's timeout gives up early, and a stuck subtask is always pending), and by
 * the deadline plus 20 s of slack; no subtask was still running when it returned; no stuck subtask
 * delivered a result. The slack is generous on purpose, so that load cannot fail the check: the
 * deadline is kept by the timeout, not by how fast the machine is, and what comes after it (a
 * late wake-up, cancelling the stuck subtasks, waiting for them to end) takes milliseconds to tens
 * of milliseconds on a loaded 2-core machine; a form that did not stop its stuck subtasks would be
 * a minute late. How many quick results came is printed, not checked: that depends on speed.
 *
 * API status: StructuredTaskScope and Configuration.withTimeout are a preview API in JDK 25
 * (JEP 505); JDK 26 (JEP 525) adds Joiner.onTimeout() so a joiner can return partial results.
 */
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

public class E17_Deadline {

    static final int SUBTASKS = 40;
    static final Duration BUDGET = Duration.ofMillis(300);
    /** How far past the budget a form may return: see the header, why 20 s cannot fail from load. */
    static final Duration SLACK = Duration.ofSeconds(20);

    static List<Callable<Integer>> subtasks(AtomicInteger running) {
        List<Callable<Integer>> subtasks = new ArrayList<>();
        for (int i = 0; i < SUBTASKS; i++) {
            int id = i;
            subtasks.add(() -> {
                running.incrementAndGet();
                try {
                    Thread.sleep(id % 4 == 3 ? 60_000 : 5); // the stuck ones end only when interrupted
                    return id;
                } finally {
                    running.decrementAndGet();
                }
            });
        }
        return subtasks;
    }

    interface Form {
        Map<Integer, Integer> within(List<Callable<Integer>> subtasks) throws Exception;
    }

    static Map<Integer, Integer> futures(ExecutorService executor, List<Callable<Integer>> subtasks)
            throws InterruptedException {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        List<Future<Integer>> futures = subtasks.stream().map(executor::submit).toList();
        for (Future<Integer> f : futures) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                break;
            } catch (ExecutionException e) {
                // a failed subtask delivers nothing
            }
        }
        futures.forEach(f -> f.cancel(true)); // interrupts, does not wait
        Map<Integer, Integer> done = new ConcurrentHashMap<>();
        futures.stream()
                .filter(f -> f.state() == Future.State.SUCCESS)
                .forEach(f -> done.put(f.resultNow(), f.resultNow()));
        return done;
    }

    // BEFORE: a fixed pool; close() waits for the cancelled subtasks
    static Map<Integer, Integer> pool(List<Callable<Integer>> subtasks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            return futures(pool, subtasks);
        }
    }

    // AFTER: a virtual thread per subtask, same code
    static Map<Integer, Integer> virtual(List<Callable<Integer>> subtasks) throws Exception {
        try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
            return futures(perTask, subtasks);
        }
    }

    // AFTER, structured: the budget is the scope's; close() waits for the cancelled forks
    static Map<Integer, Integer> structured(List<Callable<Integer>> subtasks) throws Exception {
        Map<Integer, Integer> done = new ConcurrentHashMap<>();
        try (var scope = StructuredTaskScope.open(Joiner.<Integer>awaitAll(), config -> config.withTimeout(BUDGET))) {
            for (Callable<Integer> subtask : subtasks) {
                scope.fork(() -> {
                    int id = subtask.call();
                    done.put(id, id);
                    return id;
                });
            }
            try {
                scope.join();
            } catch (StructuredTaskScope.TimeoutException e) {
                // time is up: the scope is already cancelled
            }
        }
        return done;
    }

    static boolean run(String name, Form form) throws Exception {
        AtomicInteger running = new AtomicInteger();
        long start = System.nanoTime();
        Map<Integer, Integer> done = form.within(subtasks(running));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int stillRunning = running.get(); // read at once: the moment the form returned
        boolean noStuckOneDelivered = done.keySet().stream().noneMatch(id -> id % 4 == 3);
        boolean inTime = took.compareTo(BUDGET) >= 0 && took.compareTo(BUDGET.plus(SLACK)) <= 0;
        boolean ok = inTime && stillRunning == 0 && noStuckOneDelivered;
        System.out.printf(
                "%-10s %2d of %d delivered in %4d ms (budget %d + slack %d), still running: %d  %s%n",
                name,
                done.size(),
                SUBTASKS,
                took.toMillis(),
                BUDGET.toMillis(),
                SLACK.toMillis(),
                stillRunning,
                ok ? "ok" : "NOT OK");
        return ok;
    }

    public static void main(String[] args) throws Exception {
        boolean ok = run("pool(8)", E17_Deadline::pool);
        ok &= run("virtual", E17_Deadline::virtual);
        ok &= run("structured", E17_Deadline::structured);
        if (!ok) {
            throw new IllegalStateException("a form did not pass its check: the line above that says so");
        }
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E17_Deadline.java
 *
 * With a JFR recording, to open in JDK Mission Control:
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e17.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E17_Deadline.java
 *
 * The same pattern inside the harness, with its self-check: ./loom compare deadline
 * A thread dump taken mid-fan-out:                          ./loom dump deadline --mode structured
 */
