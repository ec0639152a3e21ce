package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.Commands;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code src/build/JcstressRun.java}, which the {@code jcstress} profile runs, fails a run in which jcstress reported
 * results for fewer tests than it lists for the same arguments: jcstress 0.16 skips a test with more actors than the
 * machine has CPUs without a word and exits 0 (tried on the project's 2-core machine with a three-actor test:
 * "1 matching test results" of 2 listed). The jar here is a stand-in that prints what jcstress would.
 */
class JcstressRunTest {

    private static final String PASSED = """
        (Results: 14 planned; 14 passed, 0 failed, 0 soft errs, 0 hard errs)

        RUN RESULTS:
          Interesting tests: No matches.

          Failed tests: No matches.

          Error tests: No matches.

          All remaining tests: %d matching test results. Use -v to print them.
        """;

    private static final String LISTED = """
        Java Concurrency Stress Tests
        Burning up to figure out the exact CPU count....... done!

        dev.loompatterns.taskqueue.TaskQueueCountStress
        dev.loompatterns.taskqueue.ThreeActorProbe
        """;

    @Test
    void aListedTestWithNoResultsFailsTheRun(@TempDir Path dir) throws Exception {
        Commands.Ran run = run(dir, LISTED, PASSED.formatted(1));

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains("jcstress: results for 1 of the 2 tests it lists (-l)")
                .contains("more actors than this machine has CPUs");
    }

    @Test
    void everyListedTestWithResultsPasses(@TempDir Path dir) throws Exception {
        Commands.Ran run = run(dir, LISTED, PASSED.formatted(2));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("jcstress:");
    }

    @Test
    void aRunWithNoSummaryFails(@TempDir Path dir) throws Exception {
        Commands.Ran run = run(dir, LISTED, "(Results: 14 planned; 14 passed, 0 failed, 0 soft errs, 0 hard errs)\n");

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("printed no summary of its tests");
    }

    /**
     * jcstress writes its binary results file into its working folder, and has no option to put it elsewhere: run so,
     * it lands in the report's folder ({@code -r}, or jcstress's default {@code results}), not where the run was
     * started (the checkout, where one was left each run).
     */
    @Test
    void theResultsFileGoesIntoTheReportsFolder(@TempDir Path dir) throws Exception {
        Commands.Ran given = run(dir, LISTED, PASSED.formatted(2), "-r", "target/jcstress-results");
        Commands.Ran byDefault = run(dir, LISTED, PASSED.formatted(2));

        assertThat(given.exit()).as(given.output()).isZero();
        assertThat(byDefault.exit()).as(byDefault.output()).isZero();
        assertThat(dir.resolve("target/jcstress-results/" + RESULTS_FILE)).exists();
        assertThat(dir.resolve("results/" + RESULTS_FILE)).exists();
        assertThat(dir.resolve(RESULTS_FILE)).as("where the run was started").doesNotExist();
    }

    /** The binary results file's name, as the stand-in writes it into its working folder. */
    private static final String RESULTS_FILE = "jcstress-results-stand-in.bin.gz";

    /**
     * Runs JcstressRun, from {@code dir}, on a stand-in jar that prints {@code listed} for {@code -l} and {@code
     * output} otherwise, with {@code -t X} and {@code more} arguments.
     */
    private static Commands.Ran run(Path dir, String listed, String output, String... more) throws Exception {
        Files.writeString(dir.resolve("listed.txt"), listed);
        Files.writeString(dir.resolve("results.txt"), output);
        String java = ProcessHandle.current().info().command().orElseThrow();
        String script = Path.of("src/build/JcstressRun.java").toAbsolutePath().toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, script, "fake-jcstress.jar", "-t", "X"));
        command.addAll(List.of(more));
        standIn(dir);
        return Commands.run(dir, dir, command);
    }

    /**
     * A jar whose main prints listed.txt, beside the jar, when given -l; else results.txt, and writes a results file
     * into its working folder, as jcstress does.
     */
    private static Path standIn(Path dir) throws IOException {
        Path source = dir.resolve("src/FakeJcstress.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
            import java.nio.file.Files;
            import java.nio.file.Path;

            public class FakeJcstress {
                public static void main(String[] args) throws Exception {
                    Path jar = Path.of(FakeJcstress.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                    boolean list = java.util.List.of(args).contains("-l");
                    System.out.print(Files.readString(jar.resolveSibling(list ? "listed.txt" : "results.txt")));
                    if (!list) {
                        Files.writeString(Path.of("%s"), "results");
                    }
                }
            }
            """.formatted(RESULTS_FILE));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int compiled =
                ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        assertThat(compiled).as("javac's exit").isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "FakeJcstress");
        Path jar = dir.resolve("fake-jcstress.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("FakeJcstress.class"));
            out.write(Files.readAllBytes(classes.resolve("FakeJcstress.class")));
            out.closeEntry();
        }
        return jar;
    }
}
