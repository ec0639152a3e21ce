package dev.loompatterns.lockcounter;

import dev.loompatterns.core.RunGate;
import java.util.concurrent.CountDownLatch;
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
     * A worker: wait at the start gate, then increment. The gate opens once every worker exists, so
     * they contend for the counter together; without it, each worker would finish its increments in
     * about the time it takes to start the next one, and the counter would barely be contended.
     * {@code finished} counts the workers that ran all their increments, so a total that falls short
     * can be told from workers that never ran. In today's forms a worker skips its loop only when
     * interrupted at the gate, and then the run itself throws; the count guards a form that would let
     * a worker end early and still return normally.
     */
    static Runnable worker(Counter counter, int increments, CountDownLatch startGate, LongAdder finished) {
        return () -> {
            try {
                startGate.await(); // BLOCKS-UNTIL: every worker has been started
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
