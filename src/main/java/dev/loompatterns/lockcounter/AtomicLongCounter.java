package dev.loompatterns.lockcounter;

import java.util.concurrent.atomic.AtomicLong;

/** No lock at all: one compare-and-set loop (a single locked add on x86) per increment. */
public final class AtomicLongCounter implements Counter {

    private final AtomicLong count = new AtomicLong();

    @Override
    public void increment() {
        count.incrementAndGet();
    }

    @Override
    public long total() {
        return count.get();
    }
}
