package org.lib;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.locks.LockSupport;

/**
 * A library's sort: libc's qsort, calling back a comparator through FFM (an upcall), {@code depth} calls deep in the
 * library's own code. A comparator that blocks pins a virtual thread; past JFR's 64 frames, the pin's stack holds
 * none of the caller's frames.
 */
public final class NativeSort {

    private NativeSort() {}

    /** Compares two ints after parking 5 ms: the library's own slow comparator, which pins a virtual thread. */
    static int compareSlowly(MemorySegment a, MemorySegment b) {
        LockSupport.parkNanos(5_000_000L);
        return Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
    }

    /** Sorts two ints with the library's slow comparator, {@code depth} calls deep. */
    public static void sortBelow(int depth) throws Throwable {
        sortBelow(depth, MethodHandles.lookup(), NativeSort.class, "compareSlowly", 2, 1);
    }

    /**
     * Sorts these ints with the static {@code comparator(MemorySegment, MemorySegment)} of {@code owner}, found with
     * the caller's {@code lookup}, {@code depth} calls deep.
     */
    public static void sortBelow(int depth, MethodHandles.Lookup lookup, Class<?> owner, String comparator, int... ints)
            throws Throwable {
        if (depth > 0) {
            sortBelow(depth - 1, lookup, owner, comparator, ints);
            return;
        }
        Linker linker = Linker.nativeLinker();
        MethodHandle qsort = linker.downcallHandle(
                linker.defaultLookup().findOrThrow("qsort"),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
        MethodHandle compare = lookup.findStatic(
                owner, comparator, MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = linker.upcallStub(
                    compare,
                    FunctionDescriptor.of(
                            JAVA_INT, ADDRESS.withTargetLayout(JAVA_INT), ADDRESS.withTargetLayout(JAVA_INT)),
                    arena);
            qsort.invokeExact(arena.allocateFrom(JAVA_INT, ints), (long) ints.length, (long) Integer.BYTES, stub);
        }
    }
}
