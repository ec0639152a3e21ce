package dev.loompatterns.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@link ContextReadBenchmark}'s reads on a virtual thread: JMH runs its benchmark threads as virtual threads
 * ({@code -Djmh.executor=VIRTUAL}, JMH 1.37), so every batch runs on one long-lived virtual caller and the figure
 * is the read alone. {@code -f} on the command line keeps the flag; {@code -jvmArgsAppend} replaces it, and the run
 * then stops at its first trial rather than measure a platform thread under this name (a run that {@code ./loom
 * bench} starts ends there, with exit 1: it gives JMH {@code -foe true}; JMH alone goes on to the next benchmark).
 */
@Fork(jvmArgsAppend = "-Djmh.executor=VIRTUAL")
public class ContextReadOnVirtualBenchmark extends ContextReadBenchmark {

    @Setup(Level.Trial)
    public void requireAVirtualCaller() {
        if (!Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("JMH's thread is not virtual: give -Djmh.executor=VIRTUAL to the fork");
        }
    }
}
