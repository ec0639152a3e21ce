import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Fact J17 of migration.md: JDK 25's {@code CompletableFuture} runs an {@code ...Async} task given no executor in
 * the common pool, whose default parallelism is the cores less one: on a 2-core machine one worker, which runs
 * blocking tasks one after another. Run on a JDK 25's {@code java} (and, to compare, on an older one):
 *
 * <pre>java scripts/migration.d/CommonPoolOnTwoCores.java [tasks]</pre>
 *
 * Prints the cores, the common pool's parallelism, the threads two {@code supplyAsync} tasks ran on, and how long
 * {@code tasks} (default 200) tasks that each sleep 50 ms took together. Exits 1 if the two tasks did not run in
 * the common pool, or its parallelism is not the cores less one (at least 1), where no property sets it: the fact
 * holds from JDK 25 (JDK-8319447); on 17 the two ran on threads of their own.
 */
public class CommonPoolOnTwoCores {
    static final long SLEEP_MS = 50;
    static final String POOL_WORKER = "ForkJoinPool.commonPool-worker-";

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String first = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName()).get();
        String second = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName()).get();
        System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, common pool parallelism=" + ForkJoinPool.getCommonPoolParallelism());
        System.out.println("two supplyAsync tasks ran on " + first + " and " + second);
        long begin = System.nanoTime();
        List<CompletableFuture<String>> sleepers = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            sleepers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(SLEEP_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Thread.currentThread().getName();
            }));
        }
        long threads = sleepers.stream().map(CompletableFuture::join).distinct().count();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        System.out.println(tasks + " tasks of " + SLEEP_MS + " ms asleep each took " + took + " ms on " + threads
                + (threads == 1 ? " thread (" : " threads (") + tasks * SLEEP_MS + " ms if one ran them all)");
        int expected = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        boolean set = System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") != null;
        boolean inPool = first.startsWith(POOL_WORKER) && second.startsWith(POOL_WORKER);
        if (!inPool || (!set && ForkJoinPool.getCommonPoolParallelism() != expected)) {
            System.out.println("J17 does not hold here");
            System.exit(1);
        }
        System.out.println("J17 holds: the tasks ran in the common pool, of parallelism " + expected + " here");
    }
}
