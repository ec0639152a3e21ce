package dev.loompatterns.scheduling;

import java.time.Duration;

/** CPU-bound work that never blocks: the kind of task the virtual-thread scheduler cannot preempt. */
final class Spin {

    private Spin() {}

    /**
     * Spins for {@code duration} of wall time, or until the thread is interrupted (the interrupt left
     * set), optionally calling {@link Thread#yield()} on each turn of the loop.
     *
     * @return how many times it yielded
     */
    static long spin(Duration duration, boolean yield) {
        long end = System.nanoTime() + duration.toNanos();
        long yields = 0;
        // an interrupt ends it early, kept: a cancelled offload stops, and so does a hog on Ctrl-C
        while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            if (yield) {
                Thread.yield(); // a hint: a virtual thread goes back to the queue if others wait
                yields++;
            } else {
                Thread.onSpinWait();
            }
        }
        return yields;
    }
}
