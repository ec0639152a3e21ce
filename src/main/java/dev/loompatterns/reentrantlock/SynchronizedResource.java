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
        // No hold count on a monitor: holding it at depth 1 inside A is the evidence of re-entry.
        state.enterB(Thread.holdsLock(this) ? 2 : 1);
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
