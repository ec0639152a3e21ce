package dev.loompatterns.bench;

import dev.loompatterns.taskqueue.TaskQueue;
import java.util.ArrayList;
import java.util.List;
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
 * The task-queue pattern's round: producers put {@value #ITEMS} items, consumers take each and mark
 * it done, the caller's {@code join()} returns when the last is done, then {@code shutdown()} lets
 * the consumers end. Nanoseconds per item, the threads' start and join included, with producers and
 * consumers of each kind.
 *
 * <p>You are expected to see little difference between the kinds: the queue is unbounded, so
 * producers never block and consumers block only when they have emptied it, which is rare. Blocking
 * is where virtual threads differ (an unmount rather than a futex sleep); compare
 * {@link BlockingQueueBenchmark} with a capacity of 16, where every thread blocks often.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaskQueueBenchmark {

    static final int ITEMS = 100_000;

    @Param({"PLATFORM", "VIRTUAL"})
    ThreadKind kind;

    /** Producers, and as many consumers. */
    @Param({"1", "4"})
    int pairs;

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long putTakeDoneJoin() throws InterruptedException {
        TaskQueue<Integer> queue = new TaskQueue<>();
        LongAdder done = new LongAdder();
        Thread.Builder builder = kind.builder();
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < pairs; c++) {
            consumers.add(builder.start(() -> {
                try {
                    while (true) {
                        queue.take(); // BLOCKS-UNTIL: an item is queued, or the queue is shut down and empty
                        done.increment();
                        queue.taskDone();
                    }
                } catch (TaskQueue.ShutDownException finished) {
                    // shut down and drained: this consumer's work is over
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            int share = ITEMS / pairs + (p < ITEMS % pairs ? 1 : 0);
            producers.add(builder.start(() -> {
                for (int i = 0; i < share; i++) {
                    queue.put(i);
                }
            }));
        }
        for (Thread producer : producers) {
            producer.join();
        }
        queue.join(); // BLOCKS-UNTIL: every item put has been marked done
        queue.shutdown();
        for (Thread consumer : consumers) {
            consumer.join();
        }
        if (done.sum() != ITEMS) {
            throw new IllegalStateException("done " + done.sum() + " of " + ITEMS);
        }
        return done.sum();
    }
}
