package dev.loompatterns.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading per-thread context: a {@link ThreadLocal} against a {@link ScopedValue} (final in
 * JDK 25, JEP 506), on JMH's own benchmark thread: a platform thread here, a virtual one in
 * {@link ContextReadOnVirtualBenchmark}, which runs these methods with JMH 1.37's
 * {@code -Djmh.executor=VIRTUAL}. So the virtual caller lives as long as the run, as a request's handler
 * does. Before, it was a new virtual thread each invocation (the way {@code ThreadStartBenchmark} gets a
 * virtual caller): its start and join, about 7 µs from a platform thread, went into every batch, some 7 ns
 * a read, with a new thread's empty map of thread locals and scoped-value cache, and the virtual figures
 * (11.7 and 12.6 ns against 3.6 and 2.9) were mostly that.
 *
 * <p>{@code *Reads}: {@value #READS} reads inside one binding, each value passed to a method the JIT
 * may not inline, so it cannot hoist the read out of the loop; the figure is one read.
 * {@code *BindAndRead}: what one request pays to set the context, read it once and drop it
 * ({@code set}/{@code get}/{@code remove} against {@code where(...).call(...)}).
 *
 * <p>You are expected to see both reads cost a few nanoseconds (a scoped value caches its
 * binding after the first read), and the binding of a scoped value cost about what a thread
 * local's set and remove do. Nothing here measures what a ScopedValue saves elsewhere: no
 * copying into child threads, no leak when remove() is forgotten.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ContextReadBenchmark {

    static final int READS = 1_000;

    private static final ThreadLocal<String> LOCAL = new ThreadLocal<>();
    private static final ScopedValue<String> SCOPED = ScopedValue.newInstance();

    String user;

    @Setup
    public void setUp() {
        user = "user-42";
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long threadLocalReads() throws Exception {
        LOCAL.set(user);
        try {
            return readMany(LOCAL::get);
        } finally {
            LOCAL.remove();
        }
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long scopedValueReads() throws Exception {
        return ScopedValue.where(SCOPED, user).call(() -> readMany(SCOPED::get));
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long threadLocalBindAndRead() throws Exception {
        long sum = 0;
        for (int i = 0; i < READS; i++) {
            LOCAL.set(user);
            try {
                sum += readOnce(LOCAL.get());
            } finally {
                LOCAL.remove();
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long scopedValueBindAndRead() throws Exception {
        long sum = 0;
        for (int i = 0; i < READS; i++) {
            sum += ScopedValue.where(SCOPED, user).call(() -> readOnce(SCOPED.get()));
        }
        return sum;
    }

    private static long readMany(Supplier<String> read) {
        long sum = 0;
        for (int i = 0; i < READS; i++) {
            sum += readOnce(read.get());
        }
        return sum;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static long readOnce(String value) {
        return value.length();
    }
}
