package dev.loompatterns.bench;

import dev.loompatterns.lockcounter.Counter;
import dev.loompatterns.lockcounter.PlatformLockCounter;
import dev.loompatterns.lockcounter.VirtualLockCounter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The {@code lock-counter} pattern's own classes, timed: {@value #INCREMENTS} increments shared by
 * {@code workers} threads of each kind, per counter. The figure is nanoseconds per increment,
 * the threads' start and join included: 100 platform threads at about 100 µs each
 * ({@code ThreadStartBenchmark}) are about 10 ms, some 10 ns per increment, most of what 100
 * platform workers add over one; 100 virtual ones, started from JMH's platform thread (7 ± 12 µs each, with its
 * join), add up to about 0.7 ns. The total is checked: a counter that lost an increment fails the run (under
 * {@code ./loom bench}, which gives JMH {@code -foe true}; JMH alone drops the benchmark and exits 0).
 *
 * <p>You are expected to see, with one worker, every counter cost a few nanoseconds whatever the
 * kind (no contention); with many workers, {@code LongAdder} stay cheap, {@code AtomicLong} pay
 * for a contended cache line, and the locks pay most. The kind matters where waiting does:
 * virtual threads waiting for a lock unmount and queue for 2 carriers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LockCounterBenchmark {

    static final int INCREMENTS = 1_000_000;

    @Param({"synchronized", "reentrant-lock", "atomic-long", "long-adder"})
    String variant;

    @Param({"PLATFORM", "VIRTUAL"})
    ThreadKind kind;

    @Param({"1", "100"})
    int workers;

    @Benchmark
    @OperationsPerInvocation(INCREMENTS)
    public long count() throws InterruptedException {
        Counter counter = Counter.forVariant(variant);
        int each = INCREMENTS / workers;
        if (kind == ThreadKind.PLATFORM) {
            new PlatformLockCounter().count(counter, workers, each);
        } else {
            new VirtualLockCounter().count(counter, workers, each);
        }
        long total = counter.total();
        if (total != (long) each * workers) {
            throw new IllegalStateException(variant + ": counted " + total + " of " + (long) each * workers);
        }
        return total;
    }
}
