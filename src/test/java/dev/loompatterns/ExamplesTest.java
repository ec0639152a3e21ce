package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Pattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-file example runs as docs/tooling.md says ({@code java --enable-preview examples/E..java})
 * and exits 0, which each example does only when its own check passed.
 */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("examples");

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleRunsAndPassesItsOwnCheck(Path example, @TempDir Path dir) throws Exception {
        String source = Files.readString(example);
        assertThat(source).as("opens with what to watch for").contains("You are expected to see");
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

        String java = ProcessHandle.current().info().command().orElseThrow();
        Path log = dir.resolve("output.txt");
        Process process = new ProcessBuilder(
                        java, "--enable-preview", "--enable-native-access=ALL-UNNAMED", example.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        process.getOutputStream().close(); // no input
        boolean exited = process.waitFor(2, TimeUnit.MINUTES); // backstop only
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("exited: " + text).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
    }
}
