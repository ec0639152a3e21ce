package com.example;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.loompatterns.jfr.junit.ShouldNotPin;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.Test;
import org.lib.NativeSort;

/** Blocks inside a comparator that libc's qsort calls back (an FFM upcall): pins, so the test must fail. */
class PinnedTest {

    static int compareSlowly(MemorySegment a, MemorySegment b) {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
    }

    static void sort() throws Throwable {
        NativeSort.sortBelow(0, MethodHandles.lookup(), PinnedTest.class, "compareSlowly", 3, 1, 2);
    }

    @Test
    @ShouldNotPin
    void blockingInANativeCallbackPins() throws Throwable {
        Throwable[] failure = new Throwable[1];
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        sort();
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
