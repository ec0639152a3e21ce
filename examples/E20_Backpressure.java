/*
 * E20 backpressure: a burst of submissions under a limit, and what to do with the excess.
 *
 * A ThreadPoolExecutor with a bounded queue and a RejectedExecutionHandler is a limit and a policy
 * at once: its thread count is the limit, AbortPolicy sheds (submit throws
 * RejectedExecutionException), CallerRunsPolicy makes the caller wait by running the task itself.
 * A virtual thread per task has no pool to push back, so the limit becomes a Semaphore and the
 * policy an explicit choice at the call: tryAcquire with a timeout to shed, acquire to wait.
 * Here 1,000 tasks of 5 ms each arrive in one burst under a limit of 20 in flight, each way.
 *
 * You are expected to see: the measured peak in flight is never more than 20 in any form (that it
 * reaches 20 depends on timing, and is only printed); every task is done or shed, and done + shed
 * = 1,000. The shed forms refuse tasks and name what the caller saw: the pool most of the burst
 * (RejectedExecutionException; its queue of 20 is full in microseconds), the semaphore about a
 * tenth of it (false from tryAcquire), since each refusal first makes the caller wait up to 1 ms,
 * and that wait paces the burst. The wait forms shed none and take about 1,000 x 5 ms / 20 =
 * 250 ms: the caller slowed down to the pace of the limit. Last, the catch in caller-runs: a pool
 * of 20 threads under CallerRunsPolicy peaks at 21 in flight (usually; it is measured), because
 * the caller becomes one more worker, which is why the caller-runs form above has a pool of 19.
 * The check asks, of each form, for a peak of at most 20, done + shed = 1,000 and, in the wait
 * forms, none shed; of the last pool, for all 1,000 done. How many the shed forms refuse, and the
 * times, depend on the machine: they are printed, not checked.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505).
 */
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.Semaphore;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

public class E20_Backpressure {

    static final int TASKS = 1_000;
    static final int LIMIT = 20;
    static final int QUEUE = 20;
    static final Duration WORK = Duration.ofMillis(5);
    static final Duration TIMEOUT = Duration.ofMillis(1);

    /** The books: tasks in flight (and the peak), done, shed, and what the caller saw when shed. */
    static final class Books {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger shed = new AtomicInteger();
        final AtomicReference<String> refusal = new AtomicReference<>("nothing");

        void work() throws InterruptedException {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(WORK);
            } finally {
                inFlight.decrementAndGet();
            }
            done.incrementAndGet();
        }

        void shed(String whatTheCallerSaw) {
            refusal.compareAndSet("nothing", whatTheCallerSaw);
            shed.incrementAndGet();
        }
    }

    // BEFORE: the pool is the limit (its threads) and the policy (its handler)
    static Books pool(int threads, RejectedExecutionHandler handler) throws Exception {
        Books books = new Books();
        List<Future<Void>> accepted = new ArrayList<>();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), handler)) {
            for (int i = 0; i < TASKS; i++) {
                try {
                    accepted.add(pool.submit(() -> {
                        books.work();
                        return null;
                    }));
                } catch (RejectedExecutionException e) {
                    books.shed(e.getClass().getSimpleName());
                }
            }
        } // close() waits for every accepted task
        return allDone(accepted, books);
    }

    /** Each accepted task's outcome: one that threw is thrown here, where a future left unread loses it. */
    static Books allDone(List<Future<Void>> accepted, Books books) throws Exception {
        for (Future<Void> task : accepted) {
            task.get();
        }
        return books;
    }

    /** The submitter takes a permit before it starts a task, or sheds it; the task gives the permit back. */
    static boolean admit(Semaphore permits, boolean shed, Books books) throws InterruptedException {
        if (!shed) {
            permits.acquire(); // wait: the caller parks until a task ends
            return true;
        }
        if (permits.tryAcquire(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            return true;
        }
        books.shed("false from tryAcquire(" + TIMEOUT.toMillis() + " ms)");
        return false;
    }

    /** Admits a task, then starts it with {@code start} (a virtual thread, a fork); the task gives its permit back. */
    static void handOff(Semaphore permits, boolean shed, Books books, Consumer<Callable<Void>> start)
            throws InterruptedException {
        if (admit(permits, shed, books)) {
            try {
                start.accept(() -> {
                    try {
                        books.work();
                    } finally {
                        permits.release();
                    }
                    return null;
                });
            } catch (RuntimeException | Error e) { // not started: the task will not give its permit back
                permits.release();
                throw e;
            }
        }
    }

    // AFTER: a virtual thread per task; the limit is a Semaphore, the policy tryAcquire or acquire
    static Books virtual(boolean shed) throws Exception {
        Books books = new Books();
        Semaphore permits = new Semaphore(LIMIT);
        List<Future<Void>> accepted = new ArrayList<>();
        try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < TASKS; i++) {
                handOff(permits, shed, books, task -> accepted.add(perTask.submit(task)));
            }
        }
        return allDone(accepted, books);
    }

    // AFTER, structured: a fork per task behind the same semaphore
    static Books structured(boolean shed) throws Exception {
        Books books = new Books();
        Semaphore permits = new Semaphore(LIMIT);
        try (var scope = StructuredTaskScope.open()) {
            // a fork in a cancelled scope neither throws nor runs, so its permit would never come back
            for (int i = 0; i < TASKS && !scope.isCancelled(); i++) {
                handOff(permits, shed, books, scope::fork);
            }
            scope.join();
        }
        return books;
    }

    interface Form {
        Books run() throws Exception;
    }

    static boolean report(String name, boolean mayShed, Form form) throws Exception {
        long start = System.nanoTime();
        Books books = form.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        int done = books.done.get();
        int shed = books.shed.get();
        boolean ok = books.peak.get() <= LIMIT && done + shed == TASKS && (mayShed || shed == 0);
        System.out.printf(
                "%-34s peak %2d of %d in flight (measured)  %,5d done + %,5d shed = %,d  caller saw %-36s %,4d ms "
                        + " %s%n",
                name, books.peak.get(), LIMIT, done, shed, done + shed, books.refusal.get(), ms, ok ? "ok" : "WRONG");
        return ok;
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("%,d tasks of %d ms in one burst, limit %d in flight%n", TASKS, WORK.toMillis(), LIMIT);
        boolean ok = report("pool + AbortPolicy (shed)", true, () -> pool(LIMIT, new ThreadPoolExecutor.AbortPolicy()));
        ok &= report(
                "pool + CallerRunsPolicy (wait)",
                false,
                () -> pool(LIMIT - 1, new ThreadPoolExecutor.CallerRunsPolicy()));
        ok &= report("virtual + tryAcquire(1 ms) (shed)", true, () -> virtual(true));
        ok &= report("virtual + acquire() (wait)", false, () -> virtual(false));
        ok &= report("structured + tryAcquire (shed)", true, () -> structured(true));
        ok &= report("structured + acquire() (wait)", false, () -> structured(false));

        Books naive = pool(LIMIT, new ThreadPoolExecutor.CallerRunsPolicy());
        System.out.printf(
                "the catch: a pool of %d threads under CallerRunsPolicy peaked at %d in flight (measured): "
                        + "the caller is one more worker%n",
                LIMIT, naive.peak.get());
        ok &= naive.done.get() == TASKS;
        if (!ok) {
            throw new IllegalStateException("a form did not pass its check: the line marked WRONG (or the last one)");
        }
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E20_Backpressure.java
 *
 * With a JFR recording (thousands of virtual threads started, never more than 20 holding a permit at
 * once (a task gives its permit back in its finally, a moment before its thread ends); no pinning; and
 * no jdk.ThreadPark of the submitter: each of its waits in Semaphore.acquire lasts about one task,
 * under the profile's 20 ms threshold for parks):
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e20.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E20_Backpressure.java
 *   jfr summary e20.jfr
 *
 * The same pattern inside the harness: ./loom compare backpressure
 */
