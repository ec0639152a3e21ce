package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java programs beside the scripts ({@code scripts/NAME.d/*.java}) are run by hand or by a script, with the source
 * launcher or javac, never by the build: a rename in {@code src/main/java} that breaks one would otherwise go unseen
 * until someone runs it. Each folder compiles here as one unit, against the classes and libraries the tests see, with
 * the flags the project's classes were compiled with.
 */
class ScriptsCompileTest {

    static final Path SCRIPTS = Path.of("scripts");

    static List<Path> programFolders() throws IOException {
        try (Stream<Path> entries = Files.list(SCRIPTS)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".d"))
                    .filter(Files::isDirectory)
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theProgramsTheDocsNameAreFound() throws IOException {
        assertThat(programFolders())
                .extracting(p -> p.getFileName().toString())
                .contains("inspect-benchmark.d", "jfr.d", "migration.d", "pin-stream.d", "results.d");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programFolders")
    void compiles(Path folder, @TempDir Path out) throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.list(folder)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
        assertThat(sources).as("Java programs in " + folder).isNotEmpty();
        List<String> args = new ArrayList<>(List.of(
                "--release",
                String.valueOf(Runtime.version().feature()),
                "--enable-preview",
                "-proc:none",
                "-cp",
                System.getProperty("java.class.path"),
                "-d",
                out.toString()));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int exit = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(exit)
                .as("javac on %s:%n%s", folder, diagnostics.toString(StandardCharsets.UTF_8))
                .isZero();
    }
}
