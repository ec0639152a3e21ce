package dev.loompatterns.pinning;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tutorial's "sleep while holding the lock", with the two locks Java has. All tasks of a run
 * share one lock, so they also contend for it.
 */
final class GuardedSleep {

    private GuardedSleep() {}

    /**
     * Sleeps inside {@code synchronized}. On JDK 21-23 a virtual thread could not unmount while it
     * held or waited for a monitor, so both the sleep and the contended entry pinned; since JDK 24
     * (JEP 491) monitors are owned by the virtual thread, not the carrier, and neither pins.
     */
    static Blocking inSynchronized(Duration sleep) {
        Object monitor = new Object();
        return () -> {
            synchronized (monitor) {
                Thread.sleep(sleep); // BLOCKS holding the monitor: pinned on JDK 21-23 only
            }
        };
    }

    /**
     * Sleeps holding a {@link ReentrantLock}: the migration advice for JDK 21-23. A virtual thread
     * parked on or holding a {@code java.util.concurrent} lock unmounts on every JDK.
     */
    static Blocking inReentrantLock(Duration sleep) {
        ReentrantLock lock = new ReentrantLock();
        return () -> {
            lock.lock();
            try {
                Thread.sleep(sleep); // BLOCKS holding the lock: never pins
            } finally {
                lock.unlock();
            }
        };
    }
}
