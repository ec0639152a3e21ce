package com.example;

import dev.loompatterns.jfr.junit.ShouldNotPin;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A quiet annotated test, run with JUnit's parallel execution on, classes and methods concurrent (pom.xml, execution
 * "parallel"), beside {@link ParallelPinnerTest}, which pins: each waits a while for the other to be running too. The
 * annotation takes JUnit's global lock, so the two run one after the other and this test passes; without the lock
 * they ran together and this test was charged the other's pin (verify.groovy checks that both passed).
 */
class ParallelQuietTest {

    static final long WAIT_FOR_THE_OTHER_MS = 2_000;
    static final CountDownLatch QUIET_INSIDE = new CountDownLatch(1);
    static final CountDownLatch PINNED = new CountDownLatch(1);

    @Test
    @ShouldNotPin
    void quietBesideAPinner() throws InterruptedException {
        Thread.ofVirtual().start(() -> {}).join(); // a thread of its own: its window reads the stream
        QUIET_INSIDE.countDown();
        PINNED.await(WAIT_FOR_THE_OTHER_MS, TimeUnit.MILLISECONDS);
    }
}
