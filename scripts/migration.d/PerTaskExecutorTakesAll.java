import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Fact J10 of migration.md: {@code Executors.newVirtualThreadPerTaskExecutor()} has no queue and no rejection
 * handler: it never refuses a task, nor slows its submitter, until {@code shutdown()}. Run on a JDK 25's
 * {@code java}:
 *
 * <pre>java scripts/migration.d/PerTaskExecutorTakesAll.java [tasks]</pre>
 *
 * Submits {@code tasks} (default 10,000) tasks that all wait on one latch, counts the refused ones and times the
 * submits; after {@code shutdown()}, submits one more. Exits 1 if a task before the shutdown was refused, or the
 * one after it was not.
 */
public class PerTaskExecutorTakesAll {

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(tasks);
        int refused = 0;
        List<Future<?>> futures = new ArrayList<>();
        long begin;
        long submitted;
        boolean refusedAfterShutdown = false;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            begin = System.nanoTime();
            for (int i = 0; i < tasks; i++) {
                try {
                    futures.add(executor.submit(() -> {
                        running.countDown();
                        release.await();
                        return null;
                    }));
                } catch (RejectedExecutionException e) {
                    refused++;
                    running.countDown(); // one that will not run
                }
            }
            submitted = System.nanoTime();
            running.await(); // every task taken is running, and blocked: none waits in a queue
            executor.shutdown();
            try {
                executor.submit(() -> {});
            } catch (RejectedExecutionException e) {
                refusedAfterShutdown = true;
            }
            release.countDown();
        } // close() waits for every task
        for (Future<?> f : futures) {
            f.get();
        }
        System.out.println("Java " + Runtime.version() + ": " + tasks + " blocking tasks submitted in "
                + TimeUnit.NANOSECONDS.toMillis(submitted - begin) + " ms, " + refused + " refused, all "
                + (tasks - refused) + " taken running at once; after shutdown() a submit was "
                + (refusedAfterShutdown ? "refused" : "taken"));
        if (refused > 0 || !refusedAfterShutdown) {
            System.out.println("J10 does not hold here");
            System.exit(1);
        }
        System.out.println("J10 holds: it refused nothing until shutdown()");
    }
}
