package dev.loompatterns.core;

import dev.loompatterns.jfr.JvmShutdown;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.BooleanSupplier;

/**
 * An output stream that passes on what is written to it until the JVM begins to shut down, and drops it from then on,
 * ending a line left open first. For the benchmarks' main class ({@code bench.BenchMain}), as its standard output and
 * error: a signal (Ctrl-C, a {@code kill -INT}) stops the JVM JMH forked, and JMH took the fork's end for the
 * benchmark's failure, printing "&lt;failure: VM prematurely exited before JMH had finished with it ...&gt;" and, with
 * the {@code -foe true} the launcher gives, "ERROR: org.openjdk.jmh.runner.RunnerException: Benchmark had encountered
 * error, and fail on error was requested" with its stack trace (a review). The finished iterations' lines stay above.
 * Asked at each write, not set by a hook of its own: the hooks start together, in no set order, and the one that stops
 * the fork may have done so before another had set a flag.
 */
public final class MutedOnShutdown extends FilterOutputStream {

    private final BooleanSupplier shuttingDown;
    private boolean lineOpen;
    private boolean muted;

    MutedOnShutdown(OutputStream out, BooleanSupplier shuttingDown) {
        super(out);
        this.shuttingDown = shuttingDown;
    }

    /** {@code stream} muted once the JVM's shutdown hooks have started ({@link JvmShutdown#inProgress()}). */
    public static PrintStream of(PrintStream stream) {
        return new PrintStream(new MutedOnShutdown(stream, JvmShutdown::inProgress), true, stream.charset());
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (passes()) {
            out.write(b);
            lineOpen = b != '\n';
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > 0 && passes()) {
            out.write(bytes, offset, length);
            lineOpen = bytes[offset + length - 1] != '\n';
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (passes()) {
            out.flush();
        }
    }

    /** Whether what is written now passes; at the first that does not, a line left open is ended. */
    private boolean passes() throws IOException {
        if (muted) {
            return false;
        }
        if (!shuttingDown.getAsBoolean()) {
            return true;
        }
        muted = true;
        if (lineOpen) { // "Iteration   2: " waits for its figure: the shell's prompt would follow it
            out.write('\n');
        }
        out.flush();
        return false;
    }
}
