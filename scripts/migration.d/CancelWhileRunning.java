import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fact J11 of migration.md: {@code Future.cancel(false)} on a task whose action is running returns true, and
 * {@code isCancelled()} is then true, while the action runs on to its end. Run on a JDK 25's {@code java}:
 *
 * <pre>java scripts/migration.d/CancelWhileRunning.java</pre>
 *
 * Schedules an action on a {@code ScheduledThreadPoolExecutor}, cancels it without interrupting once it has
 * begun, then lets it finish. Exits 1 if {@code cancel(false)} returned false or the action did not finish.
 */
public class CancelWhileRunning {

    public static void main(String[] args) throws Exception {
        CountDownLatch began = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
        try {
            ScheduledFuture<?> future = timer.schedule(
                    () -> {
                        began.countDown();
                        try {
                            goOn.await();
                            finished.set(true); // the action's work, done after the cancel
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            ended.countDown();
                        }
                    },
                    10,
                    TimeUnit.MILLISECONDS);
            began.await();
            boolean cancelled = future.cancel(false);
            boolean isCancelled = future.isCancelled();
            boolean isDone = future.isDone();
            goOn.countDown();
            ended.await();
            System.out.println("Java " + Runtime.version() + ": cancel(false) while the action ran returned "
                    + cancelled + ", then isCancelled() " + isCancelled + ", isDone() " + isDone
                    + "; the action then ran to its end: " + finished.get());
            if (!cancelled || !finished.get()) {
                System.out.println("J11 does not hold here");
                System.exit(1);
            }
            System.out.println("J11 holds: true, although the action was not stopped");
        } finally {
            timer.shutdown();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
