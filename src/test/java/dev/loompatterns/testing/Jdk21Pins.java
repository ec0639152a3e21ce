package dev.loompatterns.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Pins as JDK 21 records them, made on this JDK: JDK 21's {@code jdk.VirtualThreadPinned} has a
 * duration, a thread and a stack, and no {@code pinnedReason}, {@code blockingOperation} or carrier.
 * {@link Jdk21Pinned} is an event type of that name and shape, committed where a pin would be, with
 * no real blocking: in a class initializer ({@link #inAnInitializer}) and in an FFM upcall
 * ({@link #inAnUpcall}). Record {@code jdk.VirtualThreadPinned} with threshold 0 and stack traces
 * to see them; their reason reads as not recorded, so the cause comes from the stack.
 */
public final class Jdk21Pins {

    private Jdk21Pins() {}

    /** JDK 21's {@code jdk.VirtualThreadPinned}: a duration, a thread and a stack; nothing else. */
    @Name("jdk.VirtualThreadPinned")
    @Label("Virtual Thread Pinned")
    @StackTrace(true)
    public static final class Jdk21Pinned extends Event {

        /** An event of a millisecond, with no blocking in it: nothing really pins. */
        public static void commitOne() {
            Jdk21Pinned event = new Jdk21Pinned();
            event.begin();
            long end = System.nanoTime() + 1_000_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            event.commit();
        }
    }

    /** Commits one in its initializer: a class-init pin whose subject is this class. */
    public static final class CommitsInItsInitializer {
        static {
            Jdk21Pinned.commitOne();
        }
    }

    /**
     * A class-init pin: initializes a copy of {@link CommitsInItsInitializer} defined by a new class
     * loader, so that its initializer runs on every call, whatever initialized it before in this JVM.
     */
    public static void inAnInitializer() {
        try {
            Class.forName(CommitsInItsInitializer.class.getName(), true, new FreshCopyLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** A native-frame pin: libc's {@code qsort} calls back {@link #compareCommitting}, which commits one. */
    public static void inAnUpcall() {
        Natives.qsortWith(MethodHandles.lookup(), Jdk21Pins.class, "compareCommitting");
    }

    /** Both, the initializer's first. */
    public static void inAnInitializerAndAnUpcall() {
        inAnInitializer();
        inAnUpcall();
    }

    static int compareCommitting(MemorySegment a, MemorySegment b) {
        Jdk21Pinned.commitOne();
        return Natives.compareInts(a, b);
    }

    /**
     * Defines its own {@link CommitsInItsInitializer} from that class's bytes, read when it is
     * created (not while {@code Class.forName} loads, which would be I/O under a native frame), and
     * leaves every other class to its parent: the copy's initializer commits the one
     * {@link Jdk21Pinned} type, which is why that type and its method are public.
     */
    private static final class FreshCopyLoader extends ClassLoader {
        private static final String NAME = CommitsInItsInitializer.class.getName();
        private final byte[] bytes;

        FreshCopyLoader() {
            super(Jdk21Pins.class.getClassLoader());
            try (InputStream in = getParent().getResourceAsStream(NAME.replace('.', '/') + ".class")) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(NAME)) {
                return super.loadClass(name, resolve);
            }
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
        }
    }
}
