package dev.loompatterns.lockcounter;

/**
 * Don't do this: a counter with no lock. {@code count++} reads, adds and writes; two threads that
 * read the same value both write value + 1, and one update is lost. {@code volatile} makes every
 * read and write go to memory, but it does not make the three steps one: volatile is not a lock.
 *
 * <p>The increment is written out as its steps, and when the value read is a multiple of
 * {@value #YIELD_EVERY}, the thread lets others run ({@link Thread#yield()}) between the read and
 * the write, as the Python tutorials widen the same race with a sleep. This adds no new flaw: it
 * widens the window that {@code count++} already has, so the loss shows in every run instead of
 * sometimes. Without it, a virtual thread runs its increments nearly alone on its carrier (there
 * is no time slicing), two carriers rarely interleave, and most virtual runs lost nothing. With
 * it, on any kind of thread, whoever yielded comes back later and writes its stale value + 1 over
 * every update made meanwhile, so most of the updates are lost. A yielding virtual thread
 * unmounts and is queued again; it does not pin.
 */
public final class UnguardedCounter implements Counter {

    /** A power of two: a thread that reads a multiple of it yields before it writes. */
    static final int YIELD_EVERY = 1024;

    private volatile long count;

    @Override
    public void increment() {
        long read = count; // 1. read
        if ((read & (YIELD_EVERY - 1)) == 0) {
            Thread.yield(); // the window count++ has, held open: another thread may write meanwhile
        }
        count = read + 1; // 2. add, 3. write: over whatever was written since the read
    }

    @Override
    public long total() {
        return count;
    }
}
