package dev.loompatterns.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of this project in a child JVM, for what a running JVM cannot change about
 * itself: JVM flags ({@code -XX:LockingMode=1}) and settings read once at start
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1}). The child is the same {@code java} binary
 * with the same class path and {@code --enable-preview}; it reports on stdout, one fact a line.
 *
 * <p>The child never outlives {@link #run}: it is destroyed and waited for on every path out,
 * including a timeout and an interrupt of the caller.
 */
public final class ChildJvm {

    /** A child's exit code and what it printed. */
    public record Result(int exitCode, List<String> stdout, String stderr) {

        /** The value of the first stdout line {@code key=value}, or null. */
        public String value(String key) {
            String prefix = key + "=";
            return stdout.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                    .findFirst().orElse(null);
        }

        /** Every stdout line that starts with {@code prefix}, without the prefix. */
        public List<String> lines(String prefix) {
            return stdout.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length())).toList();
        }
    }

    private ChildJvm() {
    }

    /**
     * Starts {@code mainClass} in a child JVM and waits for it.
     *
     * @param jvmFlags  flags before the main class ({@code -XX:LockingMode=1})
     * @param mainClass a class on this JVM's class path with a {@code main} method
     * @param timeout   a backstop: past it the child is destroyed and this throws
     * @throws IllegalStateException if the child did not end within the timeout
     * @throws InterruptedException  if the caller is interrupted; the child has ended by then
     */
    public static Result run(List<String> jvmFlags, Class<?> mainClass, List<String> args, Duration timeout)
            throws InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("cannot find this JVM's java binary"));
        // C1 only and the serial collector: a child lives about a second, so start-up is its cost.
        List<String> command = new ArrayList<>(List.of(java, "--enable-preview", "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("loom-child", ".out");
            err = Files.createTempFile("loom-child", ".err");
            // Files, not pipes: a child that prints more than a pipe holds can never block on it.
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            // The work runs in the child: `loom dump` holds this JVM's side here, the child started and
            // about to be waited for. A no-op otherwise; interrupted, the finally destroys the child.
            RunGate.arrive();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("child JVM " + mainClass.getSimpleName() + " did not end within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run child JVM " + mainClass.getSimpleName(), e);
        } finally {
            if (process != null) {
                destroyAndWait(process);
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void destroyAndWait(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
