package dev.loompatterns.lockcounter;

import com.google.errorprone.annotations.concurrent.GuardedBy;

/**
 * The tutorial's {@code with lock:} as a monitor. Since JDK 24 (JEP 491) a virtual thread that
 * blocks on a contended monitor unmounts from its carrier; on JDK 21 to 23 it pinned the carrier,
 * which is why older advice says to replace {@code synchronized} with {@code ReentrantLock}.
 */
public final class SynchronizedCounter implements Counter {

    @GuardedBy("this")
    private long count;

    @Override
    public synchronized void increment() {
        count++;
    }

    @Override
    public synchronized long total() {
        return count;
    }
}
