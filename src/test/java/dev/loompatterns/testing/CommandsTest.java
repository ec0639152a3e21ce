package dev.loompatterns.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A command run by a test leaves nothing running, also what it started in the background. */
class CommandsTest {

    @Test
    void aCommandThatEndsGivesItsExitAndOutput(@TempDir Path dir) throws Exception {
        Commands.Ran ran = Commands.run(dir, dir, List.of("bash", "-c", "echo out; echo err >&2; exit 3"));

        assertThat(ran.exit()).isEqualTo(3);
        assertThat(ran.output()).contains("out", "err");
    }

    /**
     * A test that gives up on a command (here by an interrupt; the two-minute backstop goes the same way) kills the
     * command and the {@code sleep} it left in the background, which would otherwise outlive the test, and the build.
     */
    @Test
    @Timeout(60) // a backstop: the assertion is on the processes, not the time
    void aCommandGivenUpOnIsKilledWithWhatItStarted(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("sleep.pid");
        List<String> command =
                List.of("bash", "-c", "sleep 600 & echo $! > sleep.pid.tmp; mv sleep.pid.tmp sleep.pid; wait");
        ProcessHandle sleep;
        try (Background<Commands.Ran> run = Background.start(() -> Commands.run(dir, dir, command))) {
            run.await("the background sleep started", () -> Files.exists(pid));
            sleep = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                    .orElseThrow(() -> new AssertionError("the sleep ended by itself"));
            assertThat(sleep.parent().map(ProcessHandle::pid))
                    .as("the sleep is the command's own")
                    .isNotEqualTo(Optional.of(ProcessHandle.current().pid()));
            run.thread().interrupt();
            assertThatThrownBy(run::join).isInstanceOf(InterruptedException.class);
        }

        assertThat(sleep.isAlive()).as("the background sleep, after the call").isFalse();
    }
}
