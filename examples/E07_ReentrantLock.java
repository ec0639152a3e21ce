/*
 * E07 reentrant-lock: method A calls method B under the same lock.
 *
 * The tutorial's threading.RLock: method_a takes a lock and calls method_b, which takes the same
 * lock again. Here one thread first shows the hold counts of a ReentrantLock taken twice, as A
 * and then B take it, then 1,000 workers call method A 1,000
 * times each, on platform threads, on virtual threads and as forks of a StructuredTaskScope; then,
 * in each mode again, the same calls under a lock that is not reentrant (a one-permit Semaphore,
 * the tutorial's Lock).
 *
 * You are expected to see: hold count 1 in A, 2 in B, 0 after A returns; then, in every mode,
 * 1,000,000 calls that all re-entered B, with no other thread inside the lock in between (the
 * "intruders" column is 0). The non-reentrant lock refuses B every time, in every mode: 1,000,000
 * refusals of 1,000,000 calls; with acquire() instead of tryAcquire() each of those calls would
 * wait forever for a permit its own thread holds. Reentrancy is a property of the lock, not of
 * the thread: nothing changes between the modes.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505).
 */
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

public class E07_ReentrantLock {

    static final int WORKERS = 1_000;
    static final int CALLS = 1_000;

    static final class SharedResource {
        final ReentrantLock lock = new ReentrantLock();
        Thread inside; // @GuardedBy("lock")
        long reentered; // @GuardedBy("lock")
        long intruders; // @GuardedBy("lock")

        void methodA() {
            lock.lock();
            try {
                if (inside != null) {
                    intruders++;
                }
                inside = Thread.currentThread();
                methodB(); // takes the lock again: hold count 2
                if (inside != Thread.currentThread()) {
                    intruders++;
                }
                inside = null;
            } finally {
                lock.unlock();
            }
        }

        void methodB() {
            lock.lock();
            try {
                if (lock.getHoldCount() == 2 && inside == Thread.currentThread()) {
                    reentered++;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Don't do this: the tutorial's plain Lock. A semaphore has no owner, so its holder is refused too. */
    static final class NonReentrantResource {
        final Semaphore mutex = new Semaphore(1);
        final LongAdder refused = new LongAdder();

        void methodA() {
            mutex.acquireUninterruptibly();
            try {
                methodB();
            } finally {
                mutex.release();
            }
        }

        void methodB() {
            if (!mutex.tryAcquire()) { // acquire() would deadlock this thread with itself
                refused.increment();
                return;
            }
            mutex.release();
        }
    }

    interface Workers {
        void run(Runnable worker) throws InterruptedException;
    }

    static void platform(Runnable worker) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            threads.add(Thread.ofPlatform().start(worker)); // BEFORE
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    static void virtual(Runnable worker) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            threads.add(Thread.ofVirtual().start(worker)); // AFTER
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    static void structured(Runnable worker) throws InterruptedException {
        try (var scope = StructuredTaskScope.open()) { // AFTER, structured
            for (int i = 0; i < WORKERS; i++) {
                scope.fork(worker);
            }
            scope.join();
        }
    }

    static boolean run(String name, Workers workers) throws InterruptedException {
        SharedResource resource = new SharedResource();
        LongAdder stillHeld = new LongAdder();
        workers.run(() -> {
            for (int i = 0; i < CALLS; i++) {
                resource.methodA();
                if (resource.lock.isHeldByCurrentThread()) {
                    stillHeld.increment();
                }
            }
        });
        long expected = (long) WORKERS * CALLS;
        boolean ok = resource.reentered == expected && resource.intruders == 0 && stillHeld.sum() == 0;
        System.out.printf(
                "%-10s re-entered %,9d of %,9d   intruders %d   held after A %d   %s%n",
                name, resource.reentered, expected, resource.intruders, stillHeld.sum(), ok ? "ok" : "WRONG");
        return ok;
    }

    /** The same workers and calls on the non-reentrant lock: B must be refused in every call, whatever the thread. */
    static boolean refused(String name, Workers workers) throws InterruptedException {
        NonReentrantResource plain = new NonReentrantResource();
        workers.run(() -> {
            for (int i = 0; i < CALLS; i++) {
                plain.methodA();
            }
        });
        long expected = (long) WORKERS * CALLS;
        boolean ok = plain.refused.sum() == expected;
        System.out.printf(
                "%-10s non-reentrant: B refused in %,9d of %,9d calls (each would be a self-deadlock)  %s%n",
                name, plain.refused.sum(), expected, ok ? "ok" : "WRONG");
        return ok;
    }

    public static void main(String[] args) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        int inA = lock.getHoldCount();
        lock.lock();
        int inB = lock.getHoldCount();
        lock.unlock();
        lock.unlock();
        System.out.printf("hold count: in A %d, in B %d, after A %d%n", inA, inB, lock.getHoldCount());
        boolean ok = inA == 1 && inB == 2 && lock.getHoldCount() == 0;

        ok &= run("platform", E07_ReentrantLock::platform);
        ok &= run("virtual", E07_ReentrantLock::virtual);
        ok &= run("structured", E07_ReentrantLock::structured);

        ok &= refused("platform", E07_ReentrantLock::platform);
        ok &= refused("virtual", E07_ReentrantLock::virtual);
        ok &= refused("structured", E07_ReentrantLock::structured);
        if (!ok) {
            throw new IllegalStateException("a mode did not pass its check: the line above that says so");
        }
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E07_ReentrantLock.java
 *
 * With a JFR recording (virtual threads started, any pins with their stacks):
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e07.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E07_ReentrantLock.java
 *   jfr summary e07.jfr
 *
 * The same pattern inside the harness, with synchronized as a variant: ./loom compare reentrant-lock
 */
