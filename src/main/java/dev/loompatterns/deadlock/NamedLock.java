package dev.loompatterns.deadlock;

import java.io.Serial;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReentrantLock} with a name and a rank, that says who holds it. The rank is the global
 * lock order of the fix; the owner is what the JSON thread dump does not say about a
 * {@code java.util.concurrent} lock (JDK 25), so the detector asks the lock itself.
 */
final class NamedLock extends ReentrantLock {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int rank;

    NamedLock(String name, int rank) {
        this.name = name;
        this.rank = rank;
    }

    /** The place of this lock in the one global order: lower ranks are taken first. */
    int rank() {
        return rank;
    }

    /** The thread holding this lock now, or null ({@link ReentrantLock#getOwner} is protected). */
    Thread owner() {
        return getOwner();
    }

    @Override
    public String toString() {
        return name;
    }
}
