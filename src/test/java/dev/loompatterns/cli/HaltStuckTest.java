package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.ChildJvm;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the heap watch does when a command it stopped does not end ({@link LoomCli#haltStuck}): it says why, deletes
 * the JVM's JFR repository and halts with exit 1, running no shutdown hook; when making the line itself runs out of
 * memory it prints the line made before. In child JVMs, which halt.
 */
@Timeout(120) // backstop only
class HaltStuckTest {

    @Test
    void theLineIsSaidTheRepositoryDeletedAndTheJvmHaltedWithoutItsHooks() throws Exception {
        ChildJvm.Result child = halted("line");

        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
        assertThat(child.stderr()).contains("loom: run stopped before the heap ran out (the test's line)");
        assertThat(child.stderr()).doesNotContain("made before");
        assertThat(child.stdout())
                .as("the repository, and no shutdown hook's line")
                .hasSize(1);
        assertThat(Path.of(child.stdout().getFirst())).doesNotExist();
    }

    @Test
    void aLineThatRunsOutOfMemoryGivesWayToTheOneMadeBefore() throws Exception {
        ChildJvm.Result child = halted("no-room");

        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
        assertThat(child.stderr()).contains("loom: made before").doesNotContain("the test's line");
        assertThat(child.stdout()).hasSize(1);
        assertThat(Path.of(child.stdout().getFirst())).doesNotExist();
    }

    /** The deletion needs heap too: whatever it throws (here a name no path can have), the JVM still halts. */
    @Test
    void aRepositoryThatCannotBeDeletedDoesNotStopTheHalt() throws Exception {
        ChildJvm.Result child = halted("unnamable-repository");
        try {
            assertThat(child.exitCode()).as(child.stderr()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
            assertThat(child.stderr()).contains("the test's line").doesNotContain("Exception");
            assertThat(child.stdout()).as("no shutdown hook's line").hasSize(1);
        } finally { // the halt left it, as the test asked
            Path repository = Path.of(child.stdout().getFirst());
            if (Files.exists(repository)) {
                try (Stream<Path> files = Files.walk(repository)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    /** Printing needs heap too (a PrintStream wraps the line in a buffer): the line made before is written raw. */
    @Test
    void aLineThatCannotBePrintedGivesWayToTheOneMadeBefore() throws Exception {
        ChildJvm.Result child = halted("no-room-to-print");

        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
        assertThat(child.stderr()).contains("loom: made before").doesNotContain("Exception");
        assertThat(Path.of(child.stdout().getFirst())).doesNotExist();
    }

    /** A stream that finds no room for anything written to it. */
    static final class OutOfRoom extends OutputStream {
        static final OutOfRoom STREAM = new OutOfRoom();

        @Override
        public void write(int b) {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    private static ChildJvm.Result halted(String how) throws Exception {
        try (ChildJvm.Launch launch = ChildJvm.Launch.plain(List.of("--enable-preview"), Stuck.class, List.of(how))) {
            return ChildJvm.run(launch, Duration.ofSeconds(90));
        }
    }

    /** The child's program: a recording streams to the repository, a hook waits to be run, then the halt. */
    static final class Stuck {
        public static void main(String[] args) {
            try (RecordingStream stream = new RecordingStream()) {
                stream.enable("jdk.VirtualThreadPinned");
                stream.startAsync();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("a shutdown hook ran")));
                System.out.println(System.getProperty("jdk.jfr.repository"));
                System.out.flush();
                if (args[0].equals("unnamable-repository")) {
                    System.setProperty("jdk.jfr.repository", "\0"); // what the deletion reads: Path.of refuses it
                }
                LoomCli.haltStuck(
                        () -> {
                            if (args[0].equals("no-room")) {
                                throw new OutOfMemoryError("Java heap space");
                            }
                            return "loom: run stopped before the heap ran out (the test's line)";
                        },
                        "loom: made before\n".getBytes(StandardCharsets.UTF_8),
                        args[0].equals("no-room-to-print") ? new PrintStream(OutOfRoom.STREAM) : System.err);
                System.out.println("not halted");
            }
        }
    }
}
