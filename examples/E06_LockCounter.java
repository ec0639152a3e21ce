/*
 * E06 lock-counter: a shared counter guarded by a lock.
 *
 * The tutorial runs threads that add to a global counter under threading.Lock. Here 1,000 workers
 * each add 10,000 to one counter, on platform threads, on virtual threads, and as forks of a
 * StructuredTaskScope; first without a lock (the wrong way), then with a ReentrantLock.
 *
 * You are expected to see: the unguarded counter falls short of 10,000,000 (lost updates: count++
 * is a read, an add and a write, and two threads can read the same value) in most runs on platform
 * threads; on virtual threads (and forks) only when two of them run on two carriers at once, so often
 * not at all on a loaded machine (a review, 2 cores at load 17-19: virtual and structured lost none
 * in 5 of 7 runs each, platform in 1 of 7). No loss is no proof of safety: the race is still there.
 * The guarded counter is exact every time. Nothing about locking changes when
 * moving to virtual threads: the lock is the same object, only the threads differ. (Since JDK 24,
 * JEP 491, the same holds for synchronized: a virtual thread waiting for a monitor no longer pins
 * its carrier.)
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505).
 */
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.locks.ReentrantLock;

public class E06_LockCounter {

    static final int WORKERS = 1_000;
    static final int INCREMENTS = 10_000;
    static final long EXPECTED = (long) WORKERS * INCREMENTS;

    /** Don't do this: no lock, so concurrent count++ lose updates. */
    static final class UnguardedCounter implements Runnable {
        volatile long count; // volatile is not a lock: each ++ is still three steps

        @Override
        public void run() {
            for (int i = 0; i < INCREMENTS; i++) {
                count++;
            }
        }
    }

    static final class GuardedCounter implements Runnable {
        final ReentrantLock lock = new ReentrantLock();
        long count; // @GuardedBy("lock")

        @Override
        public void run() {
            for (int i = 0; i < INCREMENTS; i++) {
                lock.lock();
                try {
                    count++;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    static void onPlatformThreads(Runnable work) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            threads.add(Thread.ofPlatform().start(work)); // BEFORE
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    static void onVirtualThreads(Runnable work) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            threads.add(Thread.ofVirtual().start(work)); // AFTER
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    static void inAScope(Runnable work) throws InterruptedException {
        try (var scope = StructuredTaskScope.open()) { // AFTER, structured
            for (int i = 0; i < WORKERS; i++) {
                scope.fork(work);
            }
            scope.join();
        }
    }

    interface Threads {
        void run(Runnable work) throws InterruptedException;
    }

    static boolean compare(String name, Threads threads) throws InterruptedException {
        UnguardedCounter unguarded = new UnguardedCounter();
        threads.run(unguarded);
        GuardedCounter guarded = new GuardedCounter();
        threads.run(guarded);
        System.out.printf(
                "%-10s unguarded %,12d (lost %,9d)   guarded %,12d  %s%n",
                name,
                unguarded.count,
                EXPECTED - unguarded.count,
                guarded.count,
                guarded.count == EXPECTED ? "exact" : "WRONG");
        return guarded.count == EXPECTED;
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.printf("expected   %,d%n", EXPECTED);
        boolean ok = compare("platform", E06_LockCounter::onPlatformThreads);
        ok &= compare("virtual", E06_LockCounter::onVirtualThreads);
        ok &= compare("structured", E06_LockCounter::inAScope);
        System.exit(ok ? 0 : 1);
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E06_LockCounter.java
 *
 * With a JFR recording (every pin, if any, with its stack):
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e06.jfr,settings=jfr-profiles/pinning.jfc examples/E06_LockCounter.java
 *   jfr print --events jdk.VirtualThreadPinned --stack-depth 64 e06.jfr
 *
 * The same pattern inside the harness, with every variant: ./loom compare lock-counter
 */
