package dev.loompatterns.bench;

import dev.loompatterns.jfr.ActivityCounter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the harness's own counting costs: the JFR stream ({@link ActivityCounter}) that fills the
 * {@code virtual_threads} and {@code pinned} columns of every {@code loom run} and {@code loom compare},
 * active or not, around the cheapest thing a pattern does many times, create + start + join of a
 * thread from a virtual caller (see {@link ThreadStartBenchmark}).
 *
 * <p>You are expected to see the stream add a fixed cost to every virtual thread, since each
 * start is an event JFR writes, with the new thread's identity, and the stream then parses; a
 * platform thread's far larger own cost hides what JFR adds to it. The difference between
 * {@code counting=ON} and {@code OFF} is the harness's overhead per thread, to weigh against
 * what a pattern does per thread (docs/results.md, Harness fidelity).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CountingCostBenchmark {

    /** The harness's counter around the benchmark, or not. */
    public enum Counting {
        OFF,
        ON
    }

    @Param({"PLATFORM", "VIRTUAL"})
    ThreadKind kind;

    @Param({"OFF", "ON"})
    Counting counting;

    private ActivityCounter counter;

    @Setup(Level.Trial)
    public void startCounting() {
        if (counting == Counting.ON) {
            counter = new ActivityCounter().start();
        }
    }

    @TearDown(Level.Trial)
    public void stopCounting() {
        if (counter != null) {
            counter.close();
            if (counter.virtualThreadsStarted() == 0) {
                throw new IllegalStateException("the counter saw no virtual thread start: it was not counting");
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(ThreadStartBenchmark.BATCH)
    public int createStartJoin() throws Exception {
        return ThreadKind.VIRTUAL.runAsCaller(() -> ThreadStartBenchmark.startAndJoinBatch(kind.builder()));
    }
}
