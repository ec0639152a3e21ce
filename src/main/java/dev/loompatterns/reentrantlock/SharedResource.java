package dev.loompatterns.reentrantlock;

/**
 * The tutorial's RLock example: {@link #methodA()} takes the lock and calls {@link #methodB()},
 * which takes the same lock again. Each implementation keeps a tally of what it saw while it held
 * the lock, so the run can check that re-entry worked and that no other thread got in between.
 */
sealed interface SharedResource permits ReentrantLockResource, SynchronizedResource, NonReentrantResource {

    /** Method A: takes the lock, then calls method B while still holding it. */
    void methodA();

    /** Method B: takes the lock too; called on its own, or from method A. */
    void methodB();

    /** Whether the calling thread still holds the lock (it must not, once method A returned). */
    boolean heldByCurrentThread();

    /** What the resource saw so far; exact once every caller has been joined. */
    Tally tally();

    /**
     * What a resource saw.
     *
     * @param calls      calls of method A that completed
     * @param reentered  calls of method B made from A that got the lock again while A held it
     * @param intrusions times a thread found the guarded state changed by another thread while it held the lock
     * @param refused    calls of method B from A that could not take the lock (a non-reentrant lock)
     */
    record Tally(long calls, long reentered, long intrusions, long refused) {}

    /** The resource for a variant id of the {@code reentrant-lock} pattern. */
    static SharedResource forVariant(String variant) {
        return switch (variant) {
            case "reentrant-lock" -> new ReentrantLockResource();
            case "synchronized" -> new SynchronizedResource();
            case "non-reentrant" -> new NonReentrantResource();
            default -> throw new IllegalArgumentException("no resource for variant " + variant);
        };
    }
}
