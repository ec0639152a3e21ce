package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.cli.LoomCliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class FidelityCommandTest {

    /** An example that prints the given lines as E11 would, without doing the work; {@code dir} returned. */
    public static Path fakeExample(Path dir, String... lines) throws IOException {
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            body.append("        System.out.println(\"").append(line).append("\");\n");
        }
        Files.writeString(
                dir.resolve("E11_Fake.java"),
                "public class E11_Fake {\n" + E11_CONSTANTS + "    public static void main(String[] args) {\n" + body
                        + "    }\n}\n");
        return dir;
    }

    /** E11's constants that set its work, as the harness matches them: a fake without them is refused first. */
    static final String E11_CONSTANTS = """
            static final int REQUESTS = 1_000;
            static final int POOL_SIZE = 50;
            static final long LATENCY_MS = 50;
            static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);
        """;

    /** A ratio a hair under 1 reads "+0.0%", not "-0.0%" (a review: "-29.9% to -0.0%"); others to one decimal. */
    @Test
    void anOverheadThatRoundsToZeroHasNoMinus() {
        assertThat(String.format(java.util.Locale.ROOT, "%+.1f", FidelityCommand.percentOver(0.99999)))
                .isEqualTo("+0.0");
        assertThat(FidelityCommand.percentOver(0.701)).isEqualTo(-29.9);
        assertThat(FidelityCommand.percentOver(1.1534)).isEqualTo(15.3);
    }

    @Test
    void pairsTheRealExampleWithTheHarness() {
        Result result = LoomCliTest.loom("fidelity", "url-fetch", "--pairs", "1", "--warmup", "0");

        assertThat(result.code()).as(result.err()).isZero();
        List<String> rows = result.out().lines().toList();
        assertThat(rows.get(0))
                .startsWith("mode")
                .contains("overhead: median (range; 6 pairs or more give a 95% interval)");
        assertThat(rows.subList(1, 4))
                .extracting(row -> row.split("\\s+")[0])
                .containsExactly("platform", "virtual", "structured");
        assertThat(result.out()).contains("1 pair after 0 warm-up pairs in one JVM: E11_UrlFetch.java");
        // one pair's "range" is one figure: the note says how little that tells (a review read it as a result)
        assertThat(result.out().replaceAll("\\s+", " "))
                .contains("With one pair there is no spread to see: two runs of one program differ by tens of percent"
                        + " here, so a figure this short says little; --pairs 6 or more give an interval.");
        // the command to run the harness's side alone, as it runs: the first variant, E11's timeouts
        assertThat(result.out().replaceAll("\\s+", " "))
                .contains("against 'loom compare url-fetch --variants default --tasks 1000 -P group-size=1000 -P"
                        + " latency-ms=50 -P timeout-ms=30000 -P workers=50'");
        LoomCliTest.assertFitsTheTableWidth(result.out().lines()); // the table and its note
    }

    @Test
    void theRatioComesFromTheExamplesOwnClock(@TempDir Path dir) throws IOException {
        fakeExample(
                dir,
                "pool(50)   1000 bodies in  100000 ms",
                "virtual    1000 bodies in  100000 ms",
                "structured 1000 bodies in  100000 ms");
        Result result = oneUrlFetchPairWith(dir);

        assertThat(result.code()).as(result.err()).isZero();
        // The harness's real runs take about a second, against the fake's claimed 100 s: a ratio near -99%.
        assertThat(result.out().lines().skip(1).limit(3))
                .allSatisfy(row ->
                        assertThat(row).contains("100000 (100000-100000)").contains("-9"));
    }

    @Test
    void anExampleThatDoesNotCompileFailsWithOneLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("E11_Broken.java"), "public class E11_Broken {\n    void main( {\n}\n");
        failsWithOneLine(dir).startsWith("loom: fidelity: could not compile").contains("line 2");
    }

    /**
     * The one line a pair against the examples in {@code examples} fails with, its exit code 1 checked, and that
     * nothing was printed. (The example is compiled in memory; LauncherTest's Ctrl-C of fidelity checks that a run
     * leaves its own temporary folder empty.)
     */
    private static org.assertj.core.api.AbstractStringAssert<?> failsWithOneLine(Path examples) throws IOException {
        Result result = oneUrlFetchPairWith(examples);
        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
        assertThat(result.out()).isEmpty();
        return assertThat(result.errLines()).singleElement().asString();
    }

    @Test
    void anExampleDoingOtherWorkFailsWithOneLine(@TempDir Path dir) throws IOException {
        fakeExample(
                dir,
                "pool(50)   10 bodies in  100 ms",
                "virtual    10 bodies in  100 ms",
                "structured 10 bodies in  100 ms");
        failsWithOneLine(dir).startsWith("loom: fidelity: E11 did not do the harness's work");
    }

    /**
     * An example whose own check fails throws, as E01 and E11 do (run alone, they exit 1 so): fidelity says which
     * form failed, in one line, and leaves no compiled classes. They called System.exit(1), which ended loom's own
     * JVM mid-command: "stopping on a signal", exit 1, and the compiled classes left in /tmp (a review).
     */
    @Test
    void anExampleThatFailsItsOwnCheckFailsWithOneLineAndLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("E11_Failing.java"), """
            public class E11_Failing {
            %s
                public static void main(String[] args) {
                    System.out.println("pool(50)   1000 bodies in  100 ms  in input order");
                    System.out.println("virtual    1000 bodies in  100 ms  FAILED");
                    System.out.println("structured 1000 bodies in  100 ms  in input order");
                    throw new IllegalStateException("a form did not pass its check");
                }
            }
            """.formatted(E11_CONSTANTS));
        failsWithOneLine(dir)
                .isEqualTo("loom: fidelity: E11 failed its own check: virtual    1000 bodies in  100 ms  FAILED");
    }

    /** One url-fetch pair, no warm-up, against the examples in {@code examples}. */
    private static Result oneUrlFetchPairWith(Path examples) {
        return LoomCliTest.loom(
                "fidelity", "url-fetch", "--pairs", "1", "--warmup", "0", "--examples", examples.toString());
    }
}
