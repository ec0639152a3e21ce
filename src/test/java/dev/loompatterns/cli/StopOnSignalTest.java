package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.engine.Cancellation;
import dev.loompatterns.testing.OwnJvm;
import dev.loompatterns.testing.StandInRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shutdown hook's work ({@link LoomCli#stopOnSignal}): a command that stops on the interrupt gets the stopping line
 * alone; one that does not stop within the grace gets a second line saying the JVM ends it without joining its threads
 * (before, the JVM ended after the grace without a word, under a line that promised joined threads). In a child JVM:
 * the hook asks {@link Cancellation}, which is the JVM's for good.
 */
@Timeout(120) // backstop only
class StopOnSignalTest {

    @Test
    void theGraceRunningOutIsSaidAndACommandThatStopsInTimeHearsOnlyTheStoppingLine() throws Exception {
        assertThat(OwnJvm.linesOf(Signalled.class))
                .containsExactly(
                        "stops: " + LoomCli.STOPPING_LINE,
                        "stops: ended true",
                        "deaf: " + LoomCli.STOPPING_LINE,
                        "deaf: loom: the work had not stopped 300 ms after the signal (a wait that no interrupt ends,"
                                + " or too many threads to cancel in time); the JVM ends it without joining its"
                                + " threads",
                        "deaf: still running true",
                        "cancelled: true");
    }

    /**
     * The command's "interrupted" line waits for the hook's stopping line, which the hook prints after it asks the stop:
     * a compare that saw the request between two cells said "interrupted" first (a hunt, 1 time in 25). An interrupt
     * while it waits does not end the wait, and is kept.
     */
    @Test
    @Timeout(60) // the backstop: a wait the latch did not end would last the ten minutes set below
    void theInterruptedLineWaitsForTheStoppingLine() throws Exception {
        java.util.concurrent.CountDownLatch said = new java.util.concurrent.CountDownLatch(1);
        java.io.StringWriter err = new java.io.StringWriter();
        LoomCli.stoppingLineOut = said;
        long wait = LoomCli.stoppingLineWaitNanos;
        LoomCli.stoppingLineWaitNanos = java.util.concurrent.TimeUnit.MINUTES.toNanos(10); // only the latch ends it
        try (dev.loompatterns.testing.Background<Boolean> command = dev.loompatterns.testing.Background.start(() -> {
            int code = LoomCli.failed(new InterruptedException(), new java.io.PrintWriter(err, true));
            return code == LoomCli.EXIT_INTERRUPTED && Thread.currentThread().isInterrupted();
        })) {
            command.awaitState(Thread.State.TIMED_WAITING);
            command.thread().interrupt();
            command.await("the interrupt taken", () -> !command.thread().isInterrupted());
            command.awaitState(Thread.State.TIMED_WAITING);
            assertThat(err.toString()).as("said before the stopping line").isEmpty();
            said.countDown();
            assertThat(command.join()).as("exit 130, the interrupt kept").isTrue();
        } finally {
            LoomCli.stoppingLineOut = null;
            LoomCli.stoppingLineWaitNanos = wait;
        }
        assertThat(err.toString()).startsWith("loom: interrupted; ");
    }

    @Test
    void theLineNamesTheGraceInSecondsWhenItIsWhole() {
        assertThat(LoomCli.graceOverLine(Duration.ofMillis(LoomCli.CANCEL_GRACE_MILLIS)))
                .startsWith("loom: the work had not stopped 10 s after the signal");
    }

    /**
     * A progress line being written when the signal comes is finished before the stopping line, and none comes after
     * it: a ticker's "[2/9] url-fetch platform faults, 1 s" came after the stopping line and read as a run started
     * after Ctrl-C (a fresh-clone CI, 2026-12-07). The child's progress writes into a writer that holds its second
     * line until released, so the hook meets it half-shown; its JVM is told stderr is a terminal, and not that it runs
     * under CI, or no progress is shown at all.
     */
    @Test
    void aProgressLineBeingShownIsFinishedBeforeTheStoppingLine(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ProcessBuilder child = OwnJvm.builder(null, java.util.List.of(), HeldLine.class);
        child.environment().remove("CI");
        child.environment().put("LOOM_STDERR_TTY", "1");
        java.nio.file.Path out = dir.resolve("out.txt");
        Process process = child.redirectOutput(out.toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        try {
            process.getOutputStream().close();
            assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES))
                    .as("exited")
                    .isTrue(); // backstop only
        } finally {
            dev.loompatterns.testing.Commands.stop(process);
        }
        assertThat(java.nio.file.Files.readAllLines(out))
                .as(java.nio.file.Files.readString(dir.resolve("err.txt")))
                .containsExactly("held up: true", "[progress, stopping]");
    }

    /** The child's program: a ticking progress line held up in its write when the hook runs. */
    static final class HeldLine {
        public static void main(String[] args) throws Exception {
            java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.concurrent.CountDownLatch heldUp = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.io.Writer held = new java.io.Writer() {
                private int writes;

                @Override
                public void write(char[] text, int offset, int length) {
                    if (++writes == 2) { // the first is shown at once, on main; the ticker's first is held
                        heldUp.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    if (writes >= 2) {
                        order.add("progress");
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
            java.io.OutputStream stderr = new java.io.OutputStream() {
                @Override
                public void write(int b) {}

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    if (new String(bytes, offset, length, StandardCharsets.UTF_8).contains("stopping on a signal")) {
                        order.add("stopping");
                    }
                }
            };
            dev.loompatterns.engine.Progress progress =
                    dev.loompatterns.engine.Progress.onTerminal(new java.io.PrintWriter(held));
            try (dev.loompatterns.engine.Progress.Ticking ticking = progress.ticking(2, 9, "url-fetch platform")) {
                System.out.println("held up: " + heldUp.await(60, java.util.concurrent.TimeUnit.SECONDS));
                Thread ended = Thread.ofPlatform().start(() -> {});
                ended.join();
                Thread hook = Thread.ofPlatform()
                        .start(() -> LoomCli.stopOnSignal(
                                ended,
                                () -> true,
                                Duration.ofSeconds(10),
                                new PrintStream(stderr, true, StandardCharsets.UTF_8)));
                // BLOCKS-UNTIL: the hook waits for the line being shown, or (without that wait) has said its line
                while (hook.getState() != Thread.State.BLOCKED && !order.contains("stopping") && hook.isAlive()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                release.countDown();
                hook.join();
            } finally {
                release.countDown();
            }
            System.out.println(order);
        }
    }

    /** The child's program: the hook's work for a command that stops on the interrupt, then for one deaf to it. */
    static final class Signalled {
        public static void main(String[] args) throws Exception {
            Thread stops = StandInRuns.stopsOnInterrupt();
            print("stops", err -> LoomCli.stopOnSignal(stops, StandInRuns.ended(stops), Duration.ofSeconds(60), err));
            System.out.println("stops: ended " + !stops.isAlive());

            try (StandInRuns.Deaf deaf = new StandInRuns.Deaf()) {
                print(
                        "deaf",
                        err -> LoomCli.stopOnSignal(
                                deaf.thread(), StandInRuns.ended(deaf.thread()), Duration.ofMillis(300), err));
                System.out.println("deaf: still running " + deaf.thread().isAlive());
            }
            System.out.println("cancelled: " + Cancellation.requested());
        }

        /** Runs {@code hook} on a stream of its own and prints each line it wrote, after {@code who}. */
        private static void print(String who, java.util.function.Consumer<PrintStream> hook) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                hook.accept(err);
            }
            bytes.toString(StandardCharsets.UTF_8).lines().forEach(line -> System.out.println(who + ": " + line));
        }
    }
}
