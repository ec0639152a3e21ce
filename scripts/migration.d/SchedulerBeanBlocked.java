import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.management.VirtualThreadSchedulerMXBean;

/**
 * Fact J9 of migration.md: {@code VirtualThreadSchedulerMXBean} (JDK 24 and later) counts neither mounted nor
 * queued a virtual thread that is blocked, so it does not show the tasks an I/O-bound program waits on. Run on a
 * JDK 25's {@code java}:
 *
 * <pre>java scripts/migration.d/SchedulerBeanBlocked.java [threads]</pre>
 *
 * Starts {@code threads} (default 1,000) virtual threads that wait on one latch, and once every one is seen
 * WAITING, reads the bean's mounted and queued counts at once and again 20 ms later. Exits 1 if the later
 * reading counts a tenth of the blocked threads or more (the fact no longer holds).
 */
public class SchedulerBeanBlocked {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        VirtualThreadSchedulerMXBean bean = ManagementFactory.getPlatformMXBean(VirtualThreadSchedulerMXBean.class);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.sleep(1);
            }
        }
        String atOnce = reading(bean);
        Thread.sleep(20); // the carriers stop looking for work
        int mounted = bean.getMountedVirtualThreadCount();
        long queued = bean.getQueuedVirtualThreadCount();
        System.out.println("Java " + Runtime.version() + ", " + count + " virtual threads blocked on a latch, "
                + bean.getParallelism() + " carriers at most, " + bean.getPoolSize() + " in the pool");
        System.out.println("as the last one blocked: " + atOnce);
        System.out.println("20 ms later:             mounted " + mounted + ", queued " + queued);
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (mounted + queued >= count / 10) {
            System.out.println("J9 does not hold here: the bean counts the blocked threads");
            System.exit(1);
        }
        System.out.println("J9 holds: the bean counts none of the " + count + " blocked threads");
    }

    static String reading(VirtualThreadSchedulerMXBean bean) {
        return "mounted " + bean.getMountedVirtualThreadCount() + ", queued " + bean.getQueuedVirtualThreadCount();
    }
}
