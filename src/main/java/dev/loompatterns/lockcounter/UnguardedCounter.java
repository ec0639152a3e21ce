package dev.loompatterns.lockcounter;

/**
 * Don't do this: a counter with no lock. {@code count++} reads, adds and writes; two threads that
 * read the same value both write value + 1, and one update is lost. {@code volatile} makes every
 * read and write go to memory, so the loss shows up reliably, but it does not make the three steps
 * one: volatile is not a lock.
 */
public final class UnguardedCounter implements Counter {

    private volatile long count;

    @Override
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // the point of this class
    public void increment() {
        count++;
    }

    @Override
    public long total() {
        return count;
    }
}
