/*
 * E09 event-signal: an event that threads wait for, set, and clear.
 *
 * The tutorial's threading.Event: workers wait() until a coordinator calls set(); wait(timeout)
 * gives up and returns False; clear() makes later workers wait again. Here a resettable event is
 * built from a ReentrantLock and one Condition, and 10,000 waiters on virtual threads (then 500 on
 * platform threads, then 10,000 forks) wait on it. A CountDownLatch does the one-shot case.
 *
 * You are expected to see: in each form, every waiter seen blocked before the set, and all of them
 * released by one set(); a timed wait on the cleared event returning false after its 100 ms; after
 * clear(), a new waiter blocked until the next set(). Last, set() followed at once by clear()
 * still releases a waiter that was blocked: each set() starts a new generation, and a waiter
 * returns once its generation is over, whatever the flag says by the time it wakes up.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505).
 */
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

public class E09_EventSignal {

    /** Python's threading.Event: set, clear, wait, wait with a timeout. */
    static final class ResettableEvent {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition released = lock.newCondition(); // CONDITION PREDICATE: flag, or a new generation
        private boolean flag; // @GuardedBy("lock")
        private long generation; // @GuardedBy("lock")

        void set() {
            lock.lock();
            try {
                if (!flag) {
                    flag = true;
                    generation++;
                    released.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        void clear() {
            lock.lock();
            try {
                flag = false;
            } finally {
                lock.unlock();
            }
        }

        boolean await(Duration timeout) throws InterruptedException {
            long nanos = timeout.toNanos();
            lock.lockInterruptibly();
            try {
                long started = generation;
                while (!flag && generation == started) { // not while (!flag): set() then clear() would strand us
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = released.awaitNanos(nanos);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        int waiting() {
            lock.lock();
            try {
                return lock.getWaitQueueLength(released);
            } finally {
                lock.unlock();
            }
        }
    }

    static final Duration FOREVER = Duration.ofDays(1);

    interface Starter {
        void start(Runnable waiter);
    }

    /**
     * Blocks until the condition holds, polling observable state (never a sleep "long enough"); 30 s is a
     * backstop, far longer than any step takes, so a bug shows as an exception, not a hang.
     */
    static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a state awaited was not reached within 30 s");
            }
            Thread.sleep(1);
        }
    }

    static boolean round(String name, int waiters, Starter starter) throws InterruptedException {
        ResettableEvent event = new ResettableEvent();
        AtomicInteger through = new AtomicInteger();
        for (int i = 0; i < waiters; i++) {
            starter.start(() -> {
                try {
                    if (event.await(FOREVER)) {
                        through.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        until(() -> event.waiting() == waiters);
        int before = through.get();
        event.set();
        until(() -> through.get() == waiters);

        event.clear();
        long start = System.nanoTime();
        boolean timed = event.await(Duration.ofMillis(100));
        long timedMs = (System.nanoTime() - start) / 1_000_000;

        boolean ok = before == 0 && !timed && timedMs >= 99;
        System.out.printf(
                "%-10s %,6d blocked, %,6d released by set(); timed wait %s after %d ms  %s%n",
                name, waiters, through.get(), timed, timedMs, ok ? "ok" : "WRONG");
        return ok;
    }

    /**
     * clear() makes a new waiter block; set() then clear() at once still releases it. Checked: the waiter
     * was seen blocked on the cleared event and had not returned; after set() + clear() it ended, and its
     * await returned true (released, not timed out nor interrupted). Were it stranded, as with
     * while (!flag), the 30 s backstop on its join says so instead of a hang.
     */
    static boolean setThenClear() throws InterruptedException {
        ResettableEvent event = new ResettableEvent();
        event.set();
        event.clear();
        AtomicInteger outcome = new AtomicInteger(); // 0 waiting, 1 released, 2 timed out, 3 interrupted
        Thread late = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(event.await(FOREVER) ? 1 : 2);
            } catch (InterruptedException e) {
                outcome.set(3);
                Thread.currentThread().interrupt();
            }
        });
        // either it waits, or (clear() broken) it went through and ended: both are states to wait for
        until(() -> late.getState() == Thread.State.TERMINATED
                || (event.waiting() == 1 && late.getState() == Thread.State.TIMED_WAITING));
        boolean blocked = late.isAlive() && outcome.get() == 0;
        // at once: holding the event's (reentrant) lock across both, so the waiter cannot wake in between
        // and find the flag still set; what releases it then is the new generation alone
        event.lock.lock();
        try {
            event.set();
            event.clear();
        } finally {
            event.lock.unlock();
        }
        boolean ended = late.join(Duration.ofSeconds(30)); // a backstop: released, it ends at once
        if (!ended) {
            late.interrupt(); // stranded: end it, so that every thread started is joined
            late.join();
        }
        boolean ok = blocked && ended && outcome.get() == 1;
        System.out.printf(
                "after clear(): a new waiter %s; set() + clear() at once %s  %s%n",
                blocked ? "blocked" : "did NOT block",
                ended && outcome.get() == 1 ? "released it" : "did NOT release it",
                ok ? "ok" : "WRONG");
        return ok;
    }

    public static void main(String[] args) throws Exception {
        List<Thread> threads = new ArrayList<>();
        boolean ok =
                round("virtual", 10_000, w -> threads.add(Thread.ofVirtual().start(w))); // AFTER
        ok &= round("platform", 500, w -> threads.add(Thread.ofPlatform().start(w))); // BEFORE
        for (Thread t : threads) {
            t.join();
        }
        try (var scope = StructuredTaskScope.open()) { // AFTER, structured
            ok &= round("structured", 10_000, w -> scope.fork(w));
            scope.join();
        }

        ok &= setThenClear();

        // One-shot: a CountDownLatch is the event, and needs no class of our own
        CountDownLatch ready = new CountDownLatch(1);
        boolean early = ready.await(10, TimeUnit.MILLISECONDS);
        ready.countDown();
        boolean after = ready.await(10, TimeUnit.MILLISECONDS);
        System.out.printf("CountDownLatch: before countDown %s, after %s%n", early, after);
        ok &= !early && after;
        if (!ok) {
            throw new IllegalStateException("a form did not pass its check: the line above that says so");
        }
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E09_EventSignal.java
 *
 * With a JFR recording (20,001 virtual threads started: 10,000 waiters in each of two rounds, and the
 * late waiter; parked waiters leave no pin events):
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e09.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E09_EventSignal.java
 *   jfr print --events jdk.VirtualThreadPinned --stack-depth 64 e09.jfr
 *
 * The same pattern inside the harness, with the latch as a variant: ./loom compare event-signal
 */
