package dev.loompatterns.reentrantlock;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tutorial's {@code threading.RLock()} as a {@link ReentrantLock}. The thread that holds it
 * may take it again: each {@code lock()} adds one to the hold count, each {@code unlock()} takes
 * one away, and the lock is free only when the count is back to zero. Unlike a monitor, the count
 * can be read ({@link ReentrantLock#getHoldCount()}), which is how method B proves it re-entered.
 */
final class ReentrantLockResource implements SharedResource {

    private final ReentrantLock lock = new ReentrantLock();

    @GuardedBy("lock")
    private final GuardedState state = new GuardedState();

    @Override
    public void methodA() {
        lock.lock();
        try {
            state.enterA();
            methodB(); // re-entry: the hold count goes to 2, the lock is not released in between
            state.exitA();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void methodB() {
        lock.lock();
        try {
            state.enterB(lock.getHoldCount());
            state.exitB();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    @Override
    public Tally tally() {
        lock.lock();
        try {
            return state.tally();
        } finally {
            lock.unlock();
        }
    }
}
