/*
 * E12 task-queue: a queue whose join() waits until every item put has been marked done.
 *
 * The tutorial's producer/consumer: workers loop on q.get(), process, q.task_done(); main puts the
 * work and calls q.join(). Here 5,000 items that each take 1 ms (a sleep, like a small I/O wait)
 * go through the same hand-written queue, consumed by 16 platform threads, by 500 virtual threads,
 * and by 500 forks of a StructuredTaskScope; then a run on virtual threads is cancelled halfway.
 *
 * You are expected to see: the 16 platform consumers need at least 5,000 / 16 x 1 ms, about
 * 0.3 s; 500 virtual consumers, with the queue code unchanged, finish sooner (0.05 to 0.2 s on
 * the 2-core project machine; the first virtual run also pays for warm-up). Every run reports 5,000 done, each exactly once, and join() returning after the last
 * item was marked done. The cancelled run reports done + left in the queue = 5,000: consumers that
 * were interrupted mid-item put their item back (before marking the attempt done, so join() could
 * never see zero too early), and nothing is lost or done twice. Every consumer of the cancelled run
 * ends by that interrupt and keeps its interrupt status (it sets it again, never swallows it); in
 * the other runs no consumer is interrupted, and one that was would fail the check.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505).
 */
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

public class E12_TaskQueue {

    static final int ITEMS = 5_000;
    static final long WORK_MS = 1;

    /** Python's queue.Queue with task_done() and join(), on one lock and two conditions. */
    static final class TaskQueue {
        final ReentrantLock lock = new ReentrantLock();
        final Condition notEmpty = lock.newCondition(); // CONDITION PREDICATE: !items.isEmpty() || shutDown
        final Condition allDone = lock.newCondition(); // CONDITION PREDICATE: unfinished == 0
        final ArrayDeque<Integer> items = new ArrayDeque<>(); // @GuardedBy("lock")
        long unfinished; // @GuardedBy("lock")
        boolean shutDown; // @GuardedBy("lock")

        void put(int item) {
            lock.lock();
            try {
                items.addLast(item);
                unfinished++;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        /** The next item, or null once shut down and empty. */
        Integer take() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (items.isEmpty() && !shutDown) {
                    notEmpty.await(); // BLOCKS-UNTIL: an item or shutdown
                }
                return items.pollFirst();
            } finally {
                lock.unlock();
            }
        }

        void taskDone() {
            lock.lock();
            try {
                if (--unfinished == 0) {
                    allDone.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        void join() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (unfinished > 0) {
                    allDone.await(); // BLOCKS-UNTIL: every item put is done
                }
            } finally {
                lock.unlock();
            }
        }

        void shutdown() {
            lock.lock();
            try {
                shutDown = true;
                notEmpty.signalAll();
            } finally {
                lock.unlock();
            }
        }

        int size() {
            lock.lock();
            try {
                return items.size();
            } finally {
                lock.unlock();
            }
        }
    }

    /** One run: the queue, how often each item was done, and the order of events. */
    static final class Run {
        final TaskQueue queue = new TaskQueue();
        final AtomicIntegerArray doneCount = new AtomicIntegerArray(ITEMS);
        final AtomicLong clock = new AtomicLong();
        final AtomicLong lastDoneAt = new AtomicLong(-1);
        final int cancelAfter;
        final Thread coordinator = Thread.currentThread();
        final AtomicLong done = new AtomicLong();
        final AtomicInteger interrupted = new AtomicInteger(); // consumers that an interrupt ended
        final Set<Thread> consumers = ConcurrentHashMap.newKeySet(); // the threads that consumed, forks too
        volatile boolean cancelSent;

        Run(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        void consume() {
            consumers.add(Thread.currentThread());
            try {
                Integer item;
                while ((item = queue.take()) != null) {
                    try {
                        Thread.sleep(WORK_MS);
                        if (cancelSent) {
                            // being cancelled: hold the item until interrupted, so the last items
                            // cannot all finish (and release join) before the cancel is seen
                            new CountDownLatch(1).await();
                        }
                    } catch (InterruptedException e) {
                        queue.put(item); // put back first ...
                        queue.taskDone(); // ... then mark the attempt done: the count never touches zero early
                        stopped();
                        return;
                    }
                    doneCount.incrementAndGet(item);
                    lastDoneAt.accumulateAndGet(clock.getAndIncrement(), Math::max);
                    if (done.incrementAndGet() == cancelAfter) {
                        cancelSent = true;
                        coordinator.interrupt(); // the caller cancels the run, while join() still waits
                    }
                    queue.taskDone();
                }
            } catch (InterruptedException e) {
                stopped(); // cancelled while waiting for an item: holds nothing
            }
        }

        /**
         * A consumer ends because it was interrupted: not a plain return. The interrupt status is set again
         * for its owner to see, and the count tells the check, which fails a run nobody cancelled.
         */
        void stopped() {
            Thread.currentThread().interrupt();
            interrupted.incrementAndGet();
        }

        void produce() {
            for (int i = 0; i < ITEMS; i++) {
                queue.put(i);
            }
        }

        /**
         * Called once every consumer has ended. In a cancelled run every consumer was interrupted and ended
         * with its interrupt status set (a thread keeps it after it ended, JDK 14 and later); in any other
         * run none was.
         */
        boolean check(String name, long startNanos, long joinAt, boolean cancelled) {
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            int once = 0;
            boolean repeated = false;
            for (int i = 0; i < ITEMS; i++) {
                once += doneCount.get(i) == 1 ? 1 : 0;
                repeated |= doneCount.get(i) > 1;
            }
            int left = queue.size();
            long stillInterrupted =
                    consumers.stream().filter(Thread::isInterrupted).count();
            int expectInterrupted = cancelled ? consumers.size() : 0;
            boolean ok = !repeated
                    && interrupted.get() == expectInterrupted
                    && stillInterrupted == expectInterrupted
                    && (cancelled ? joinAt < 0 && once + left == ITEMS : once == ITEMS && joinAt > lastDoneAt.get());
            System.out.printf(
                    "%-22s %5d ms  %d done once%s; consumers interrupted %d of %d, status kept %d  %s%n",
                    name,
                    millis,
                    once,
                    cancelled
                            ? " + " + left + " left in the queue"
                            : ", join at event " + joinAt + " > last done " + lastDoneAt.get(),
                    interrupted.get(),
                    consumers.size(),
                    stillInterrupted,
                    ok ? "ok" : "CHECK FAILED");
            return ok;
        }
    }

    static boolean onThreads(String name, Thread.Builder builder, int consumers, boolean cancel)
            throws InterruptedException {
        Run run = new Run(cancel ? ITEMS / 2 : 0);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            threads.add(builder.start(run::consume));
        }
        run.produce();
        long joinAt = -1;
        InterruptedException cancelled = null;
        try {
            run.queue.join();
            joinAt = run.clock.getAndIncrement();
            run.queue.shutdown(); // idle consumers wake, find the queue empty, and end
        } catch (InterruptedException e) {
            cancelled = e;
            threads.forEach(Thread::interrupt); // cancelled: stop every consumer, then account for the queue
        }
        for (Thread t : threads) {
            t.join();
        }
        if (cancelled != null && !cancel) {
            throw cancelled; // not the cancel this run makes: someone interrupted main, and it goes on to them
        }
        return run.check(name, start, joinAt, cancel);
    }

    static boolean inAScope(int consumers) throws InterruptedException {
        Run run = new Run(0);
        long start = System.nanoTime();
        long[] joinAt = {-1};
        // AFTER, structured: awaitAll, so one failing consumer would not cancel the others
        try (var scope = StructuredTaskScope.open(Joiner.awaitAll())) {
            for (int i = 0; i < consumers; i++) {
                scope.fork(run::consume);
            }
            run.produce();
            scope.fork(() -> {
                run.queue.join();
                joinAt[0] = run.clock.getAndIncrement();
                run.queue.shutdown();
                return null;
            });
            scope.join();
        }
        return run.check("structured, 500 forks", start, joinAt[0], false);
    }

    public static void main(String[] args) throws InterruptedException {
        boolean ok = onThreads("platform, 16 threads", Thread.ofPlatform(), 16, false); // BEFORE
        ok &= onThreads("virtual, 500 threads", Thread.ofVirtual(), 500, false); // AFTER
        ok &= inAScope(500);
        ok &= onThreads("virtual, cancelled", Thread.ofVirtual(), 500, true);
        if (!ok) {
            throw new IllegalStateException("a run did not pass its check: the line above that says so");
        }
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E12_TaskQueue.java
 *
 * With a JFR recording (virtual thread starts and ends; this program defines no events of its own):
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e12.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E12_TaskQueue.java
 *   jfr summary e12.jfr
 *
 * The same pattern inside the harness, with its self-check and its failure and cancel variants:
 * ./loom compare task-queue
 */
