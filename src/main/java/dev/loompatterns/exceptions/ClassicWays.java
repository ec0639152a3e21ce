package dev.loompatterns.exceptions;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The two classic ways, shared by the platform and the virtual form, which differ only in the
 * thread builder and the executor they pass. A thread's own exception ends the thread and goes to
 * its uncaught-exception handler (the JDK's default prints a stack trace and nothing else
 * notices); a task's exception in an executor is kept by its {@link Future} and rethrown by
 * {@code get()}, wrapped in an {@link ExecutionException} whose cause is the original.
 * {@code invokeAll} waits for every task, so every failure can be collected, and no failure stops
 * the others.
 */
final class ClassicWays {

    private ClassicWays() {}

    /**
     * Both ways, each on a fresh set of tasks, with the threads from {@code builder} and the executor from
     * {@code executors}.
     */
    static List<Outcome> runAll(int count, int failEvery, Thread.Builder builder, Supplier<ExecutorService> executors)
            throws InterruptedException {
        return List.of(
                uncaughtHandler(new Tasks(count, failEvery), builder),
                invokeAll(new Tasks(count, failEvery), executors));
    }

    private static Outcome uncaughtHandler(Tasks tasks, Thread.Builder builder) throws InterruptedException {
        List<Thread> threads = new ArrayList<>(tasks.count);
        try {
            for (int i = 0; i < tasks.count; i++) {
                Threads.stopStartingIfInterrupted(i); // the finally joins those started
                int task = i;
                // a handler per thread files a failure under the thread's task, whatever the exception says;
                // it runs on the failing thread before it terminates: join() publishes what it recorded
                builder.uncaughtExceptionHandler((thread, failure) -> tasks.report(task, failure));
                threads.add(builder.start(() -> {
                    try {
                        tasks.work(task);
                    } catch (InterruptedException e) {
                        // cancelled (interrupted by the joiner) while held: the thread ends, nothing to report
                    }
                }));
            }
        } finally {
            Threads.joinAll(threads);
        }
        return tasks.summarize("uncaught-handler", "the UncaughtExceptionHandler", tasks.failing(), Set.of(), false);
    }

    private static Outcome invokeAll(Tasks tasks, Supplier<ExecutorService> executors) throws InterruptedException {
        List<Callable<Integer>> callables = new ArrayList<>(tasks.count);
        for (int i = 0; i < tasks.count; i++) {
            int task = i;
            callables.add(() -> tasks.work(task));
        }
        try (ExecutorService executor = executors.get()) {
            // returns when every task is done, the futures in the order of the callables
            List<Future<Integer>> futures = executor.invokeAll(callables);
            for (int task = 0; task < futures.size(); task++) {
                try {
                    futures.get(task).get();
                } catch (ExecutionException e) {
                    tasks.report(task, e.getCause());
                }
            }
        }
        return tasks.summarize("invoke-all", "Future.get's ExecutionException", tasks.failing(), Set.of(), true);
    }
}
