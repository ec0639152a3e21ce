package dev.loompatterns.lockcounter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * No lock at all: one atomic add per increment ({@code Unsafe.getAndAddLong}: a compare-and-set loop as
 * interpreted, a single {@code lock xadd} on x86 once the JIT has compiled it).
 */
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
