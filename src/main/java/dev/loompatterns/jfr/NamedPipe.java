package dev.loompatterns.jfr;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.Charset;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * A named pipe ({@code mkfifo}) written into only if a process reads it. Opening a pipe to write waits until a reader
 * opens it, with no end, and no interrupt ends that wait: {@code loom inspect p.jfr --out FIFO} with nobody reading
 * sat silent after its work until a Ctrl-C's grace ran out. {@link #holdReader} opens it first with
 * {@code O_NONBLOCK}, which fails at once ({@code ENXIO}) where no process has it open to read, and holds that
 * descriptor while the content is written through one of Java's: a reader that started before loom, waiting in its
 * own open, then never sees the pipe end between the two.
 *
 * <p>Linux only (the flags' values are Linux's on x86-64 and AArch64); elsewhere, and for anything but a named pipe,
 * nothing is checked and the write waits for a reader as {@code cat > FIFO} does. Calls {@code open(2)} through the
 * FFM API (final in JDK 22, JEP 454), a restricted method: the launcher and the tests enable native access.
 */
final class NamedPipe {

    private static final int O_WRONLY = 01;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    /** What {@code open(2)} sets for a pipe opened to write, without blocking, that no process reads. */
    private static final int ENXIO = 6;

    private static final Set<String> ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");

    private NamedPipe() {}

    /** A descriptor open on the pipe; closing it closes the descriptor. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Where {@code target} is a named pipe, opens it to write without blocking and returns that descriptor, to close once
     * the content is written; for anything else, nothing.
     *
     * @throws FileSystemException "it is a named pipe that no process reads: start its reader first" (no reader), or
     *     why the open failed
     */
    static Held holdReader(Path target) throws IOException {
        if (!isPipe(target) || !checkable()) {
            return () -> {};
        }
        Native calls = Native.CALLS;
        int fd;
        int errno;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Native.STATE);
            Charset names = Charset.forName(System.getProperty("sun.jnu.encoding"), Charset.defaultCharset());
            MemorySegment path = arena.allocateFrom(target.toAbsolutePath().toString(), names);
            fd = (int) calls.open.invokeExact(state, path, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);
            errno = (int) Native.ERRNO.get(state, 0L);
        } catch (Throwable e) {
            throw new IOException("could not open the named pipe: " + e, e);
        }
        if (fd < 0) {
            throw new FileSystemException(
                    target.toString(),
                    null,
                    errno == ENXIO
                            ? "it is a named pipe that no process reads: start its reader first"
                            : "the named pipe could not be opened (errno " + errno + ")");
        }
        return () -> {
            try {
                int ignored = (int) calls.close.invokeExact(fd);
            } catch (Throwable e) {
                throw new IllegalStateException("could not close the named pipe's descriptor", e);
            }
        };
    }

    /** Whether {@code file} is a named pipe (S_IFIFO), by its Unix mode where the file system gives one. */
    private static boolean isPipe(Path file) {
        return AtomicFile.fileType(file) == 0010000; // S_IFIFO
    }

    private static boolean checkable() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && ARCHITECTURES.contains(System.getProperty("os.arch", ""));
    }

    /** The C library's {@code open} and {@code close}, looked up on first use. */
    private record Native(MethodHandle open, MethodHandle close) {
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final Native CALLS = link();

        private static Native link() {
            Linker linker = Linker.nativeLinker();
            MethodHandle open = linker.downcallHandle(
                    linker.defaultLookup().find("open").orElseThrow(),
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno"),
                    Linker.Option.firstVariadicArg(2)); // open(path, flags, ...): the mode is variadic
            MethodHandle close = linker.downcallHandle(
                    linker.defaultLookup().find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return new Native(open, close);
        }
    }
}
