import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Fact J6 of migration.md: {@code ThreadMXBean.getAllThreadIds()}, {@code findDeadlockedThreads()} and
 * {@code Thread.getAllStackTraces()} see platform threads only. Run on a JDK 25's {@code java}:
 *
 * <pre>java scripts/migration.d/UnseenByThreadMxBean.java</pre>
 *
 * Starts 100 platform and 100 virtual threads that all park, and two virtual threads that deadlock
 * on two {@code synchronized} blocks; once every one of them is seen waiting or blocked, prints how many of each
 * kind the three calls list. Exits 1 if any of them lists a virtual thread (the fact no longer holds).
 */
public class UnseenByThreadMxBean {
    static final int EACH = 100;

    public static void main(String[] args) throws Exception {
        Runnable waiter = () -> {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(); // until main interrupts it
            }
        };
        List<Thread> platform = new ArrayList<>();
        List<Thread> virtual = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            platform.add(Thread.ofPlatform().daemon().start(waiter));
            virtual.add(Thread.ofVirtual().start(waiter));
        }
        Object a = new Object();
        Object b = new Object();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        List<Thread> deadlocked = List.of(
                Thread.ofVirtual().start(() -> lockBoth(a, b, bothHoldOne)),
                Thread.ofVirtual().start(() -> lockBoth(b, a, bothHoldOne)));
        for (Thread t : platform) {
            awaitState(t, Thread.State.WAITING);
        }
        for (Thread t : virtual) {
            awaitState(t, Thread.State.WAITING);
        }
        for (Thread t : deadlocked) {
            awaitState(t, Thread.State.BLOCKED);
        }
        Set<Long> platformIds = platform.stream().map(Thread::threadId).collect(Collectors.toSet());
        Set<Long> virtualIds = virtual.stream().map(Thread::threadId).collect(Collectors.toSet());
        Set<Long> deadlockedIds = deadlocked.stream().map(Thread::threadId).collect(Collectors.toSet());

        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Set<Long> listed = Arrays.stream(bean.getAllThreadIds()).boxed().collect(Collectors.toSet());
        long[] found = bean.findDeadlockedThreads(); // null when it finds none
        Set<Long> inDeadlock = found == null ? Set.of() : Arrays.stream(found).boxed().collect(Collectors.toSet());
        Set<Long> traced = Thread.getAllStackTraces().keySet().stream()
                .map(Thread::threadId)
                .collect(Collectors.toSet());

        System.out.println("Java " + Runtime.version() + ", " + EACH + " platform and " + EACH
                + " virtual threads waiting, 2 virtual threads deadlocked");
        int seen = 0;
        seen += report("ThreadMXBean.getAllThreadIds()", listed, platformIds, virtualIds, deadlockedIds);
        seen += report("ThreadMXBean.findDeadlockedThreads()", inDeadlock, platformIds, virtualIds, deadlockedIds);
        seen += report("Thread.getAllStackTraces()", traced, platformIds, virtualIds, deadlockedIds);
        for (Thread t : platform) {
            t.interrupt();
            t.join();
        }
        for (Thread t : virtual) {
            t.interrupt();
            t.join();
        }
        // the deadlocked pair never ends: virtual threads are daemons, so the JVM exits without them
        if (seen > 0) {
            System.out.println("J6 does not hold here: a call listed " + seen + " virtual threads");
            System.exit(1);
        }
        System.out.println("J6 holds: none of the three lists a virtual thread");
    }

    static int report(String call, Set<Long> listed, Set<Long> platform, Set<Long> virtual, Set<Long> deadlocked) {
        long p = platform.stream().filter(listed::contains).count();
        long v = virtual.stream().filter(listed::contains).count();
        long d = deadlocked.stream().filter(listed::contains).count();
        System.out.printf("%-38s lists %3d of %d waiting platform, %3d of %d waiting virtual, %d of 2 deadlocked"
                + " virtual threads%n", call, p, platform.size(), v, virtual.size(), d);
        return (int) (v + d);
    }

    static void lockBoth(Object first, Object second, CountDownLatch bothHoldOne) {
        synchronized (first) {
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (second) {
                throw new AssertionError("the deadlock did not happen");
            }
        }
    }

    static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        while (thread.getState() != state) {
            if (!thread.isAlive()) {
                throw new IllegalStateException(thread + " ended before it was " + state);
            }
            Thread.sleep(1);
        }
    }
}
