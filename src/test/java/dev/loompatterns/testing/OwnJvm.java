package dev.loompatterns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a JVM of its own, as the launcher runs the CLI: this JDK's {@code java} with
 * {@code --enable-preview}, the test's class path (or more), and the JVM options a test needs (a small
 * heap). Its environment leaves out what would change what it prints: {@code LOOM_STACKTRACE},
 * {@code LOOM_JAVA_OPTS} (which the out-of-memory line repeats), and {@code JDK_JAVA_OPTIONS} and
 * {@code JAVA_TOOL_OPTIONS}, whose "Picked up ..." would be a line of stderr. The JVM never outlives
 * the call: a JVM left running would fail the leak checks of later tests.
 */
public final class OwnJvm {

    /** What the JVM did: its exit status and what it printed. */
    public record Result(int code, String out, String err) {}

    private OwnJvm() {}

    /**
     * Runs {@code main} with {@code args} and waits for it (two minutes, a backstop: the test fails if
     * it has not exited by then).
     *
     * @param dir        where its output goes ({@code out.txt}, {@code err.txt})
     * @param extraPath  put before the test's class path, or null
     * @param jvmOptions before the main class ({@code -Xmx12m})
     */
    public static Result run(Path dir, String extraPath, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = builder(extraPath, jvmOptions, main, args)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            process.getOutputStream().close(); // no input
            assertThat(process.waitFor(2, TimeUnit.MINUTES))
                    .as("the JVM exited")
                    .isTrue(); // backstop only
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * The JVM that {@link #run} runs, for a test that starts it itself and sees to its end: its output is the
     * caller's to redirect.
     *
     * @param extraPath put before the test's class path, or null
     */
    public static ProcessBuilder builder(String extraPath, List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-preview"));
        command.addAll(jvmOptions);
        command.add("-cp");
        String classPath = System.getProperty("java.class.path");
        command.add(extraPath == null ? classPath : extraPath + java.io.File.pathSeparator + classPath);
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        for (String variable : List.of("LOOM_STACKTRACE", "LOOM_JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
            builder.environment().remove(variable);
        }
        return builder;
    }

    /**
     * Runs {@code main} in a child JVM ({@link ChildJvm.Launch#plain}, with {@code --enable-preview}), for a test of
     * what a JVM keeps for good once set ({@code Cancellation}, the heap watch, shutdown hooks), fails the test unless
     * it exits 0 (within 90 s, a backstop), and returns what it printed on stdout, a line each.
     */
    public static List<String> linesOf(Class<?> main, String... args) throws InterruptedException {
        ChildJvm.Result child = ChildJvm.run(
                ChildJvm.Launch.plain(List.of("--enable-preview"), main, List.of(args)), Duration.ofSeconds(90));
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        return child.stdout();
    }
}
