package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.jfr.AtomicFile;
import dev.loompatterns.jfr.TemporaryFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a command makes while it works ({@link TemporaryFiles}: a half-written report's hidden copy, a name's
 * mark) are gone when the JVM ends without the command's own {@code finally}: halted by the heap watch ({@link
 * LoomCli#haltWithoutHooks}), which left both (their {@code deleteOnExit} runs with the shutdown hooks, which a halt
 * skips), or ended after Ctrl-C's grace ({@link LoomCli#stopOnSignal}); and a JVM that writes many files keeps no
 * list of them for its end (each write left an entry in the JDK's {@code DeleteOnExitHook}). In child JVMs, which
 * halt or whose cancellation is for good.
 */
@Timeout(120) // backstop only
class TemporaryFilesTest {

    @Test
    void aWriteCutShortByTheHeapWatchsHaltLeavesNothing(@TempDir Path dir) throws Exception {
        ChildJvm.Result child = cutShort("halt", dir);

        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
        assertThat(child.stdout()).as(child.stderr()).containsExactly("making: [.report.txt.part, .run.jfr.taken]");
        assertThat(names(dir)).as("left by the halt").isEmpty();
    }

    @Test
    void aWriteCutShortByTheEndOfCtrlCsGraceLeavesNothing(@TempDir Path dir) throws Exception {
        ChildJvm.Result child = cutShort("grace", dir);

        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout())
                .as(child.stderr())
                .containsExactly("making: [.report.txt.part, .run.jfr.taken]", "once the grace is over: []");
        assertThat(child.stderr()).contains("the JVM ends it without joining its threads");
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void writesLeaveNothingForTheJvmsEnd(@TempDir Path dir) throws Exception {
        try (ChildJvm.Launch launch = ChildJvm.Launch.plain(
                List.of("--enable-preview", "--add-opens", "java.base/java.io=ALL-UNNAMED"),
                ManyWrites.class,
                List.of(dir.toString()))) {
            ChildJvm.Result child = ChildJvm.run(launch, Duration.ofSeconds(90));
            assertThat(child.exitCode()).as(child.stderr()).isZero();
            assertThat(child.stdout()).as(child.stderr()).containsExactly("files listed to delete at the JVM's end: 0");
        }
        assertThat(names(dir)).containsExactly("report.txt");
    }

    /** The files in {@code dir}, a temporary copy's name without its UUID ({@code .report.txt.part}), sorted. */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString().replaceAll("\\.[0-9a-f-]{36}\\.part$", ".part"))
                    .sorted()
                    .toList();
        }
    }

    private static ChildJvm.Result cutShort(String how, Path dir) throws Exception {
        try (ChildJvm.Launch launch =
                ChildJvm.Launch.plain(List.of("--enable-preview"), CutShort.class, List.of(how, dir.toString()))) {
            return ChildJvm.run(launch, Duration.ofSeconds(90));
        }
    }

    /**
     * The child's program: a name taken, as a bare {@code --jfr} takes one, and a write that never ends (as one into a
     * pipe nobody reads, which no interrupt ends); then the halt, or the signal's hook with a short grace.
     */
    static final class CutShort {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[1]);
            AtomicFile.takeFreeName(dir.resolve("run.jfr"));
            CountDownLatch begun = new CountDownLatch(1);
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    AtomicFile.write(dir.resolve("report.txt"), temporary -> {
                        Files.writeString(temporary, "half a report");
                        begun.countDown();
                        while (true) { // deaf to the interrupt
                            LockSupport.park();
                        }
                    });
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            begun.await();
            System.out.println("making: " + names(dir));
            System.out.flush();
            if (args[0].equals("halt")) {
                LoomCli.haltWithoutHooks(LoomCli.EXIT_CHECK_FAILED);
            }
            LoomCli.stopOnSignal(
                    writer,
                    () -> !writer.isAlive(),
                    Duration.ofMillis(300),
                    new PrintStream(System.err, true, StandardCharsets.UTF_8));
            System.out.println("once the grace is over: " + names(dir));
        }
    }

    /** The child's program: many writes, one that fails, a name taken and given back; then the JDK's list. */
    static final class ManyWrites {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            for (int i = 0; i < 100; i++) {
                AtomicFile.write(dir.resolve("report.txt"), temporary -> Files.writeString(temporary, "a report"));
            }
            try {
                AtomicFile.write(dir.resolve("report.txt"), temporary -> {
                    throw new IOException("No space left on device");
                });
            } catch (AtomicFile.NotWritten expected) {
                // the old report is kept
            }
            AtomicFile.releaseName(AtomicFile.takeFreeName(dir.resolve("run.jfr")));
            var hook = Class.forName("java.io.DeleteOnExitHook").getDeclaredField("files");
            hook.setAccessible(true);
            System.out.println(
                    "files listed to delete at the JVM's end: " + ((java.util.Collection<?>) hook.get(null)).size());
        }
    }
}
