package dev.loompatterns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A command run to its end with no input, its stdout and stderr in one file, as a terminal shows them; for a test of a
 * program the build or a user runs as it is (an example, a build script). The process, and what it started, never
 * outlives the call.
 */
public final class Commands {

    /** How the command exited and what it printed. */
    public record Ran(int exit, String output) {}

    private Commands() {}

    /**
     * Runs {@code command} in {@code workingDir} and waits for it (two minutes, a backstop: the test fails if it has not
     * exited by then); what it prints goes to {@code command-output.txt} in {@code dir}.
     */
    public static Ran run(Path dir, Path workingDir, List<String> command) throws IOException, InterruptedException {
        Path log = dir.resolve("command-output.txt");
        Process process = new ProcessBuilder(command)
                .directory(workingDir.toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            process.getOutputStream().close(); // no input
            boolean exited = process.waitFor(2, TimeUnit.MINUTES); // backstop only
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as("exited: " + output).isTrue();
            return new Ran(process.exitValue(), output);
        } finally {
            stop(process);
        }
    }

    /**
     * Kills the process and every process it started that is still its descendant (a script's {@code java}, a
     * {@code sleep} in the background), and waits for each to end, 30 s at most. The descendants are listed first:
     * once the process is gone they are no longer its own.
     */
    public static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            // bounded, and interruptible: a killed descendant handed to a parent that never reaps it (a container's
            // PID 1 that is not an init) stays a zombie, which the JDK counts as alive, so its onExit never completes
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                throw new AssertionError(
                        "process " + handle.pid() + ", killed, has not ended after 30 s (a zombie"
                                + " that no parent reaps?)",
                        e);
            }
        }
        process.waitFor();
    }

    /**
     * Whether {@code process} still runs: alive, and not a zombie, which the JDK counts as alive (Linux's
     * {@code /proc/PID/stat} says {@code Z}). A process that has ended is a zombie until its parent reaps it, and one
     * handed to a PID 1 that reaps late, or never, stays one: it runs nothing, which is what a test of a stop asks.
     */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z'; // "PID (COMMAND) STATE ...": the name may hold ')'
        } catch (IOException e) {
            return process.isAlive(); // no /proc (not Linux), or it ended meanwhile
        }
    }

    /**
     * The pid of a process that has ended and been reaped: no process has it now, and Linux hands it out again only
     * after the rest of its count ({@code /proc/sys/kernel/pid_max}, 32,768 here) has gone round.
     */
    public static long endedPid() throws IOException, InterruptedException {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }
}
