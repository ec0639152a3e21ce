package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.JfrRepository;
import dev.loompatterns.testing.Commands;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The developer scripts that run a long child stop it when they are stopped: by a signal to the script alone (a
 * supervisor's {@code kill PID}), which bash acts on only once its foreground command has ended, and by Ctrl-C, which
 * signals the whole group. Each script runs from a checkout of its own with what it sources ({@code
 * scripts/stoppable.sh} among them). A script that a test sends SIGINT is started through {@code env
 * --default-signal=INT}: a build run in the background ignores SIGINT, and its children would inherit that.
 */
class ScriptsStopTest {

    /** The backstop for every wait here; what follows each wait tells whether it ended as it should. */
    static final Duration BACKSTOP = Duration.ofMinutes(2);

    /**
     * {@code scripts/repeat-tests} signalled alone during a run stops that run's Maven, says so, and starts no other:
     * with Maven in the foreground, a TERM ended the script and left Maven testing, and an INT waited for its end.
     * Here {@code mvnw} becomes a long sleep, as the real one becomes Maven's JVM.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void repeatTestsSignalledAloneStopsItsMavenAndRunsNoOther(String signal, @TempDir Path dir) throws Exception {
        Path checkout = checkout(dir, "repeat-tests", "stoppable.sh");
        Path mavenPid = dir.resolve("maven.pid");
        executable(checkout.resolve("mvnw"), "#!/bin/sh\n" + sleepsWithItsPidIn(mavenPid));

        List<String> printed = stoppedAlone(
                checkout, mavenPid, signal, "env", "--default-signal=INT", "bash", "scripts/repeat-tests", "3");

        assertThat(printed.getLast()).startsWith("run 1/3 stopped after");
        assertThat(checkout.resolve("target/repeat-tests/run-2.log")).doesNotExist();
    }

    /**
     * What the script's Maven started stops with it: Maven's forked test JVM ran on, orphaned, after Maven had ended on
     * the TERM, and started examples' JVMs after the script had said it stopped (a review). Here {@code mvnw} starts a
     * long sleep, as Maven starts its fork, and waits for it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void repeatTestsSignalledAloneStopsWhatItsMavenStarted(String signal, @TempDir Path dir) throws Exception {
        Path checkout = checkout(dir, "repeat-tests", "stoppable.sh");
        Path forkPid = dir.resolve("fork.pid");
        executable(
                checkout.resolve("mvnw"),
                "#!/bin/sh\nsh -c 'echo $$ > \"$1\"; exec sleep 600' fork '" + forkPid + "' &\nwait\n");

        List<String> printed = stoppedAlone(
                checkout, forkPid, signal, "env", "--default-signal=INT", "bash", "scripts/repeat-tests", "3");

        assertThat(printed.getLast()).startsWith("run 1/3 stopped after");
    }

    /**
     * {@code scripts/cold-runs} signalled alone stops the run it is in, says so and starts no other: a run in
     * {@code $(...)} went on to its end. Here the first run of {@link ColdRunsScriptTest}'s short list becomes a long
     * sleep.
     */
    @Test
    void coldRunsSignalledAloneStopsItsRunAndStartsNoOther(@TempDir Path dir) throws Exception {
        Path checkout = ColdRunsScriptTest.checkout(dir);
        Path runPid = dir.resolve("run.pid");
        executable(checkout.resolve("loom"), """
            #!/usr/bin/env bash
            if [ "$1" = list ]; then cat list.txt; exit 0; fi
            shift
            echo "$*" >> runs.txt
            """ + sleepsWithItsPidIn(runPid));

        List<String> printed = stoppedAlone(checkout, runPid, "TERM", "bash", "scripts/cold-runs");

        assertThat(Files.readAllLines(checkout.resolve("runs.txt"))).containsExactly("thread-basics");
        assertThat(printed.getLast())
                .isEqualTo("cold-runs: stopped by a signal during 1/6 ./loom run thread-basics, 0 failed before it");
    }

    /**
     * {@code scripts/harness-fidelity} signalled alone stops the command it is in and says so: its commands ran in
     * pipelines, which went on to their end. Here {@code loom} lists nothing and becomes a long sleep for the rest.
     */
    @Test
    void harnessFidelitySignalledAloneStopsItsCommand(@TempDir Path dir) throws Exception {
        Path checkout = checkout(dir, "harness-fidelity", "stoppable.sh");
        Path commandPid = dir.resolve("command.pid");
        executable(
                checkout.resolve("loom"), "#!/bin/sh\n[ \"$1\" = list ] && exit 0\n" + sleepsWithItsPidIn(commandPid));

        List<String> printed = stoppedAlone(checkout, commandPid, "TERM", "bash", "scripts/harness-fidelity", "1", "1");

        assertThat(printed.getLast()).isEqualTo("harness-fidelity: stopped by a signal during './loom example E01'");
    }

    /**
     * A command of {@code scripts/harness-fidelity} that fails ends it with the command's status, saying which, with
     * what it said on stderr (an example's one line: the file named was empty), and leaves the last whole series'
     * figures as they were (half a round replaced them).
     */
    @Test
    void harnessFidelityEndsAtACommandThatFailed(@TempDir Path dir) throws Exception {
        Path checkout = checkout(dir, "harness-fidelity", "stoppable.sh");
        executable(
                checkout.resolve("loom"),
                "#!/bin/sh\n[ \"$1\" = list ] && exit 0\necho half a line\necho E01: why >&2\nexit 3\n");
        Path raw = Files.createDirectories(checkout.resolve("target/harness-fidelity"))
                .resolve("raw.tsv");
        Files.writeString(raw, "the last whole series\n");

        Commands.Ran ran = Commands.run(dir, checkout, List.of("bash", "scripts/harness-fidelity", "1", "1"));

        assertThat(ran.exit()).as(ran.output()).isEqualTo(3);
        assertThat(ran.output().lines().toList())
                .endsWith(
                        "E01: why",
                        "harness-fidelity: './loom example E01' failed (exit 3); what it printed:"
                                + " target/harness-fidelity/last-command.txt and"
                                + " target/harness-fidelity/last-command-stderr.txt");
        assertThat(checkout.resolve("target/harness-fidelity/last-command.txt")).hasContent("half a line");
        assertThat(raw).hasContent("the last whole series");
        assertThat(raw.resolveSibling("raw.tsv.part")).doesNotExist();
    }

    /**
     * {@code scripts/inspect-benchmark} stopped while it records its many virtual threads leaves no recording: the
     * recording JVM, stopped, wrote what it had to the name it was given, and the next run read that part of the
     * threads as the whole. Stopped by Ctrl-C (SIGINT to the script's group) and by a TERM to the script alone, which
     * it hands on. The JVM has started recording (a chunk is in its JFR repository) when the signal comes, and is
     * asked for more threads than it could start before the backstop; the jar the script copies is an empty one, and
     * {@code loom} a stand-in, as the recording comes before either is run. A recording JVM killed by SIGKILL runs no
     * shutdown hook, and the script deletes the JFR repository it left, and no earlier process's folder named for the
     * same pid, which the test makes once the JVM records, dated 2020. Once, in a CI run, a Ctrl-C left one too,
     * empty (2026-12-06), when this test still signalled as soon as the folder was there, perhaps before the recording
     * had begun: see {@link #holdsAChunk}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"INT to the group", "TERM to the script", "KILL to the recording JVM"})
    void inspectBenchmarkStoppedWhileRecordingLeavesNoRecording(String how, @TempDir Path dir) throws Exception {
        Path checkout = checkout(
                dir,
                "inspect-benchmark",
                "stoppable.sh",
                "find-jdk.sh",
                "run-copy.sh",
                "inspect-benchmark.d/ManyVirtualThreads.java");
        executable(checkout.resolve("loom"), "#!/bin/sh\nexit 0\n");
        Files.createDirectories(checkout.resolve("target"));
        try (OutputStream jar = Files.newOutputStream(checkout.resolve("target/loom-patterns.jar"));
                JarOutputStream empty = new JarOutputStream(jar)) {
            empty.finish();
        }
        Path output = dir.resolve("output.txt");
        String javaHome = Path.of(System.getProperty("java.home")).toString();
        Path earlier = null;
        Process script = start(
                checkout,
                output,
                "setsid", // a group of its own, for the Ctrl-C
                "env",
                "--default-signal=INT",
                "JAVA_HOME=" + javaHome,
                "bash",
                "scripts/inspect-benchmark",
                "2000000000",
                "1",
                "1000");
        try {
            ProcessHandle recorder = awaitRecording(script);
            // an earlier process's repository of the same pid, as Linux hands pids out again: not the script's
            earlier = Files.createDirectory(
                    JfrRepository.temporaryFolder().resolve("2020_01_01_00_00_00_" + recorder.pid()));
            Files.setLastModifiedTime(earlier, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

            switch (how.substring(0, how.indexOf(' '))) {
                case "INT" -> kill("-INT", -script.pid());
                case "TERM" -> kill("-TERM", script.pid());
                default -> kill("-KILL", recorder.pid());
            }

            assertThat(script.waitFor(BACKSTOP.toSeconds(), TimeUnit.SECONDS))
                    .as("stopped")
                    .isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(script.exitValue())
                    .as(printed)
                    .isEqualTo(how.startsWith("INT") ? 130 : how.startsWith("TERM") ? 143 : 137);
            assertThat(Commands.running(recorder)).as("the recording JVM").isFalse();
            try (Stream<Path> left = Files.list(checkout.resolve("target/inspect-benchmark"))) {
                assertThat(left.map(p -> p.getFileName().toString()))
                        .as("what the script made")
                        .noneMatch(name -> name.startsWith("vt-"));
            }
            assertThat(repositories(recorder.pid()))
                    .as("the JVM's JFR repository gone, an earlier process's kept")
                    .containsExactly(earlier);
        } finally {
            Commands.stop(script);
            if (earlier != null) {
                Files.deleteIfExists(earlier);
            }
        }
    }

    /**
     * {@code scripts/inspect-benchmark} signalled alone in a step after the recording ends that step's JVM too: only
     * the recording ran under {@code stoppable}, and the timed JVMs, javac, JMC's load and {@code loom inspect} ran on
     * after a kill of the script (a review). Here the recording is there already, and the bare loop's program is a
     * stand-in that writes its pid and waits.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void inspectBenchmarkSignalledAloneInATimedStepStopsItsJvm(String signal, @TempDir Path dir) throws Exception {
        Path checkout = checkout(dir, "inspect-benchmark", "stoppable.sh", "find-jdk.sh", "run-copy.sh");
        executable(checkout.resolve("loom"), "#!/bin/sh\nexit 0\n");
        Path made = Files.createDirectories(checkout.resolve("target/inspect-benchmark"));
        Files.writeString(made.resolve("vt-1000.jfr"), "a recording made before");
        Files.createDirectories(checkout.resolve("target/lib"));
        for (String jar : List.of("target/loom-patterns.jar", "target/lib/none.jar")) {
            try (OutputStream file = Files.newOutputStream(checkout.resolve(jar));
                    JarOutputStream empty = new JarOutputStream(file)) {
                empty.finish();
            }
        }
        Path programs = checkout.resolve("scripts/inspect-benchmark.d");
        Files.createDirectories(programs);
        Files.writeString(programs.resolve("ReadAll.java"), """
            public class ReadAll {
                public static void main(String[] args) throws Exception {
                    String pid = ProcessHandle.current().pid() + "\\n";
                    java.nio.file.Files.writeString(java.nio.file.Path.of("target/read-all.pid"), pid);
                    Thread.sleep(600_000);
                }
            }
            """);
        Files.writeString(programs.resolve("InspectOnce.java"), "public class InspectOnce {}\n");

        List<String> printed = stoppedAloneOnThisJdk(
                checkout,
                checkout.resolve("target/read-all.pid"),
                signal,
                "scripts/inspect-benchmark",
                "1000",
                "1",
                "1000");

        assertThat(printed).noneMatch(line -> line.startsWith("floor"));
    }

    /**
     * {@code scripts/jdk-facts} signalled alone stops the program it runs, says so, and runs no other. Here the third
     * program is a stand-in that writes its pid and waits.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void jdkFactsSignalledAloneStopsItsJvmAndRunsNoOther(String signal, @TempDir Path dir) throws Exception {
        Path checkout = JdkFactsScriptTest.checkout(dir, "SchedulerBeanBlocked", """
            java.nio.file.Files.writeString(java.nio.file.Path.of("program.pid"), \
            ProcessHandle.current().pid() + "\\n"); Thread.sleep(600_000);\
            """);

        List<String> printed =
                stoppedAloneOnThisJdk(checkout, checkout.resolve("program.pid"), signal, "scripts/jdk-facts");

        assertThat(printed).noneMatch(line -> line.contains("PerTaskExecutorTakesAll ran"));
        assertThat(printed.getLast()).isEqualTo("jdk-facts: stopped by a signal during J9 (SchedulerBeanBlocked)");
    }

    /** Shell lines that write the shell's pid to {@code pidFile} and then become a sleep of ten minutes. */
    static String sleepsWithItsPidIn(Path pidFile) {
        return "echo $$ > '" + pidFile + "'\nexec sleep 600\n";
    }

    /**
     * Starts {@code command} in {@code checkout}, waits until what it runs has written its pid to {@code childPid},
     * sends the command's process alone {@code signal} (TERM or INT), and returns the lines the command printed, once
     * it has exited with 143 or 130 and that child no longer runs.
     */
    static List<String> stoppedAlone(Path checkout, Path childPid, String signal, String... command) throws Exception {
        Path output = childPid.resolveSibling("output.txt");
        Process script = start(checkout, output, command);
        try {
            LauncherTest.awaitText(childPid, text -> text.endsWith("\n"), script);
            ProcessHandle child = ProcessHandle.of(
                            Long.parseLong(Files.readString(childPid).strip()))
                    .orElseThrow();

            kill("-" + signal, script.pid());

            assertThat(script.waitFor(BACKSTOP.toSeconds(), TimeUnit.SECONDS))
                    .as("stopped")
                    .isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(script.exitValue()).as(printed).isEqualTo(signal.equals("TERM") ? 143 : 130);
            assertThat(Commands.running(child))
                    .as("what the script ran, once it has exited")
                    .isFalse();
            return printed.lines().toList();
        } finally {
            Commands.stop(script);
        }
    }

    /**
     * {@link #stoppedAlone} for a script that finds its JDK as {@code loom} does, given this test's JDK 25 as
     * {@code JAVA_HOME}, and signalled INT as a foreground command would be.
     */
    static List<String> stoppedAloneOnThisJdk(Path checkout, Path childPid, String signal, String... script)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "env", "--default-signal=INT", "JAVA_HOME=" + Path.of(System.getProperty("java.home")), "bash"));
        command.addAll(List.of(script));
        return stoppedAlone(checkout, childPid, signal, command.toArray(String[]::new));
    }

    /** A checkout holding {@code scripts/NAME} for each name given, copied from this one. */
    static Path checkout(Path dir, String... scripts) throws IOException {
        Path checkout = dir.resolve("checkout");
        for (String script : scripts) {
            Path to = checkout.resolve("scripts").resolve(script);
            Files.createDirectories(to.getParent());
            Files.copy(Path.of("scripts").resolve(script), to);
        }
        return checkout;
    }

    static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** {@code command} started in {@code checkout}, with no input, what it prints in {@code output}. */
    static Process start(Path checkout, Path output, String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command))
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        process.getOutputStream().close();
        return process;
    }

    static void kill(String signal, long pid) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal, "--", Long.toString(pid)));
        assertThat(new ProcessBuilder(command).start().waitFor())
                .as(command.toString())
                .isZero();
    }

    /** The script's JVM that runs ManyVirtualThreads, once its JFR repository exists: it records. */
    static ProcessHandle awaitRecording(Process script) throws InterruptedException {
        long deadline = System.nanoTime() + BACKSTOP.toNanos();
        while (true) {
            Optional<ProcessHandle> recorder = script.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("ManyVirtualThreads"))
                    .findFirst();
            if (recorder.isPresent()
                    && repositories(recorder.get().pid()).stream().anyMatch(ScriptsStopTest::holdsAChunk)) {
                return recorder.get();
            }
            assertThat(script.isAlive()).as("the script, before it recorded").isTrue();
            assertThat(System.nanoTime() - deadline)
                    .as("waited for the recording")
                    .isNegative();
            Thread.sleep(20); // a poll of the processes' state, not the assertion
        }
    }

    /**
     * Whether a JFR repository folder holds a chunk, so that the recording has begun. The folder alone is not enough:
     * JDK 25's JFR makes it at start-up as a probe and deletes it ({@code jdk.jfr.internal.Repository.setBasePath}),
     * registers its shutdown hook, then makes it again for the first chunk, and the hook clears only the folders made
     * for chunks; a signal among those steps might end the JVM with a folder the hook did not clear. That is read in
     * the JDK's sources, not seen: 200 JVMs here, each sent a TERM the moment its folder appeared (77 of them while it
     * was still empty), left none.
     */
    static boolean holdsAChunk(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".jfr"));
        } catch (IOException e) { // the probe, deleted since it was listed
            return false;
        }
    }

    /** The folders in the temporary folder named as JFR names a repository of process {@code pid}. */
    static List<Path> repositories(long pid) {
        try (Stream<Path> folders = Files.list(JfrRepository.temporaryFolder())) {
            return folders.filter(folder -> JfrRepository.madeBy(folder).orElse(-1) == pid)
                    .toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + JfrRepository.temporaryFolder(), e);
        }
    }
}
