package com.example;

import dev.loompatterns.jfr.junit.ShouldNotPin;
import org.junit.jupiter.api.Test;
import org.lib.NativeSort;

/**
 * A library pins 100 calls below this test's code: JFR keeps 64 frames, so whether com.example called in cannot be
 * told, and the test must fail saying so rather than pass (before 2026-12-07 it passed).
 */
class DeepPinTest {

    @Test
    @ShouldNotPin(packages = "com.example")
    void aPinTooDeepToTellWhoseItIs() throws Throwable {
        Throwable[] failure = new Throwable[1];
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        NativeSort.sortBelow(100);
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                })
                .join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
