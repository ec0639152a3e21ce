import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The figure in results.md on platform threads alive at once: starting them costs more, the more there are, in
 * the JVM or the kernel, not in loom's code. Run on a JDK 25's {@code java}, with no JFR:
 *
 * <pre>java scripts/results.d/PlatformThreadsParked.java N [park|condition|virtual]</pre>
 *
 * Starts N threads that each park ({@code LockSupport.park}, the default), or wait on one {@code Condition}, or
 * park as virtual threads, and prints how long it took until every one of them had started and was about to
 * wait; then wakes and joins them all.
 */
public class PlatformThreadsParked {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PlatformThreadsParked N [park|condition|virtual]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        String how = args.length > 1 ? args[1] : "park";
        ReentrantLock lock = new ReentrantLock();
        Condition signalled = lock.newCondition();
        boolean[] released = new boolean[1];
        CountDownLatch started = new CountDownLatch(count);
        Runnable waiter = switch (how) {
            case "park", "virtual" -> () -> {
                started.countDown();
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.park(); // until main interrupts it
                }
            };
            case "condition" -> () -> {
                lock.lock();
                try {
                    started.countDown();
                    while (!released[0]) {
                        signalled.awaitUninterruptibly();
                    }
                } finally {
                    lock.unlock();
                }
            };
            default -> throw new IllegalArgumentException("park, condition or virtual, not " + how);
        };
        Thread.Builder builder = how.equals("virtual") ? Thread.ofVirtual() : Thread.ofPlatform();
        List<Thread> threads = new ArrayList<>(count);
        long begin = System.nanoTime();
        for (int i = 0; i < count; i++) {
            threads.add(builder.start(waiter));
        }
        started.await();
        long took = System.nanoTime() - begin;
        if (how.equals("condition")) {
            lock.lock();
            try {
                released[0] = true;
                signalled.signalAll();
            } finally {
                lock.unlock();
            }
        } else {
            threads.forEach(Thread::interrupt);
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("Java %s: %,d %s threads (%s) started and waiting in %,d ms%n", Runtime.version(), count,
                how.equals("virtual") ? "virtual" : "platform", how, TimeUnit.NANOSECONDS.toMillis(took));
    }
}
