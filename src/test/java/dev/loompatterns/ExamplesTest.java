package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every single-file example runs as docs/tooling.md says ({@code java --enable-preview examples/E..java})
 * and exits 0, which each example does only when its own check passed; with {@link #START_UP}'s flags, which change
 * how soon it starts, not what it checks.
 */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("examples");

    /**
     * Start-up flags for the examples' JVMs, as {@code core.ChildJvm} gives its children: C1 only and the serial
     * collector. A run is mostly start-up, and the source launcher compiles the example with javac in that JVM, which
     * C1 alone does sooner (E02: 1.0 to 1.3 s against 2.0 to 2.7 s). No example checks what the JIT or the collector
     * does: the checks count (threads, tasks, permits, hits), time sleeps and spins by the clock (E09, E19, E21), and
     * E06's lost updates are printed, not checked; pinning (E18) and thread states are the VM's whatever compiles.
     */
    static final List<String> START_UP = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files
                    .filter(p -> p.getFileName().toString().matches("E\\d\\d_\\w+\\.java"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void everyPatternInTheCatalogueHasItsNumberedExample() throws IOException {
        List<String> names = examples().map(p -> p.getFileName().toString()).toList();
        for (Pattern pattern : Catalogue.load().patterns()) {
            String prefix = String.format(Locale.ROOT, "E%02d_", pattern.number());
            assertThat(names).as("example for " + pattern.id()).anyMatch(name -> name.startsWith(prefix));
        }
    }

    /**
     * Every example declares a class named as its file: a compact source file (JEP 512, a {@code void main()} with no
     * class), which {@code java} runs as well, stops the build's format check with a parser error ("expected token:
     * 'void'"), which palantir-java-format cannot read (a helper's walk through docs/design.md's steps).
     */
    @Test
    void everyExampleDeclaresAClassNamedAsItsFile() throws IOException {
        for (Path example : examples().toList()) {
            String name = example.getFileName().toString().replaceFirst("\\.java$", "");
            assertThat(Files.readAllLines(example))
                    .as(example + " declares 'public class " + name
                            + "' (docs/design.md, how to add a pattern, step 5)")
                    .anyMatch(line -> line.startsWith("public class " + name + " ")
                            || line.startsWith("public final class " + name + " "));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleRunsAndPassesItsOwnCheck(Path example, @TempDir Path dir) throws Exception {
        String source = Files.readString(example);
        java.util.regex.Matcher code = java.util.regex.Pattern.compile(
                        "^(import|public) ", java.util.regex.Pattern.MULTILINE)
                .matcher(source);
        assertThat(code.find()).as("has code").isTrue();
        assertThat(source.substring(0, code.start()))
                .as("opens with what to watch for, in the comment before its code")
                .contains("You are expected to see");
        assertThat(source)
                .as("marks where the threads change, as docs/tooling.md says")
                .contains("// BEFORE")
                .contains("// AFTER");
        // an example that calls native code (E18) says --enable-native-access=ALL-UNNAMED too
        assertThat(source)
                .as("ends with how to run it")
                .containsPattern("java --enable-preview (--enable-native-access=ALL-UNNAMED )?"
                        + java.util.regex.Pattern.quote(
                                EXAMPLES.resolve(example.getFileName()).toString()));
        java.util.regex.Matcher profile = java.util.regex.Pattern.compile(
                        "-XX:StartFlightRecording:\\S*settings=(jfr-profiles/[\\w-]+\\.jfc)")
                .matcher(source);
        assertThat(profile.find())
                .as("gives the command with a JFR recording and one of our profiles")
                .isTrue();
        assertThat(Path.of(profile.group(1))).as("the profile it names exists").exists();

        assertRunsAndPasses(example, dir, Path.of(""));
    }

    /**
     * E03 compiles its own source file for its child JVMs, so it has to find that file, also when
     * its path has a space: here a copy outside the project, in a folder named "with space", run by
     * its absolute path, as {@code ./loom example E03} runs it in a clone under such a folder. It
     * runs from that temporary directory, where no examples/E03_DaemonThreads.java could stand in
     * for the file it failed to find.
     */
    @Test
    void daemonThreadsExampleFindsItsSourceInAFolderWithASpace(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("with space"));
        Path copy = Files.copy(EXAMPLES.resolve("E03_DaemonThreads.java"), folder.resolve("E03_DaemonThreads.java"));
        String text = assertRunsAndPasses(copy.toAbsolutePath(), dir, dir);
        assertThat(text).as("its children ran").contains("ok: each JVM waited for its ticker");
    }

    /**
     * E03 stopped by a TERM (a {@code kill}; Ctrl-C ends it the same way) leaves no folder of compiled classes in
     * the temporary folder, also when stopped as soon as that folder is made, while javac writes into it. Before,
     * only main's finally block deleted it, and a signal runs none.
     */
    @Test
    void daemonThreadsExampleStoppedBySignalLeavesNoCompiledClasses(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Process process = new ProcessBuilder(command(EXAMPLES.resolve("E03_DaemonThreads.java"), tmp))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile())
                .start();
        try {
            process.getOutputStream().close();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2); // backstop only
            while (compiledClassesIn(tmp).isEmpty() && process.isAlive()) {
                assertThat(System.nanoTime()).as("E03 made its classes folder").isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(process.isAlive())
                    .as("still running when its classes folder appeared")
                    .isTrue();
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue(); // backstop only
        } finally {
            process.destroyForcibly().waitFor();
        }
        assertThat(compiledClassesIn(tmp)).isEmpty();
    }

    /**
     * E03 run from class files, not as a source file, cannot give its children its source: it says how to run it in
     * one line and exits 2, leaving no folder. It threw an IOException with a stack trace, and once made one line of
     * it from inside the lock its shutdown hook waits on, and hung in {@code System.exit}.
     */
    @Test
    void daemonThreadsExampleRunFromClassFilesSaysHowToRunItInOneLine(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        int javac = javax.tools.ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "--release",
                        "25",
                        "--enable-preview",
                        "-d",
                        classes.toString(),
                        EXAMPLES.resolve("E03_DaemonThreads.java").toString());
        assertThat(javac).isZero();
        List<String> command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "--enable-preview"));
        command.addAll(START_UP);
        command.addAll(
                List.of("-Djava.io.tmpdir=" + tmp.toAbsolutePath(), "-cp", classes.toString(), "E03_DaemonThreads"));

        Commands.Ran ran = Commands.run(dir, dir, command);

        assertThat(ran.exit()).as(ran.output()).isEqualTo(2);
        assertThat(ran.output().lines().toList())
                .singleElement()
                .isEqualTo("E03: not run as a source file; run: java --enable-preview examples/E03_DaemonThreads.java");
        assertThat(compiledClassesIn(tmp)).isEmpty();
    }

    /**
     * E03 and E14, which make a folder in {@code java.io.tmpdir}, say in one line that they cannot where it does not
     * exist, and exit 2, as loom does for an unwritable path: the machine's trouble, not the example's check. They
     * threw a {@code NoSuchFileException} with its stack trace (a helper's hunt); a first version of E03's line exited
     * inside the lock its shutdown hook takes, and hung.
     */
    @ParameterizedTest
    @ValueSource(strings = {"E03_DaemonThreads.java", "E14_Deadlock.java"})
    void anExampleWithoutATemporaryFolderSaysSoInOneLine(String example, @TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        Commands.Ran ran = Commands.run(dir, Path.of(""), command(EXAMPLES.resolve(example), missing));

        assertThat(ran.exit()).as(ran.output()).isEqualTo(2);
        assertThat(ran.output().lines())
                .as(ran.output())
                .anyMatch(line -> line.startsWith(example.substring(0, 3) + ": cannot make a folder for ")
                        && line.contains(missing + " (java.io.tmpdir)"))
                .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Exception in thread"));
        assertThat(missing).doesNotExist();
    }

    /**
     * E11 under {@code ulimit -n 1024}, many Linux desktops' limit, says in one line that its 1,000 requests at once
     * need more open files and exits 2 before it starts; before, its structured form failed part way with "Too many
     * open files" and a stack trace.
     */
    @Test
    void urlFetchExampleWithTooFewOpenFilesSaysSoInOneLine(@TempDir Path dir) throws Exception {
        // the limit for this one process, set by its shell, which then becomes the JVM
        List<String> shell = new ArrayList<>(List.of("bash", "-c", "ulimit -n 1024 && exec \"$@\"", "bash"));
        shell.addAll(command(EXAMPLES.resolve("E11_UrlFetch.java"), dir));
        Commands.Ran ran = Commands.run(dir, Path.of(""), shell);

        assertThat(ran.exit()).as(ran.output()).isEqualTo(2);
        assertThat(ran.output().strip().lines())
                .as("one line")
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("E11: 1,000 requests at once need about 2,256 open files")
                .contains("(ulimit -n 1024)");
    }

    /**
     * Runs the example as docs/tooling.md says (an example that calls native code, E18, is allowed to), with
     * {@link #START_UP}'s flags and its temporary files in {@code tmp}.
     */
    private static List<String> command(Path example, Path tmp) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "--enable-preview", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(START_UP);
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp.toAbsolutePath(), example.toString()));
        return command;
    }

    private static List<Path> compiledClassesIn(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("e03-classes"))
                    .toList();
        }
    }

    /**
     * Runs the example as docs/tooling.md says, with {@link #START_UP}'s flags, from {@code workingDir}, its output to a file in
     * {@code dir}; asserts it exited 0 and returns what it printed.
     */
    private static String assertRunsAndPasses(Path example, Path dir, Path workingDir) throws Exception {
        // its temporary files (E03 compiles its children into one) in the test's folder, also when it fails
        Commands.Ran ran = Commands.run(dir, workingDir, command(example, dir));
        assertThat(ran.exit()).as(ran.output()).isZero();
        return ran.output();
    }
}
