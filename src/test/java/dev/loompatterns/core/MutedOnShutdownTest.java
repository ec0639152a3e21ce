package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What {@code loom bench} prints once a signal has begun the JVM's shutdown is dropped: JMH took the fork the signal
 * stopped for a failed benchmark and printed "&lt;failure: VM prematurely exited ...&gt;" and, with {@code -foe true},
 * its RunnerException's stack trace under the finished iterations (a review: {@code kill -INT} 8 s into a bench).
 */
class MutedOnShutdownTest {

    @Test
    void whatIsWrittenOnceTheJvmShutsDownIsDroppedAndAnOpenLineEnded() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        AtomicBoolean shuttingDown = new AtomicBoolean();
        PrintStream jmh = new PrintStream(
                new MutedOnShutdown(new PrintStream(terminal, true, StandardCharsets.UTF_8), shuttingDown::get),
                true,
                StandardCharsets.UTF_8);

        jmh.println("Iteration   1: 7246.990 ns/op");
        jmh.print("Iteration   2: ");
        jmh.flush();
        shuttingDown.set(true);
        jmh.println("<failure: VM prematurely exited before JMH had finished with it>");
        jmh.print("ERROR: ");
        new RuntimeException("Benchmark had encountered error, and fail on error was requested").printStackTrace(jmh);
        shuttingDown.set(false); // muted for good: the JVM does not come back from its shutdown
        jmh.println("Benchmark  Mode  Cnt  Score");

        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .isEqualTo("Iteration   1: 7246.990 ns/op\nIteration   2: \n".replace("\n", System.lineSeparator()));
    }

    /** Where the last line was ended, no empty line is added. */
    @Test
    void aLineAlreadyEndedGetsNoEmptyLine() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        AtomicBoolean shuttingDown = new AtomicBoolean();
        PrintStream jmh =
                new PrintStream(new MutedOnShutdown(terminal, shuttingDown::get), true, StandardCharsets.UTF_8);
        jmh.println("Iteration   1: 7246.990 ns/op");
        shuttingDown.set(true);
        jmh.println("ERROR: ");
        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .isEqualTo("Iteration   1: 7246.990 ns/op" + System.lineSeparator());
    }
}
