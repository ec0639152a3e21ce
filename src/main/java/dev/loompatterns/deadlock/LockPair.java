package dev.loompatterns.deadlock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Two locks and the two workers that take both: the tutorial's nested locks. Worker {@code a}
 * takes lock {@code a} then {@code b}; worker {@code b} takes them in the order the run asks for.
 *
 * <p>In {@link Order#OPPOSITE} each worker takes its first lock and then waits at a latch for the
 * other, so both hold one lock before either asks for the second: the deadlock is certain, not a
 * matter of timing. In {@link Order#GLOBAL} both workers meet at the latch before locking, so they
 * contend as hard as before, but take the locks lowest rank first and cannot deadlock.
 *
 * <p>Both locks are taken with {@code lockInterruptibly}: that is what lets an interrupt break
 * the deadlock. A worker interrupted while waiting gives up, releases what it holds, and reports
 * {@link Result#BACKED_OFF}. (A deadlock on {@code synchronized} cannot be broken this way:
 * waiting for a monitor ignores interrupts.)
 */
final class LockPair {

    /** In which order worker {@code b} takes the two locks. */
    enum Order {
        /** b then a: the opposite of worker a, the classic deadlock. */
        OPPOSITE,
        /** Both workers take the lower rank first (a, then b): the one global order. */
        GLOBAL
    }

    /** How a worker ended. */
    enum Result {
        /** Held both locks and did its work. */
        COMPLETED,
        /** Interrupted while waiting; released what it held and gave up. */
        BACKED_OFF
    }

    final int index;
    final NamedLock a;
    final NamedLock b;
    private final Order order;
    private final CountDownLatch meet = new CountDownLatch(2);
    private final AtomicReferenceArray<Thread> workers = new AtomicReferenceArray<>(2);
    private final AtomicReferenceArray<Result> results = new AtomicReferenceArray<>(2);
    private final AtomicInteger criticalSections = new AtomicInteger();

    LockPair(int index, Order order) {
        this.index = index;
        this.order = order;
        this.a = new NamedLock("lock-" + index + "a", 2 * index);
        this.b = new NamedLock("lock-" + index + "b", 2 * index + 1);
    }

    /** {@code n} pairs, numbered from 0, whose workers take their locks in {@code order}. */
    static List<LockPair> pairs(int n, Order order) {
        List<LockPair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pairs.add(new LockPair(i, order));
        }
        return pairs;
    }

    /** Every pair's two workers, pair by pair. */
    static List<Runnable> workersOf(List<LockPair> pairs) {
        return pairs.stream().flatMap(p -> p.workers().stream()).toList();
    }

    /** The two workers' bodies, a then b. */
    List<Runnable> workers() {
        return List.of(() -> work(0), () -> work(1));
    }

    private void work(int side) {
        Thread self = Thread.currentThread();
        self.setName(workerName(side));
        workers.set(side, self);
        NamedLock first = switch (order) {
            case OPPOSITE -> side == 0 ? a : b;
            case GLOBAL -> a.rank() < b.rank() ? a : b; // the one global order: the lower rank first
        };
        NamedLock second = first == a ? b : a;
        Result result;
        try {
            if (order == Order.GLOBAL) {
                meet();
            }
            first.lockInterruptibly();
            try {
                if (order == Order.OPPOSITE) {
                    meet(); // both now hold their first lock
                }
                // OPPOSITE: BLOCKS-UNTIL the watchdog interrupts this worker (the victim), or the victim backs off
                second.lockInterruptibly();
                try {
                    criticalSections.incrementAndGet();
                } finally {
                    second.unlock();
                }
            } finally {
                first.unlock();
            }
            result = Result.COMPLETED;
        } catch (InterruptedException e) {
            result = Result.BACKED_OFF;
        }
        results.set(side, result);
    }

    private void meet() throws InterruptedException {
        meet.countDown();
        meet.await();
    }

    String workerName(int side) {
        return "pair-" + index + (side == 0 ? "-a" : "-b");
    }

    /** The worker's thread once it has started, else null. */
    Thread worker(int side) {
        return workers.get(side);
    }

    Result result(int side) {
        return results.get(side);
    }

    int criticalSections() {
        return criticalSections.get();
    }

    /**
     * Whether both workers are parked, each queued on the lock the other holds. Read from the
     * locks and the threads' states only: this is what the watchdog waits for before it looks.
     */
    boolean deadlocked() {
        Thread wa = workers.get(0);
        Thread wb = workers.get(1);
        return wa != null
                && wb != null
                && b.hasQueuedThread(wa)
                && a.hasQueuedThread(wb)
                && b.owner() == wb
                && a.owner() == wa
                && wa.getState() == Thread.State.WAITING
                && wb.getState() == Thread.State.WAITING;
    }

    /** Whether a worker has already ended, so this pair will never deadlock. */
    boolean anyEnded() {
        return results.get(0) != null || results.get(1) != null;
    }

    /** Whether both workers have ended (their threads may still be exiting). */
    boolean bothEnded() {
        return results.get(0) != null && results.get(1) != null;
    }
}
