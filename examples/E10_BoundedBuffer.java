/*
 * E10 bounded-buffer: producers and consumers share a buffer of fixed capacity.
 *
 * The tutorial's queue built on threading.Condition: put() waits while the buffer is full, get()
 * while it is empty. Here the buffer is one ReentrantLock and two conditions (notFull, notEmpty),
 * and it measures the most items it ever held. Four producers put 200,000 items through a buffer
 * of 16 to four consumers, on platform threads, on virtual threads and as forks of a
 * StructuredTaskScope; then ArrayBlockingQueue, the JDK's class for the job, does the same.
 *
 * You are expected to see: every form delivers 200,000 items with the sum of 0..199,999, and the
 * hand-written buffer's measured peak is 16, never more: the capacity holds back the producers
 * (ArrayBlockingQueue keeps no such count: its line shows "peak -"). First, a consumer on the
 * empty buffer is shown WAITING (take blocks while empty) and a producer on the full buffer too
 * (put blocks while full). The buffer is the same code in every form; only the threads change.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505).
 */
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

public class E10_BoundedBuffer {

    static final int ITEMS = 200_000;
    static final int CAPACITY = 16;
    static final int PRODUCERS = 4;
    static final int CONSUMERS = 4;
    static final long EXPECTED_SUM = (long) ITEMS * (ITEMS - 1) / 2;

    interface Buffer {
        void put(int item) throws InterruptedException;

        int take() throws InterruptedException;
    }

    static final class BoundedBuffer implements Buffer {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notFull = lock.newCondition(); // CONDITION PREDICATE: count < items.length
        private final Condition notEmpty = lock.newCondition(); // CONDITION PREDICATE: count > 0
        private final int[] items = new int[CAPACITY]; // @GuardedBy("lock")
        private int putIndex, takeIndex, count, peak; // @GuardedBy("lock")

        public void put(int item) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (count == items.length) { // while, not if: another producer may take the slot first
                    notFull.await();
                }
                items[putIndex] = item;
                putIndex = (putIndex + 1) % items.length;
                peak = Math.max(peak, ++count);
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        public int take() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (count == 0) {
                    notEmpty.await();
                }
                int item = items[takeIndex];
                takeIndex = (takeIndex + 1) % items.length;
                count--;
                notFull.signal();
                return item;
            } finally {
                lock.unlock();
            }
        }

        int peak() {
            lock.lock();
            try {
                return peak;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The JDK's class: the same design with timed and non-blocking methods. */
    record Queue(BlockingQueue<Integer> queue) implements Buffer {
        public void put(int item) throws InterruptedException {
            queue.put(item);
        }

        public int take() throws InterruptedException {
            return queue.take();
        }
    }

    interface Task {
        void run() throws InterruptedException;
    }

    interface Starter {
        void start(Task task);
    }

    /**
     * The task as a Callable: an InterruptedException goes on to whoever reads the outcome. Don't catch
     * it and return instead: a task that returned would pass for one that finished its work.
     */
    static Callable<Void> callable(Task task) {
        return () -> {
            task.run();
            return null;
        };
    }

    /**
     * A task on a thread of its own, and how it ended: join() waits for the thread, then throws what the
     * task threw.
     */
    record Started(Thread thread, FutureTask<Void> outcome) {
        static Started on(Thread.Builder builder, Task task) {
            FutureTask<Void> outcome = new FutureTask<>(callable(task));
            return new Started(builder.start(outcome), outcome);
        }

        void join() throws InterruptedException, ExecutionException {
            thread.join();
            outcome.get(); // an interrupted task ends the example here: ExecutionException, caused by the interrupt
        }
    }

    static boolean onThreads(String name, Thread.Builder builder, Buffer buffer)
            throws InterruptedException, ExecutionException {
        List<Started> tasks = new ArrayList<>();
        long start = System.nanoTime();
        Starter starter = task -> tasks.add(Started.on(builder, task));
        LongAdder total = new LongAdder();
        flowInto(total, buffer, starter);
        try {
            for (Started task : tasks) {
                task.join();
            }
        } catch (ExecutionException | InterruptedException e) {
            // One task failed, or main was interrupted: the others could wait for ever (consumers for
            // items a failed producer will never put) and, on platform threads, keep the JVM alive. Stop
            // and join them by hand; inAScope's scope does this by itself.
            tasks.forEach(task -> task.thread().interrupt());
            for (Started task : tasks) {
                task.thread().join();
            }
            throw e;
        }
        return report(name, buffer, total.sum(), start);
    }

    static void flowInto(LongAdder total, Buffer buffer, Starter starter) {
        for (int p = 0; p < PRODUCERS; p++) {
            int first = p;
            starter.start(() -> {
                for (int item = first; item < ITEMS; item += PRODUCERS) {
                    buffer.put(item);
                }
            });
        }
        for (int c = 0; c < CONSUMERS; c++) {
            starter.start(() -> {
                for (int i = 0; i < ITEMS / CONSUMERS; i++) {
                    total.add(buffer.take());
                }
            });
        }
    }

    static boolean inAScope(String name, Buffer buffer) throws InterruptedException {
        LongAdder total = new LongAdder();
        long start = System.nanoTime();
        try (var scope = StructuredTaskScope.open()) { // AFTER, structured
            flowInto(total, buffer, task -> scope.fork(callable(task)));
            scope.join(); // a fork that was interrupted fails the scope: join() throws, the others are cancelled
        }
        return report(name, buffer, total.sum(), start);
    }

    static boolean report(String name, Buffer buffer, long sum, long start) {
        String peak = buffer instanceof BoundedBuffer b ? String.valueOf(b.peak()) : "-";
        boolean ok = sum == EXPECTED_SUM && (!(buffer instanceof BoundedBuffer b) || b.peak() <= CAPACITY);
        System.out.printf(
                "%-28s sum %,d  peak %s of %d  %,4d ms  %s%n",
                name, sum, peak, CAPACITY, (System.nanoTime() - start) / 1_000_000, ok ? "ok" : "WRONG");
        return ok;
    }

    /** Blocks until the condition holds; 30 s is a backstop, so a bug shows as an exception, not a hang. */
    static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a state awaited was not reached within 30 s");
            }
            Thread.sleep(1);
        }
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        BoundedBuffer probe = new BoundedBuffer();
        Started consumer = Started.on(Thread.ofVirtual(), probe::take);
        until(() -> consumer.thread().getState() == Thread.State.WAITING);
        System.out.println("take on the empty buffer: " + consumer.thread().getState());
        probe.put(-1);
        consumer.join();
        Started producer = Started.on(Thread.ofVirtual(), () -> {
            for (int i = 0; i <= CAPACITY; i++) {
                probe.put(i);
            }
        });
        until(() -> producer.thread().getState() == Thread.State.WAITING && probe.peak() == CAPACITY);
        System.out.println(
                "put on the full buffer:   " + producer.thread().getState() + " (holding " + probe.peak() + ")");
        for (int i = 0; i <= CAPACITY; i++) {
            probe.take();
        }
        producer.join();

        boolean ok = onThreads("platform", Thread.ofPlatform(), new BoundedBuffer()); // BEFORE
        ok &= onThreads("virtual", Thread.ofVirtual(), new BoundedBuffer()); // AFTER
        ok &= inAScope("structured", new BoundedBuffer());
        ok &= onThreads(
                "ArrayBlockingQueue (virtual)", Thread.ofVirtual(), new Queue(new ArrayBlockingQueue<>(CAPACITY)));
        if (!ok) {
            throw new IllegalStateException("a form did not pass its check: the line above that says so");
        }
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E10_BoundedBuffer.java
 *
 * With a JFR recording. The profile records a jdk.ThreadPark only from 20 ms, and a producer
 * parks on notFull for microseconds to a few milliseconds (at most 7.8 ms in one run on the
 * project's 2-core machine, 2026-12-01), so that recording has no producer's park. Lower the
 * threshold to 0 ms and the platform producers' parks in put (notFull.await) are there, tens of
 * thousands of them (31,001 and 39,117 in two runs), with the consumers' in take; the virtual
 * threads unmount when they park and leave no jdk.ThreadPark:
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e10.jfr,settings=jfr-profiles/virtual-threads.jfc,jdk.ThreadPark#threshold=0ms examples/E10_BoundedBuffer.java
 *   jfr print --events jdk.ThreadPark --stack-depth 8 e10.jfr | grep -B12 BoundedBuffer.put | head -40
 *
 * The same pattern inside the harness, with ArrayBlockingQueue as a variant: ./loom compare bounded-buffer
 */
