package dev.loompatterns.reentrantlock;

import com.google.errorprone.annotations.concurrent.GuardedBy;

/**
 * The same resource with the object's monitor. Java monitors have always been reentrant, so
 * {@code synchronized} needs no RLock: a synchronized method may call another on the same object.
 * There is no hold count to read; {@link Thread#holdsLock} says only whether the monitor is held.
 * Since JDK 24 (JEP 491) a virtual thread that blocks entering a contended monitor unmounts; on
 * JDK 21 to 23 it pinned its carrier.
 */
final class SynchronizedResource implements SharedResource {

    @GuardedBy("this")
    private final GuardedState state = new GuardedState();

    @Override
    public synchronized void methodA() {
        state.enterA();
        methodB();
        state.exitA();
    }

    @Override
    public synchronized void methodB() {
        // A monitor has no hold count to read. B is called only from A, inside A's monitor, so it
        // entered the monitor a second time: depth 2 (that B ran at all, not deadlocked, is the re-entry).
        state.enterB(2);
        state.exitB();
    }

    @Override
    public boolean heldByCurrentThread() {
        return Thread.holdsLock(this);
    }

    @Override
    public synchronized Tally tally() {
        return state.tally();
    }
}
