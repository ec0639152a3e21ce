import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The carrier CPU per wake-up in results.md's "A million sleepers": what the carriers spend on each virtual
 * thread that starts, sleeps, wakes and ends, in a cold JVM's first round and in the rounds after it. Run on a
 * JDK 25's {@code java}:
 *
 * <pre>java scripts/results.d/CarrierCpuPerWakeup.java [threads] [rounds]</pre>
 *
 * Each round (default 3) starts {@code threads} (default 1,000,000) virtual threads that each sleep 1 s, waits
 * for all to end, and prints the round's wall time and its carriers' CPU time (ThreadMXBean, summed over the
 * scheduler's {@code ForkJoinPool-1-worker-*} threads) per thread. The starting thread's own CPU is not counted.
 */
public class CarrierCpuPerWakeup {
    static final String CARRIER = "ForkJoinPool-1-worker-";

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!bean.isThreadCpuTimeSupported()) {
            System.err.println("this JVM cannot measure a thread's CPU time");
            System.exit(2);
        }
        bean.setThreadCpuTimeEnabled(true);
        System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + String.format("%,d", threads) + " virtual threads sleeping 1 s a round");
        for (int round = 1; round <= rounds; round++) {
            long cpuBefore = carrierCpuNanos(bean);
            CountDownLatch ended = new CountDownLatch(threads);
            long begin = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ended.countDown();
                });
            }
            ended.await();
            long wall = System.nanoTime() - begin;
            double perThread = (carrierCpuNanos(bean) - cpuBefore) / 1000.0 / threads;
            System.out.printf("round %d: %,d ms, carriers' CPU %.1f µs a thread%n", round,
                    TimeUnit.NANOSECONDS.toMillis(wall), perThread);
        }
    }

    /** Summed over the carriers alive now: a carrier that ended in a round takes its CPU time with it. */
    static long carrierCpuNanos(ThreadMXBean bean) {
        long sum = 0;
        for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(CARRIER)) {
                long cpu = bean.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    sum += cpu;
                }
            }
        }
        return sum;
    }
}
