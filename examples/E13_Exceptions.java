/*
 * E13 exceptions: what happens to an exception thrown in another thread.
 *
 * Six tasks; tasks 0 and 3 fail. Four ways of hearing about it: an uncaught-exception handler, a
 * pool's invokeAll with Future.get, a scope that fails fast, and a scope that awaits every outcome.
 *
 * You are expected to see: the handler and invokeAll each report both failures (invokeAll's come
 * wrapped in ExecutionException, the task's exception as the cause); neither cancels the other tasks.
 * The fail-fast scope reports one failure (join throws FailedException with task 0's exception as
 * its cause) and five siblings "interrupted": the first failure cancelled them, and close() waited
 * until they had ended. The awaitAll scope reports both failures from the Subtasks. No stack trace
 * is printed: every failure is collected.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505); virtual threads are final
 * since JDK 21 (JEP 444).
 */
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

public class E13_Exceptions {

    static final int TASKS = 6;

    static int work(int task) {
        if (task % 3 == 0) {
            throw new IllegalStateException("task " + task + " fails on purpose");
        }
        return task;
    }

    public static void main(String[] args) throws Exception {
        // BEFORE: an uncaught-exception handler per thread
        Queue<String> handled = new ConcurrentLinkedQueue<>();
        Thread.Builder builder =
                Thread.ofPlatform().uncaughtExceptionHandler((thread, failure) -> handled.add(failure.getMessage()));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            int task = i;
            threads.add(builder.start(() -> work(task)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("uncaught handler:  " + handled);

        // BEFORE: invokeAll, then Future.get wraps each failure in ExecutionException
        // (AFTER, virtual: Executors.newVirtualThreadPerTaskExecutor() here, nothing else changes)
        List<String> wrapped = new ArrayList<>();
        List<Callable<Integer>> callables = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            int task = i;
            callables.add(() -> work(task));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<Integer> future : pool.invokeAll(callables)) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    wrapped.add("ExecutionException(cause: " + e.getCause().getMessage() + ")");
                }
            }
        }
        System.out.println("invokeAll:         " + wrapped);

        // AFTER, structured: the first failure cancels the siblings; join throws with its cause
        Set<Integer> interrupted = ConcurrentHashMap.newKeySet();
        CountDownLatch siblingsRunning = new CountDownLatch(TASKS - 1);
        String failFast = "join returned normally";
        try (var scope = StructuredTaskScope.<Integer>open()) {
            scope.fork(() -> {
                siblingsRunning.await(); // fail only once every sibling runs, so each can be interrupted
                return work(0);
            });
            for (int i = 1; i < TASKS; i++) {
                int task = i;
                scope.fork(() -> {
                    siblingsRunning.countDown();
                    try {
                        Thread.sleep(30_000); // until cancelled
                        return task;
                    } catch (InterruptedException e) {
                        interrupted.add(task);
                        throw e;
                    }
                });
            }
            scope.join();
        } catch (StructuredTaskScope.FailedException e) {
            failFast = "FailedException(cause: " + e.getCause().getMessage() + ")";
        }
        System.out.println("fail-fast scope:   " + failFast + ", siblings interrupted " + interrupted.size());

        // AFTER, structured: awaitAll when every outcome is wanted
        List<String> outcomes = new ArrayList<>();
        try (var scope = StructuredTaskScope.open(Joiner.<Integer>awaitAll())) {
            List<Subtask<Integer>> subtasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                int task = i;
                subtasks.add(scope.fork(() -> work(task)));
            }
            scope.join();
            for (Subtask<Integer> subtask : subtasks) {
                if (subtask.state() == Subtask.State.FAILED) {
                    outcomes.add(subtask.exception().getMessage());
                }
            }
        }
        System.out.println("awaitAll scope:    " + outcomes);

        boolean ok = handled.size() == 2
                && wrapped.size() == 2
                && outcomes.size() == 2
                && failFast.contains("task 0 fails")
                && interrupted.size() == TASKS - 1;
        System.out.println(ok ? "ok" : "FAILED");
        System.exit(ok ? 0 : 1);
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E13_Exceptions.java
 *
 * With a JFR recording, to open in JDK Mission Control:
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e13.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E13_Exceptions.java
 *   jfr print --events jdk.VirtualThreadStart,jdk.VirtualThreadEnd e13.jfr
 *
 * The same pattern inside the harness, with its self-check: ./loom compare exceptions
 */
