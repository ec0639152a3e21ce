package dev.loompatterns.pinning;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;

/**
 * Don't do this on a virtual thread: block inside a Java callback that native code calls. The C
 * library's {@code qsort} is called through the FFM API with a Java comparator (an upcall) that
 * sleeps. The native {@code qsort} frame sits between the virtual thread's Java frames, and a
 * continuation cannot be unmounted with a native frame on it, so the sleep pins the carrier
 * (reason "Native or VM frame on stack", on every JDK with virtual threads; JEP 491 did not change
 * it). JNI callbacks behave the same.
 *
 * <p>Made once per run on the calling thread, which also sorts once there with a comparator that
 * does not sleep, so the FFM machinery's own class initialization (the downcall stub, the
 * segments, the {@code int} var handle and its cache) happens there and not in the tasks; the
 * upcall stub lives in a shared arena that {@link #close()} frees. Needs
 * {@code --enable-native-access=ALL-UNNAMED} to run without a warning.
 */
final class UpcallSort implements AutoCloseable {

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final MethodHandle COMPARE_SLEEPING;
    private static final MethodHandle COMPARE;

    static {
        try {
            MethodType compare = MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class);
            COMPARE_SLEEPING = MethodHandles.lookup()
                    .findStatic(UpcallSort.class, "compareSleeping", compare.insertParameterTypes(0, long.class));
            COMPARE = MethodHandles.lookup().findStatic(UpcallSort.class, "compare", compare);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Arena arena = Arena.ofShared();
    private final MethodHandle qsort;
    private final MemorySegment comparator;

    UpcallSort(Duration sleepPerComparison) {
        Linker linker = Linker.nativeLinker();
        qsort = linker.downcallHandle(
                linker.defaultLookup().find("qsort").orElseThrow(),
                FunctionDescriptor.ofVoid(
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        var element = ValueLayout.ADDRESS.withTargetLayout(INT);
        var signature = FunctionDescriptor.of(ValueLayout.JAVA_INT, element, element);
        comparator = linker.upcallStub(
                MethodHandles.insertArguments(COMPARE_SLEEPING, 0, sleepPerComparison.toMillis()), signature, arena);
        // The FFM machinery's first use, here rather than in the tasks: tasks that met it first waited, with qsort's
        // native frame below them, for another to initialize jdk.internal.foreign.LayoutPath or to fill the var handle
        // cache (a contended monitor in ConcurrentHashMap.computeIfAbsent), and the second wait counted as the
        // pattern's own pin: ffm-upcall's pinned said 5 for 4 tasks in 15 of 60 fresh JVMs.
        try (Arena once = Arena.ofConfined()) {
            sort(linker.upcallStub(COMPARE, signature, once));
        }
    }

    /** Sorts two ints with {@code qsort}: one comparison, so one sleep inside the upcall. */
    void sort() {
        sort(comparator);
    }

    private void sort(MemorySegment comparing) {
        try (Arena local = Arena.ofConfined()) {
            MemorySegment values = local.allocateFrom(INT, 2, 1);
            qsort.invokeExact(values, 2L, INT.byteSize(), comparing);
            if (values.getAtIndex(INT, 0) != 1) {
                throw new IllegalStateException("qsort did not sort");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("qsort downcall failed", e); // invokeExact declares Throwable
        }
    }

    /**
     * The comparator native code calls back. An exception must not escape an upcall (the JVM
     * would exit), so an interrupt ends the sleep early and is kept as the thread's status.
     */
    private static int compareSleeping(long sleepMillis, MemorySegment a, MemorySegment b) {
        try {
            Thread.sleep(sleepMillis); // BLOCKS with qsort's native frame below: pins a virtual thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return compare(a, b);
    }

    private static int compare(MemorySegment a, MemorySegment b) {
        return Integer.compare(a.get(INT, 0), b.get(INT, 0));
    }

    @Override
    public void close() {
        arena.close();
    }
}
