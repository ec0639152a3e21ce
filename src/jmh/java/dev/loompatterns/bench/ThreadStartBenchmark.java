package dev.loompatterns.bench;

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
 * What one thread costs to create, start and join, for each kind of thread the caller creates
 * ({@code kind}) and each kind of thread the caller is ({@code caller}). The thread's task is
 * empty, so the figure is the thread's own cost, nothing else.
 *
 * <p>You are expected to see a platform thread cost on the order of a hundred microseconds (a kernel
 * thread and its stack are made and torn down each time) whoever the caller, and a virtual thread
 * cost a few microseconds, least from a virtual caller: there {@code join} parks by unmounting and
 * the child's end pushes the caller back on a carrier's queue, where a platform caller's
 * {@code join} sleeps in the kernel and needs a futex wake-up per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThreadStartBenchmark {

    static final int BATCH = 1_000;

    @Param({"PLATFORM", "VIRTUAL"})
    ThreadKind kind;

    @Param({"PLATFORM", "VIRTUAL"})
    ThreadKind caller;

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int createStartJoin() throws Exception {
        return caller.runAsCaller(() -> startAndJoinBatch(kind.builder()));
    }

    /** {@value #BATCH} threads from {@code builder}, each started and joined before the next, with an empty task. */
    static int startAndJoinBatch(Thread.Builder builder) throws InterruptedException {
        int joined = 0;
        for (int i = 0; i < BATCH; i++) {
            Thread thread = builder.start(ThreadStartBenchmark::nothing);
            thread.join();
            joined++;
        }
        return joined;
    }

    private static void nothing() {
        // the thread's own cost is what is measured
    }
}
