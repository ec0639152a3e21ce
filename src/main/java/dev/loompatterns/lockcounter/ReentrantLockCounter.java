package dev.loompatterns.lockcounter;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tutorial's {@code threading.Lock} as a {@link ReentrantLock}: the same mutual exclusion as
 * {@code synchronized}, plus {@code tryLock}, timeouts, interruptible waits and fairness. A virtual
 * thread parked on it unmounts on every JDK that has virtual threads.
 */
public final class ReentrantLockCounter implements Counter {

    private final ReentrantLock lock = new ReentrantLock();

    @GuardedBy("lock")
    private long count;

    @Override
    public void increment() {
        lock.lock();
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long total() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
