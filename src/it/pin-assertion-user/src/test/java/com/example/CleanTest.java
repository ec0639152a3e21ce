package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loompatterns.jfr.junit.ShouldNotPin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Blocking under a ReentrantLock and in a monitor on virtual threads: no pin on JDK 24+ (JEP 491). */
@ShouldNotPin
class CleanTest {

    private final ReentrantLock lock = new ReentrantLock();
    private final Object monitor = new Object();
    private int count;

    @Test
    void aReentrantLockAndAMonitorDoNotPin() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                lock.lock();
                try {
                    Thread.sleep(5);
                    count++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    lock.unlock();
                }
                synchronized (monitor) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(4, count);
    }

    /** What the assertion costs a test that creates no thread: verify.groovy reports these times. */
    @RepeatedTest(200)
    void anEmptyTest() {}
}
