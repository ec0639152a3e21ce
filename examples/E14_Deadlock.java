/*
 * E14 deadlock: two workers take two locks in opposite order; see it, break it, fix it.
 *
 * The tutorial warns against nested locks. Here worker a takes lock A then B, worker b takes B
 * then A, and a latch makes both hold their first lock before either asks for the second, so the
 * deadlock is certain. It runs on platform threads, on virtual threads and as forks of a
 * StructuredTaskScope. Each time the program looks with two tools and breaks the deadlock by
 * interrupting worker b (it waits in lockInterruptibly, so it gives up and releases B). Last, once,
 * on virtual threads, it runs the fix: one global order, A before B, for both workers.
 *
 * You are expected to see: on platform threads ThreadMXBean.findDeadlockedThreads() names both
 * workers; on virtual threads and forks it returns null (ThreadMXBean does not see virtual
 * threads), while the JDK's thread dump shows both workers WAITING, "parking to wait for" a
 * ReentrantLock$NonfairSync, inside lockInterruptibly. The dump does not say who owns a
 * ReentrantLock (seen on JDK 25, the one JDK run here); the lock itself does ("Locked by thread
 * ..."). Each time, worker a
 * completes and worker b backs off, with its thread's interrupt status set again (the check asks for
 * both); in the global order both complete, and neither is interrupted.
 *
 * (The harness's pattern reads the JSON form of the same dump with Jackson; a single-file program
 * has no libraries, so this one reads the plain-text form.)
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505).
 */
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

public class E14_Deadlock {

    /** What worker b must report when it was interrupted: it gave up, and its thread kept the interrupt. */
    static final String BACKED_OFF = "backed off (interrupt status kept)";

    /** Two locks and the latch where the two workers meet. */
    record Locks(ReentrantLock a, ReentrantLock b, CountDownLatch meet) {
        Locks() {
            this(new ReentrantLock(), new ReentrantLock(), new CountDownLatch(2));
        }

        /** Worker a: A then B. Worker b: B then A (opposite), or A then B (the global order). */
        String work(boolean workerA, boolean opposite) {
            return workerA || !opposite
                    ? E14_Deadlock.work(workerA ? "worker-a" : "worker-b", a, b, meet, opposite)
                    : E14_Deadlock.work("worker-b", b, a, meet, true);
        }
    }

    /** Takes both locks, meeting the other worker first (global order) or while holding the first (opposite order). */
    static String work(
            String name, ReentrantLock first, ReentrantLock second, CountDownLatch meet, boolean meetHoldingFirst) {
        Thread.currentThread().setName(name);
        try {
            if (!meetHoldingFirst) {
                meet.countDown();
                meet.await();
            }
            first.lockInterruptibly();
            try {
                if (meetHoldingFirst) {
                    meet.countDown();
                    meet.await(); // both now hold one lock: the deadlock is certain
                }
                second.lockInterruptibly(); // interruptible: this is what lets us break the deadlock
                try {
                    return "completed";
                } finally {
                    second.unlock();
                }
            } finally {
                first.unlock();
            }
        } catch (InterruptedException e) {
            // it gives up, and says so; the interrupt status is set again, so that whatever this thread
            // does next still sees the request to stop (catching it and returning would clear it for good)
            Thread.currentThread().interrupt();
            return "backed off";
        }
    }

    /** What a worker returned, and whether its thread still had its interrupt status when it did. */
    static String outcome(Supplier<String> worker) {
        String result = worker.get();
        return Thread.currentThread().isInterrupted() ? result + " (interrupt status kept)" : result;
    }

    /** Waits until a is queued on B and b on A, both parked; then looks, and breaks it by interrupting b. */
    static boolean seeAndBreak(String kind, Locks locks, Thread a, Thread b) throws Exception {
        ReentrantLock lockA = locks.a();
        ReentrantLock lockB = locks.b();
        long deadline = System.nanoTime() + 30_000_000_000L; // a backstop: a bug shows as an exception, not a hang
        while (!(lockB.hasQueuedThread(a)
                && lockA.hasQueuedThread(b)
                && a.getState() == Thread.State.WAITING
                && b.getState() == Thread.State.WAITING)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(kind + ": the two workers did not deadlock within 30 s");
            }
            Thread.sleep(1);
        }
        long[] found = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        // how many of the two workers it names: 2 on platform threads, 0 on virtual ones (it does not see them)
        long mxSaw = found == null
                ? 0
                : Arrays.stream(found)
                        .filter(id -> id == a.threadId() || id == b.threadId())
                        .count();
        System.out.printf(
                "%-10s ThreadMXBean.findDeadlockedThreads(): %s%n",
                kind, found == null ? "null" : Arrays.toString(found));

        Path dir;
        try {
            dir = Files.createTempDirectory("e14-");
        } catch (IOException e) { // the machine's, not the example's: one line, not a stack trace
            System.err.println("E14: cannot make a folder for the thread dump in "
                    + System.getProperty("java.io.tmpdir") + " (java.io.tmpdir): " + e);
            System.exit(2); // as an unwritable path is for loom: not the example's check
            return false; // not reached
        }
        Path file = dir.resolve("threads.txt");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(file.toString(), ThreadDumpFormat.TEXT_PLAIN);
        String dump = Files.readString(file);
        Files.delete(file);
        Files.delete(dir);
        boolean dumpSaw = true;
        for (Thread worker : List.of(a, b)) {
            // the text dump has one block per thread, separated by a blank line, headed: #tid "name" ...
            String block = Arrays.stream(dump.split("\n\n"))
                    .filter(s -> s.startsWith("#" + worker.threadId() + " "))
                    .findFirst()
                    .orElse("");
            String header = block.lines().findFirst().orElse("(not in the dump)");
            String parked = block.lines()
                    .filter(l -> l.contains("parking to wait for"))
                    .findFirst()
                    .orElse("")
                    .strip();
            dumpSaw &= header.contains("WAITING")
                    && !parked.isEmpty()
                    && block.contains("ReentrantLock.lockInterruptibly");
            System.out.printf(
                    "%-10s   thread dump: %s%n%-10s                %s%n",
                    "", header.replaceAll(" \\d{4}-.*", ""), "", parked);
        }
        System.out.printf(
                "%-10s   the locks:   A %s, B %s%n",
                "", lockA.toString().replaceAll(".*\\[", "["), lockB.toString().replaceAll(".*\\[", "["));
        b.interrupt();
        // the lesson: ThreadMXBean names platform workers and misses virtual ones; the dump shows both kinds
        long mxExpected = kind.equals("platform") ? 2 : 0;
        boolean expected = mxSaw == mxExpected && dumpSaw;
        System.out.printf(
                "%-10s   ThreadMXBean named %d of the 2 workers (expected %d); the dump showed both parked: %s;"
                        + " broken by interrupting b  %s%n",
                "", mxSaw, mxExpected, dumpSaw ? "yes" : "no", expected ? "ok" : "WRONG");
        return expected;
    }

    static boolean onThreads(String kind, Thread.Builder builder) throws Exception {
        Locks locks = new Locks();
        String[] results = new String[2];
        Thread a = builder.start(() -> results[0] = outcome(() -> locks.work(true, true)));
        Thread b = builder.start(() -> results[1] = outcome(() -> locks.work(false, true))); // opposite order
        boolean seen;
        try {
            seen = seeAndBreak(kind, locks, a, b);
        } catch (Exception e) {
            a.interrupt(); // never leave a deadlocked pair behind
            b.interrupt();
            throw e;
        } finally {
            a.join();
            b.join();
        }
        System.out.printf("%-10s   a %s, b %s%n", "", results[0], results[1]);
        return seen && "completed".equals(results[0]) && BACKED_OFF.equals(results[1]);
    }

    static boolean inAScope() throws Exception {
        Locks locks = new Locks();
        Thread[] threads = new Thread[2];
        CountDownLatch started = new CountDownLatch(2);
        try (var scope = StructuredTaskScope.open()) { // AFTER, structured: the owner watches while the forks run
            List<Subtask<String>> workers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int side = i;
                workers.add(scope.fork(() -> {
                    threads[side] = Thread.currentThread();
                    started.countDown();
                    return outcome(() -> locks.work(side == 0, true));
                }));
            }
            started.await();
            boolean seen = seeAndBreak("structured", locks, threads[0], threads[1]);
            scope.join();
            String a = workers.get(0).get();
            String b = workers.get(1).get();
            System.out.printf("%-10s   a %s, b %s%n", "", a, b);
            return seen && "completed".equals(a) && BACKED_OFF.equals(b);
        }
    }

    static boolean globalOrder() throws Exception {
        Locks locks = new Locks();
        String[] results = new String[2];
        // the fix: both take A before B, released together so they contend as hard as before
        Thread a = Thread.ofVirtual().start(() -> results[0] = outcome(() -> locks.work(true, false)));
        Thread b = Thread.ofVirtual().start(() -> results[1] = outcome(() -> locks.work(false, false)));
        // bounded: were the order not global after all, the pair would deadlock, and this must say so, not hang
        // (virtual threads do not keep the JVM alive: when main's check throws, the JVM exits and ends them)
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // one 10 s for both joins
        boolean ended = a.join(Duration.ofNanos(deadline - System.nanoTime()))
                & b.join(Duration.ofNanos(deadline - System.nanoTime()));
        System.out.printf("%-10s a %s, b %s%s%n", "fixed", results[0], results[1], ended ? "" : " (not ended in 10 s)");
        return ended && "completed".equals(results[0]) && "completed".equals(results[1]);
    }

    public static void main(String[] args) throws Exception {
        boolean ok = onThreads("platform", Thread.ofPlatform()); // BEFORE
        ok &= onThreads("virtual", Thread.ofVirtual()); // AFTER
        ok &= inAScope();
        ok &= globalOrder();
        if (!ok) {
            throw new IllegalStateException("a form did not pass its check: the line above that says so");
        }
        System.out.println("every deadlock seen and broken; the global order completed");
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E14_Deadlock.java
 *
 * The same dump from outside, while a program is stuck (JSON, with thread containers):
 *
 *   jcmd <pid> Thread.dump_to_file -format=json threads.json
 *
 * With a JFR recording (virtual thread starts and ends; a parked virtual thread that unmounts
 * leaves no jdk.ThreadPark event, so the deadlock itself is not in the recording):
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e14.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E14_Deadlock.java
 *
 * The same pattern inside the harness, with its self-check (the JSON dump read with Jackson):
 * ./loom run deadlock --mode virtual --tasks 100
 */
