package dev.loompatterns.bench;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A round trip between two threads of the same kind: one sends, the other answers, and the first
 * waits for the answer. Two ways: a {@link SynchronousQueue} each way, and a bare
 * {@link LockSupport#park()}/{@link LockSupport#unpark} on a shared turn.
 *
 * <p>You are expected to see virtual threads hand off faster than platform threads: waking a
 * platform thread is a futex wake-up and a kernel context switch, waking a virtual one is a
 * continuation pushed on a carrier's queue. Both threads of a pair are started and joined once per
 * batch of {@value #ROUND_TRIPS} round trips, which the figure per round trip shares.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandoffBenchmark {

    static final int ROUND_TRIPS = 10_000;

    @Param({"PLATFORM", "VIRTUAL"})
    ThreadKind kind;

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long synchronousQueue() throws InterruptedException {
        SynchronousQueue<Integer> there = new SynchronousQueue<>();
        SynchronousQueue<Integer> back = new SynchronousQueue<>();
        long[] sum = new long[1];
        Thread echo = kind.builder().unstarted(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    back.put(there.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread ping = kind.builder().unstarted(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    there.put(i);
                    sum[0] += back.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runPair(ping, echo);
        return sum[0];
    }

    /** The turn both threads of a park/unpark pair share. */
    static final class Turn {
        static final int PING = 0;
        static final int PONG = 1;
        volatile int whose = PING;
        volatile Thread ping;
        volatile Thread pong;
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int parkUnpark() throws InterruptedException {
        Turn turn = new Turn();
        turn.pong = kind.builder().unstarted(() -> {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                // CONDITION PREDICATE: it is pong's turn; park can return spuriously, so re-check
                while (turn.whose != Turn.PONG) {
                    LockSupport.park(turn);
                }
                turn.whose = Turn.PING;
                LockSupport.unpark(turn.ping);
            }
        });
        turn.ping = kind.builder().unstarted(() -> {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                turn.whose = Turn.PONG;
                LockSupport.unpark(turn.pong);
                while (turn.whose != Turn.PING) {
                    LockSupport.park(turn);
                }
            }
        });
        runPair(turn.ping, turn.pong);
        return turn.whose;
    }

    private static void runPair(Thread first, Thread second) throws InterruptedException {
        second.start();
        first.start();
        first.join();
        second.join();
    }
}
