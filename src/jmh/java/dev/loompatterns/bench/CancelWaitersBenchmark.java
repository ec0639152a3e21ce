package dev.loompatterns.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs to cancel many virtual threads that wait: {@code waiters} virtual threads wait, each in {@code
 * wait}, then all are interrupted (in an order shuffled once, as an executor's {@code shutdownNow} walks its set of
 * threads) and joined. {@code SEMAPHORE}: each waits in {@code acquire()} of one {@link Semaphore} with no permit, the
 * semaphore-pool pattern's limit with every permit taken; {@code CONDITION}: in {@code await()} of one {@link
 * Condition} of a {@link ReentrantLock}, never signalled, as event-signal's waiters wait; {@code SLEEP}: in {@code
 * Thread.sleep}, which no queue holds.
 *
 * <p>You are expected to see the sleepers cancelled in about a second at most, the condition's waiters in a few
 * times that, and the semaphore's waiters take ten times as long as the sleepers and more, the gap widening with
 * their number: an interrupted waiter leaves the semaphore's queue ({@code AbstractQueuedSynchronizer.cancelAcquire},
 * then {@code cleanQueue}, which the waiters' stacks show during such a stop), and how far that goes depends on the
 * waiters queued behind it. So a run that stops a million virtual threads queued on one semaphore ({@code loom run
 * semaphore-pool --mode virtual --tasks 2000000 -P hold-ms=0}, Ctrl-C) does not end within loom's 10 s grace.
 * Measured (2026-12-03, the project's 2-core machine, JDK 25, the annotations' configuration): semaphore 25,000 1.2
 * to 2.8 s, 50,000 7.1 to 12.6 s, 100,000 18.3 to 19.1 s; condition 25,000 0.34 to 0.38 s, 50,000 0.2 to 1.2 s,
 * 100,000 0.7 to 2.5 s; sleep 25,000 0.11 to 0.16 s, 50,000 0.14 to 1.05 s, 100,000 0.26 to 0.9 s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class CancelWaitersBenchmark {

    /** Where each waiter waits. */
    public enum Wait {
        SEMAPHORE,
        CONDITION,
        SLEEP
    }

    @Param({"25000", "50000", "100000"})
    int waiters;

    @Param({"SEMAPHORE", "CONDITION", "SLEEP"})
    Wait wait;

    private List<Thread> threads;

    @Setup(Level.Invocation)
    public void startWaiters() throws InterruptedException {
        Semaphore none = new Semaphore(0);
        ReentrantLock lock = new ReentrantLock();
        Condition never = lock.newCondition();
        AtomicInteger sleeping = new AtomicInteger();
        threads = new ArrayList<>(waiters);
        for (int i = 0; i < waiters; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    if (wait == Wait.SEMAPHORE) {
                        none.acquire();
                    } else if (wait == Wait.CONDITION) {
                        lock.lock();
                        try {
                            while (true) {
                                never.await(); // never signalled
                            }
                        } finally {
                            lock.unlock();
                        }
                    } else {
                        sleeping.incrementAndGet();
                        Thread.sleep(TimeUnit.HOURS.toMillis(1));
                    }
                } catch (InterruptedException cancelled) {
                    // what is measured: the interrupt ends the wait
                }
            }));
        }
        // every waiter waits before the measurement begins: the semaphore's queue is full, every sleeper counted
        while (waiting(none, lock, never, sleeping) < waiters) {
            Thread.onSpinWait();
            Thread.yield();
        }
        Collections.shuffle(threads, new Random(waiters));
    }

    /** How many waiters wait so far: in the semaphore's queue, in the condition's, or counted before they sleep. */
    private int waiting(Semaphore none, ReentrantLock lock, Condition never, AtomicInteger sleeping) {
        return switch (wait) {
            case SEMAPHORE -> none.getQueueLength();
            case CONDITION -> {
                lock.lock(); // the condition's queue is read under its lock
                try {
                    yield lock.getWaitQueueLength(never);
                } finally {
                    lock.unlock();
                }
            }
            case SLEEP -> sleeping.get();
        };
    }

    @Benchmark
    public int interruptAndJoin() throws InterruptedException {
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return threads.size();
    }

    @TearDown(Level.Invocation)
    public void noneLeft() throws InterruptedException {
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join();
        }
    }
}
