package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./loom} launcher finds a JDK 25 by itself, as CI needs: no JAVA_HOME, and whatever
 * {@code java} the PATH has (17 on the project's machines). Its {@code example} command needs no
 * build, so it can run here, before {@code package} has made the jar.
 */
class LauncherTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome launch(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of("bash", "loom")));
        builder.command().addAll(List.of(args));
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(env);
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(2, TimeUnit.MINUTES); // backstop only
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        assertThat(exited).as("the launcher exited").isTrue();
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void findsAJdk25WithoutJavaHomeAndRunsAnExample(@TempDir Path dir) throws Exception {
        Outcome run = launch(dir, Map.of("LOOM_JAVA_OPTS", "-XshowSettings:properties"), "example", "E02");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        Matcher version = java.util.regex.Pattern.compile("java\\.specification\\.version = (\\d+)").matcher(run.err());
        assertThat(version.find()).as(run.err()).isTrue();
        assertThat(Integer.parseInt(version.group(1))).isGreaterThanOrEqualTo(25);
        assertThat(run.out()).isNotBlank();
    }

    @Test
    void anUnknownExampleIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Outcome run = launch(dir, Map.of(), "example", "E99");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement().asString().startsWith("loom: no example 'E99'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void exampleArgumentsReachTheProgram(@TempDir Path dir) throws Exception {
        Outcome run = launch(dir, Map.of(), "example", "E01", "not-a-number");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("ROUNDS must be a whole number").contains("'not-a-number'");
    }
}
