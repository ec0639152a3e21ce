/*
 * E06 lock-counter: a shared counter guarded by a lock.
 *
 * The tutorial runs threads that add to a global counter under threading.Lock. Here 1,000 workers
 * each add 10,000 to one counter, on platform threads, on virtual threads, and as forks of a
 * StructuredTaskScope; first without a lock (the wrong way), then with a ReentrantLock.
 *
 * You are expected to see: the unguarded counter falls short of 10,000,000 in every form (lost
 * updates: count++ is a read, an add and a write, and two threads can read the same value). Its
 * increment is written out as those steps, and whenever the value read is a multiple of 1,024 (a
 * lost update sets the counter back, so often more than every 1,024th read), the thread yields between
 * the read and the write, as the Python tutorials widen the race with a sleep: the window count++
 * already has, held open. The yield makes most of the loss: the thread writes back, after it, a value
 * read before all that others added meanwhile, so the total can fall short by nearly all of it (a
 * review, 2026-12-06, load 10-15: 30,879 to 46,764 of 10,000,000 on virtual threads, 3 runs); the
 * plain race of count++ loses far less. Without it a virtual thread runs its increments nearly alone on its
 * carrier (no time slicing), and virtual and structured runs often lost nothing (a review, 2 cores
 * at load 17-19: none lost in 5 of 7 runs each), which is no proof of safety: the race is still
 * there. The guarded counter is exact every time. The check asks for that only: how many updates
 * the unguarded counter lost is printed, not checked, since a race is likely, never certain, to
 * show in a given run. Nothing about locking changes when moving to virtual threads: the lock is
 * the same object, only the threads differ. (Since JDK 24, JEP 491, the same holds for
 * synchronized: a virtual thread waiting for a monitor no longer pins its carrier.)
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
                long read = count; // count++, step by step: 1. read
                if ((read & 1023) == 0) {
                    Thread.yield(); // the window count++ has, held open: another thread may write meanwhile
                }
                count = read + 1; // 2. add, 3. write: over whatever was written since the read
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
        if (!ok) {
            throw new IllegalStateException("a guarded counter was not exact: the line marked WRONG");
        }
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
