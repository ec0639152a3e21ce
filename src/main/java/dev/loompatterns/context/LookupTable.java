package dev.loompatterns.context;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A library's expensive, immutable object (a lookup table of {@code bytes} bytes) that the
 * library caches per thread in a {@link ThreadLocal}, as many libraries do with formatters,
 * buffers and parsers. With a pool, that means one table per pool thread; with a virtual thread
 * per task, one per task, built and thrown away each time. Since the table is immutable, the
 * structured form binds one per request with a {@link ScopedValue} and its forks share it.
 */
final class LookupTable {

    private final int bytes;
    private final AtomicLong built = new AtomicLong();
    private final AtomicLong builtForThreads = new AtomicLong();
    private final ThreadLocal<byte[]> perThread;

    LookupTable(int bytes) {
        this.bytes = bytes;
        this.perThread = ThreadLocal.withInitial(() -> {
            builtForThreads.incrementAndGet();
            return build();
        });
    }

    /** Builds a table (counted): the expensive step that caching is meant to avoid. */
    byte[] build() {
        built.incrementAndGet();
        byte[] table = new byte[bytes];
        for (int i = 0; i < table.length; i++) {
            table[i] = (byte) (i * 31);
        }
        return table;
    }

    /** The calling thread's table, built on its first use. */
    byte[] forThisThread() {
        return perThread.get();
    }

    /** Tables built, by the per-thread cache or by {@link #build()} called directly. */
    long built() {
        return built.get();
    }

    /** Tables the per-thread cache built: one for each thread that used it. */
    long builtForThreads() {
        return builtForThreads.get();
    }

    int bytes() {
        return bytes;
    }
}
