package dev.loompatterns.bench;

import dev.loompatterns.boundedbuffer.BoundedBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Producer/consumer throughput through a bounded {@link ArrayBlockingQueue}, the
 * java.util.concurrent class the {@code bounded-buffer} pattern points to, with producers and
 * consumers of each kind. The figure is nanoseconds per item, {@value #ITEMS} items per
 * invocation, the threads' start and join included.
 *
 * <p>The project's own {@code BoundedBuffer} (lock and two conditions) runs the same race as
 * {@code ArrayBlockingQueue}; {@code TaskQueue}, which is unbounded, has {@link TaskQueueBenchmark}.
 *
 * <p>You are expected to see virtual threads move items faster when producers and consumers keep
 * blocking on a small queue (a blocked virtual thread costs an unmount and a queue push; a blocked
 * platform thread, a futex sleep and a kernel wake-up), and the gap close as the queue grows and
 * blocking becomes rare.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BlockingQueueBenchmark {

    static final int ITEMS = 100_000;
    private static final Integer POISON = -1;

    @Param({"PLATFORM", "VIRTUAL"})
    ThreadKind kind;

    /** Producers, and as many consumers. */
    @Param({"1", "4"})
    int pairs;

    @Param({"16", "1024"})
    int capacity;

    /** How a producer hands over an item: each queue under test adapts its {@code put}. */
    interface Put {
        void put(Integer item) throws InterruptedException;
    }

    /** How a consumer takes one: each queue under test adapts its {@code take}. */
    interface Take {
        Integer take() throws InterruptedException;
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long arrayBlockingQueue() throws InterruptedException {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(capacity);
        return pass(queue::put, queue::take);
    }

    /** The project's hand-written buffer (one lock, two conditions), in the same race. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long boundedBuffer() throws InterruptedException {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(capacity);
        return pass(buffer::put, buffer::take);
    }

    /** {@value #ITEMS} items from {@code pairs} producers to {@code pairs} consumers, then a poison pill each. */
    private long pass(Put put, Take take) throws InterruptedException {
        LongAdder consumed = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        Thread.Builder builder = kind.builder();
        for (int c = 0; c < pairs; c++) {
            threads.add(builder.start(() -> {
                try {
                    while (take.take() != POISON) { // BLOCKS-UNTIL: the queue is not empty
                        consumed.increment();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            int share = ITEMS / pairs + (p < ITEMS % pairs ? 1 : 0);
            producers.add(builder.start(() -> {
                try {
                    for (int i = 0; i < share; i++) {
                        put.put(i); // BLOCKS-UNTIL: the queue is not full
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread producer : producers) {
            producer.join();
        }
        for (int c = 0; c < pairs; c++) {
            put.put(POISON); // one per consumer, after every item
        }
        for (Thread consumer : threads) {
            consumer.join();
        }
        if (consumed.sum() != ITEMS) {
            throw new IllegalStateException("consumed " + consumed.sum() + " of " + ITEMS);
        }
        return consumed.sum();
    }
}
