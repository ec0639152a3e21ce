package dev.loompatterns.reentrantlock;

import dev.loompatterns.core.Crew;

/**
 * A virtual thread per worker. Reentrancy belongs to the lock, not to the kind of thread: hold
 * counts and {@code isHeldByCurrentThread} work the same. A virtual thread that waits for a
 * {@code ReentrantLock} unmounts; one that waits to enter a monitor unmounts too since JDK 24
 * (JEP 491).
 */
public final class VirtualReentrantLock implements Form {

    @Override
    public long callAll(SharedResource resource, int workers, int rounds) throws Exception {
        return Form.callAll(Crew.virtual("caller-"), resource, workers, rounds);
    }
}
