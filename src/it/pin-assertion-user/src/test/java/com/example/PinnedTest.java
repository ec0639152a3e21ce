package com.example;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.loompatterns.jfr.junit.ShouldNotPin;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

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
        Linker linker = Linker.nativeLinker();
        MethodHandle qsort = linker.downcallHandle(
                linker.defaultLookup().findOrThrow("qsort"),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
        MethodHandle compare = MethodHandles.lookup()
                .findStatic(
                        PinnedTest.class,
                        "compareSlowly",
                        MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment comparator = linker.upcallStub(
                    compare,
                    FunctionDescriptor.of(
                            JAVA_INT, ADDRESS.withTargetLayout(JAVA_INT), ADDRESS.withTargetLayout(JAVA_INT)),
                    arena);
            qsort.invokeExact(arena.allocateFrom(JAVA_INT, 3, 1, 2), 3L, (long) Integer.BYTES, comparator);
        }
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
