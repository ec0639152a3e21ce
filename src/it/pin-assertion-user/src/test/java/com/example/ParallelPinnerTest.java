package com.example;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pins, with no assertion of its own, while {@link ParallelQuietTest} would be running. */
class ParallelPinnerTest {

    @Test
    void pinsWhileAnotherTestWouldRun() throws Throwable {
        ParallelQuietTest.QUIET_INSIDE.await(ParallelQuietTest.WAIT_FOR_THE_OTHER_MS, TimeUnit.MILLISECONDS);
        Throwable[] failure = new Throwable[1];
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        PinnedTest.sort();
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                })
                .join();
        ParallelQuietTest.PINNED.countDown();
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
