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

    @Test
    void theLineNamesTheGraceInSecondsWhenItIsWhole() {
        assertThat(LoomCli.graceOverLine(Duration.ofMillis(LoomCli.CANCEL_GRACE_MILLIS)))
                .startsWith("loom: the work had not stopped 10 s after the signal");
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
