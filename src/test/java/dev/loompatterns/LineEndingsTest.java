package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.loompatterns.testing.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scripts are checked out with LF line ends on every system, whatever the clone's {@code core.autocrlf}: bash reads
 * a carriage return at a line's end as part of the line, so a Windows clone's CRLF (Git for Windows' default) would
 * break {@code ./loom}, {@code ./mvnw} and {@code scripts/} under Git Bash or WSL. {@code .gitattributes} says so; this
 * asks git what it would write for each tracked script: a file that starts with {@code #!}, or a {@code .sh} that one
 * of them sources.
 */
class LineEndingsTest {

    @Test
    void everyTrackedScriptIsCheckedOutWithLfLineEnds() throws Exception {
        assumeThat(Path.of(".git"))
                .as("a git checkout (a source archive has no .git)")
                .exists();
        List<String> scripts = new ArrayList<>();
        for (String file : git("ls-files", "-z").split("\0")) {
            if (!file.isEmpty() && isScript(Path.of(file))) {
                scripts.add(file);
            }
        }
        assertThat(scripts).as("tracked scripts").contains("loom", "mvnw", ".ci/run", "scripts/find-jdk.sh");

        List<String> checkAttr = new ArrayList<>(List.of("check-attr", "-z", "eol", "--"));
        checkAttr.addAll(scripts);
        Map<String, String> eol = attributes(git(checkAttr.toArray(String[]::new)));
        for (String script : scripts) {
            assertThat(eol.get(script))
                    .as("the eol attribute of " + script + " (a line of .gitattributes covers it)")
                    .isEqualTo("lf");
            assertThat(Files.readString(Path.of(script), StandardCharsets.ISO_8859_1))
                    .as(script + " as checked out here")
                    .doesNotContain("\r");
        }
    }

    /** Whether the file is run by a shell: it starts with {@code #!}, or its name ends in {@code .sh} (sourced). */
    private static boolean isScript(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".sh")) {
            return true;
        }
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] start = new byte[2];
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(start, 0, 2) == 2 && Arrays.equals(start, "#!".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** {@code git check-attr -z}'s output, NUL-separated triples of path, attribute and value, as path to value. */
    private static Map<String, String> attributes(String output) {
        String[] fields = output.split("\0");
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 2 < fields.length; i += 3) {
            values.put(fields[i], fields[i + 2]);
        }
        return values;
    }

    private static String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(git.waitFor(60, TimeUnit.SECONDS))
                    .as("git " + args[0] + " ended")
                    .isTrue();
            assertThat(git.exitValue())
                    .as("git " + String.join(" ", args) + ": " + output)
                    .isZero();
            return output;
        } finally {
            Commands.stop(git); // killed, and waited for
        }
    }
}
