package dev.loompatterns.lockcounter;

/**
 * The tutorial's shared counter, written four right ways and one wrong way. The counters are the
 * same in every mode; what the modes change is who calls {@link #increment()}.
 */
public sealed interface Counter
        permits SynchronizedCounter, ReentrantLockCounter, AtomicLongCounter, LongAdderCounter, UnguardedCounter {

    void increment();

    /** The total; exact once every incrementing thread has been joined. */
    long total();

    /** The counter for a variant id of the {@code lock-counter} pattern. */
    static Counter forVariant(String variant) {
        return switch (variant) {
            case "synchronized" -> new SynchronizedCounter();
            case "reentrant-lock" -> new ReentrantLockCounter();
            case "atomic-long" -> new AtomicLongCounter();
            case "long-adder" -> new LongAdderCounter();
            case "unguarded" -> new UnguardedCounter();
            default -> throw new IllegalArgumentException("no counter for variant " + variant);
        };
    }
}
