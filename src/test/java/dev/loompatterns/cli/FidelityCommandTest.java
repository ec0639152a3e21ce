package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.cli.LoomCliTest.Result;
import dev.loompatterns.core.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FidelityCommandTest {

    private static final FidelityCommand.Pairing URL_FETCH = FidelityCommand.PAIRINGS.stream()
            .filter(p -> p.patternId().equals("url-fetch")).findFirst().orElseThrow();

    /** An example that prints the given lines as E11 would, without doing the work. */
    private static Path fakeExample(Path dir, String... lines) throws IOException {
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            body.append("        System.out.println(\"").append(line).append("\");\n");
        }
        Files.writeString(dir.resolve("E11_Fake.java"),
                "public class E11_Fake {\n    public static void main(String[] args) {\n" + body + "    }\n}\n");
        return dir;
    }

    private static long fidelityFolders() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("loom-fidelity-")).count();
        }
    }

    @Test
    void readsATimePerModeFromTheExamplesLines() throws FidelityCommand.CannotCompare {
        Map<Mode, Double> times = FidelityCommand.parseExample("""
                pool(50)   1000 bodies in  1054 ms  in input order
                virtual    1000 bodies in   272 ms  in input order
                structured 1000 bodies in   263 ms  in input order
                """, URL_FETCH);
        assertThat(times).containsExactly(Map.entry(Mode.PLATFORM, 1054.0), Map.entry(Mode.VIRTUAL, 272.0), Map.entry(Mode.STRUCTURED, 263.0));
    }

    @Test
    void anExampleThatDidOtherWorkOrMissedAModeIsAnError() {
        assertThatThrownBy(() -> FidelityCommand.parseExample("virtual    999 bodies in 272 ms  in input order", URL_FETCH))
                .hasMessageContaining("did not do the harness's work (1000 tasks)");
        assertThatThrownBy(() -> FidelityCommand.parseExample("virtual    1000 bodies in 272 ms  WRONG ORDER", URL_FETCH))
                .hasMessageContaining("did not do the harness's work");
        assertThatThrownBy(() -> FidelityCommand.parseExample("virtual    1000 bodies in 272 ms  in input order", URL_FETCH))
                .hasMessageContaining("not for each mode");
        assertThatThrownBy(() -> FidelityCommand.parseExample("sideways   1000 bodies in 272 ms  in input order", URL_FETCH))
                .isInstanceOf(FidelityCommand.CannotCompare.class).hasMessageContaining("a form that is not a mode");
    }

    @Test
    void thePairedRatioIsTheHarnessOverTheExamplePairByPair() {
        FidelityCommand.Times times = new FidelityCommand.Times(List.of(100.0, 200.0, 400.0), List.of(110.0, 180.0, 400.0));
        assertThat(times.ratios()).containsExactly(1.1, 0.9, 1.0);
        assertThat(FidelityCommand.median(times.ratios())).isEqualTo(1.0);
        assertThat(FidelityCommand.median(List.of(1.0, 2.0, 4.0, 3.0))).isEqualTo(2.5);
    }

    @Test
    void theMediansIntervalIsTheTextbooksOrderStatistics() {
        List<Double> fifteen = java.util.stream.IntStream.rangeClosed(1, 15).mapToObj(i -> (double) (16 - i)).toList(); // 15 down to 1
        assertThat(FidelityCommand.medianInterval(fifteen)).containsExactly(4.0, 12.0); // x(4), x(12): 96.5%
        List<Double> nine = java.util.stream.IntStream.rangeClosed(1, 9).mapToObj(i -> (double) i).toList();
        assertThat(FidelityCommand.medianInterval(nine)).containsExactly(2.0, 8.0); // x(2), x(8): 96.1%
        List<Double> six = java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(i -> (double) i).toList();
        assertThat(FidelityCommand.medianInterval(six)).containsExactly(1.0, 6.0); // the whole range: 96.9%
        assertThatThrownBy(() -> FidelityCommand.medianInterval(List.of(1.0, 2.0, 3.0, 4.0, 5.0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairsTheRealExampleWithTheHarnessAndLeavesNoCompiledFilesBehind() throws IOException {
        long before = fidelityFolders();
        Result result = LoomCliTest.loom("fidelity", "url-fetch", "--pairs", "1", "--warmup", "0");

        assertThat(result.code()).as(result.err()).isZero();
        List<String> rows = result.out().lines().toList();
        assertThat(rows.get(0)).startsWith("mode").contains("overhead: median (range; 6 pairs or more give a 95% interval)");
        assertThat(rows.subList(1, 4)).extracting(row -> row.split("\\s+")[0]).containsExactly("platform", "virtual", "structured");
        assertThat(result.out()).contains("1 pair after 0 warm-up pairs in one JVM: E11_UrlFetch.java");
        assertThat(fidelityFolders()).isEqualTo(before);
    }

    @Test
    void theRatioComesFromTheExamplesOwnClock(@TempDir Path dir) throws IOException {
        fakeExample(dir, "pool(50)   1000 bodies in  100000 ms", "virtual    1000 bodies in  100000 ms", "structured 1000 bodies in  100000 ms");
        Result result = LoomCliTest.loom("fidelity", "url-fetch", "--pairs", "1", "--warmup", "0", "--examples", dir.toString());

        assertThat(result.code()).as(result.err()).isZero();
        // The harness's real runs take about a second, against the fake's claimed 100 s: a ratio near -99%.
        assertThat(result.out().lines().skip(1).limit(3)).allSatisfy(row -> assertThat(row).contains("100000 (100000-100000)").contains("-9"));
    }

    @Test
    void anExampleThatDoesNotCompileFailsWithOneLineAndLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("E11_Broken.java"), "public class E11_Broken {\n    void main( {\n}\n");
        long before = fidelityFolders();
        Result result = LoomCliTest.loom("fidelity", "url-fetch", "--pairs", "1", "--warmup", "0", "--examples", dir.toString());

        assertThat(result.code()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
        assertThat(result.errLines()).singleElement().asString().startsWith("loom: fidelity: could not compile").contains("line 2");
        assertThat(result.out()).isEmpty();
        assertThat(fidelityFolders()).isEqualTo(before);
    }

    @Test
    void anExampleDoingOtherWorkFailsWithOneLine(@TempDir Path dir) throws IOException {
        fakeExample(dir, "pool(50)   10 bodies in  100 ms", "virtual    10 bodies in  100 ms", "structured 10 bodies in  100 ms");
        Result result = LoomCliTest.loom("fidelity", "url-fetch", "--pairs", "1", "--warmup", "0", "--examples", dir.toString());

        assertThat(result.code()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
        assertThat(result.errLines()).singleElement().asString().startsWith("loom: fidelity: E11 did not do the harness's work");
    }
}
