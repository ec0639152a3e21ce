package dev.loompatterns.lockcounter;

import dev.loompatterns.core.RunGate;
import dev.loompatterns.core.Threads;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every mode implements: runs {@code workers} workers that each increment a shared counter {@code increments}
 * times.
 */
interface Form {

    /**
     * Returns when every worker has finished; the counter's total is then final.
     *
     * @return how many workers ran their loop to the end (fewer than {@code workers} if some were interrupted
     *         before they began)
     */
    long count(Counter counter, int workers, int increments) throws Exception;

    /**
     * The start gate every worker waits at: a {@link Phaser} of one party, the caller, whose {@code arrive()} opens
     * it. Not a {@code CountDownLatch}: cancelling a run (Ctrl-C) interrupts every worker waiting at the gate, and
     * JDK 25's {@code AbstractQueuedSynchronizer}, under a latch, walks its whole queue of waiters for each one that
     * gives up, so interrupting the million workers a big run had started by then took time growing with the square
     * of their number (100,000 waiters: 21 s on the project's loaded 2-core machine), beyond loom's grace. A phaser
     * lets an interrupted waiter go at once.
     */
    static Phaser startGate() {
        return new Phaser(1);
    }

    /**
     * The end of a form that starts its workers itself: opens the gate and joins every worker started. If the caller
     * was interrupted (Ctrl-C stopped its start loop), the gate stays shut and every worker is interrupted instead, so
     * it returns at the gate: opening it let the millions of workers started by then run their increments first, and
     * the run outlived loom's grace. The interrupt is passed on.
     */
    static void openGateAndJoin(Phaser startGate, List<Thread> threads) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            threads.forEach(Thread::interrupt); // a worker not yet at the gate finds its flag set there
        } else {
            startGate.arrive();
        }
        Threads.joinAll(threads);
    }

    /**
     * A worker: wait at the start gate, then increment. The gate opens once every worker exists, so
     * they contend for the counter together; without it, each worker would finish its increments in
     * about the time it takes to start the next one, and the counter would barely be contended.
     * {@code finished} counts the workers that ran all their increments, so a total that falls short
     * can be told from workers that never ran. In today's forms a worker skips its loop only when
     * interrupted at the gate, and then the run itself throws; the count guards a form that would let
     * a worker end early and still return normally.
     */
    static Runnable worker(Counter counter, int increments, Phaser startGate, LongAdder finished) {
        return () -> {
            try {
                startGate.awaitAdvanceInterruptibly(0); // BLOCKS-UNTIL: every worker has been started
                RunGate.arrive(); // lets `loom dump` hold the run here; its release, like the gate, lets all go at once
            } catch (InterruptedException e) {
                return; // the run was cancelled before it began
            }
            for (int i = 0; i < increments; i++) {
                counter.increment();
            }
            finished.increment();
        };
    }
}
