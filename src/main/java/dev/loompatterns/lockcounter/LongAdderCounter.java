package dev.loompatterns.lockcounter;

import java.util.concurrent.atomic.LongAdder;

/**
 * Contended increments spread over cells and summed on read: the fastest under contention, but
 * {@link #total()} is exact only when no increment is in flight (here: after every worker joined).
 */
public final class LongAdderCounter implements Counter {

    private final LongAdder count = new LongAdder();

    @Override
    public void increment() {
        count.increment();
    }

    @Override
    public long total() {
        return count.sum();
    }
}
