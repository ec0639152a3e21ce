package dev.loompatterns.testing;

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

/**
 * The ways tests make a virtual thread pin on purpose: a comparator that the C library's
 * {@code qsort} calls back through FFM (a native frame on the stack), and a class loader that
 * blocks while {@code Class.forName} waits in native code for it.
 */
public final class Natives {

    private Natives() {}

    /**
     * Sorts two ints with libc's {@code qsort}, calling back {@code owner.comparator(MemorySegment,
     * MemorySegment)} (static, returning int), found with the caller's {@code lookup}: one upcall, at least.
     */
    public static void qsortWith(MethodHandles.Lookup lookup, Class<?> owner, String comparator) {
        Linker linker = Linker.nativeLinker();
        MethodHandle qsort = linker.downcallHandle(
                linker.defaultLookup().findOrThrow("qsort"),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle compare = lookup.findStatic(
                    owner, comparator, MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
            MemorySegment stub = linker.upcallStub(
                    compare,
                    FunctionDescriptor.of(
                            JAVA_INT, ADDRESS.withTargetLayout(JAVA_INT), ADDRESS.withTargetLayout(JAVA_INT)),
                    arena);
            qsort.invokeExact(arena.allocateFrom(JAVA_INT, 2, 1), 2L, (long) Integer.BYTES, stub);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** Compares two ints as a comparator called back by {@code qsort}. */
    public static int compareInts(MemorySegment a, MemorySegment b) {
        return Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
    }

    /**
     * Compares two ints as a comparator called back by {@code qsort}, after sleeping 5 ms: on a virtual thread, a pin
     * (the native frame of {@code qsort} is on its stack) whose innermost frame outside the JDK is this one.
     */
    public static int compareIntsSlowly(MemorySegment a, MemorySegment b) {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return compareInts(a, b);
    }

    /**
     * Pins once ({@link #compareIntsSlowly} called back by {@code qsort}) {@code frames} calls below its caller: with
     * more than the recording's stack depth (64 frames unless set), the recorded stack is cut before the caller's
     * frame.
     */
    public static void pinBelow(int frames) {
        below(frames, () -> qsortWith(MethodHandles.lookup(), Natives.class, "compareIntsSlowly"));
    }

    /** Parks 10 ms {@code frames} calls below its caller: in a static initializer, on a virtual thread, a pin. */
    public static void parkBelow(int frames) {
        below(frames, () -> java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L));
    }

    /** Runs {@code then} {@code frames} calls below its caller. */
    public static void below(int frames, Runnable then) {
        if (frames > 0) {
            below(frames - 1, then);
        } else {
            then.run();
        }
    }

    /** A class loader that sleeps 5 ms in {@code findClass}, then finds nothing. */
    public static final class SlowLoader extends ClassLoader {
        public SlowLoader() {
            super(null);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ClassNotFoundException(name);
        }
    }

    /**
     * Loads a class that does not exist through a {@link SlowLoader}, from native code: a class-loading pin on a
     * virtual thread.
     */
    public static void loadSlowly() {
        try {
            Class.forName("com.example.Missing", false, new SlowLoader());
        } catch (ClassNotFoundException expected) {
            // the loader blocked, then found nothing: the pin while it loaded is the point
        }
    }
}
