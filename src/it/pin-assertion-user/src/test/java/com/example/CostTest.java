package com.example;

import dev.loompatterns.jfr.junit.ShouldNotPin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the assertion adds to a test, in nanoseconds rather than surefire's milliseconds: the time from the end of
 * {@code @BeforeEach} to the start of {@code @AfterEach} (the test method and the extension around it), with and
 * without {@code @ShouldNotPin}, for a test that starts and joins one virtual thread and for an empty one. Run in a
 * JVM of its own (pom.xml, execution "cost"), so its first annotated test is the JVM's first: it pays for starting
 * JFR. Writes cost-ms.txt, which verify.groovy prints; it judges nothing (speed is a benchmark's business).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CostTest {

    private static final int REPETITIONS = 100;
    private static final Map<String, List<Long>> NANOS = new LinkedHashMap<>();
    private long start;

    @BeforeEach
    void startClock() {
        start = System.nanoTime();
    }

    @AfterEach
    void stopClock(TestInfo test) {
        long took = System.nanoTime() - start;
        NANOS.computeIfAbsent(test.getTestMethod().orElseThrow().getName(), name -> new ArrayList<>())
                .add(took);
    }

    private static void oneVirtualThread() throws InterruptedException {
        Thread.ofVirtual().start(() -> {}).join();
    }

    @Order(1)
    @RepeatedTest(REPETITIONS)
    @ShouldNotPin
    void annotatedWithAThread() throws InterruptedException {
        oneVirtualThread();
    }

    @Order(2)
    @RepeatedTest(REPETITIONS)
    void plainWithAThread() throws InterruptedException {
        oneVirtualThread();
    }

    @Order(3)
    @RepeatedTest(REPETITIONS)
    @ShouldNotPin
    void annotatedEmpty() {}

    @Order(4)
    @RepeatedTest(REPETITIONS)
    void plainEmpty() {}

    /** How long the thread of a slower test waits: its window, and the stream, are this old when it closes. */
    private static final long SLOW_MS = 300;

    /** Fewer: each takes {@value #SLOW_MS} ms. */
    private static final int SLOW_REPETITIONS = 10;

    private static void oneSlowVirtualThread() throws InterruptedException {
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        Thread.sleep(SLOW_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .join();
    }

    /**
     * A test whose thread runs {@value #SLOW_MS} ms: the stream is that old when the window closes. Stopping the
     * stream then waited for its next read of the recording, up to a second; a dump does not.
     */
    @Order(5)
    @RepeatedTest(SLOW_REPETITIONS)
    @ShouldNotPin
    void annotatedSlowThread() throws InterruptedException {
        oneSlowVirtualThread();
    }

    @Order(6)
    @RepeatedTest(SLOW_REPETITIONS)
    void plainSlowThread() throws InterruptedException {
        oneSlowVirtualThread();
    }

    @AfterAll
    static void write() throws IOException {
        StringBuilder text = new StringBuilder();
        NANOS.forEach((name, nanos) -> {
            List<Long> rest = new ArrayList<>(nanos.subList(1, nanos.size()));
            rest.sort(null);
            text.append(String.format(
                    Locale.ROOT,
                    "%-20s first %7.2f ms, then median %6.3f ms, p10 %6.3f, p90 %6.3f, max %6.2f (n %d)%n",
                    name,
                    nanos.get(0) / 1e6,
                    rest.get(rest.size() / 2) / 1e6,
                    rest.get(rest.size() / 10) / 1e6,
                    rest.get(rest.size() * 9 / 10) / 1e6,
                    rest.get(rest.size() - 1) / 1e6,
                    rest.size()));
        });
        Files.writeString(Path.of("cost-ms.txt"), text);
    }
}
