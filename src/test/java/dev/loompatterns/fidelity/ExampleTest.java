package dev.loompatterns.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleTest {

    private static final Pairing URL_FETCH = Pairing.of("url-fetch");

    @Test
    void readsATimePerModeFromTheExamplesLines() throws CannotCompare {
        Map<Mode, Double> times = Example.parse("""
            pool(50)   1000 bodies in  1054 ms  in input order
            virtual    1000 bodies in   272 ms  in input order
            structured 1000 bodies in   263 ms  in input order
            """, URL_FETCH);
        assertThat(times)
                .containsExactly(
                        Map.entry(Mode.PLATFORM, 1054.0),
                        Map.entry(Mode.VIRTUAL, 272.0),
                        Map.entry(Mode.STRUCTURED, 263.0));
    }

    @Test
    void anExampleThatDidOtherWorkOrMissedAModeIsAnError() {
        assertThatThrownBy(() -> Example.parse("virtual    999 bodies in 272 ms  in input order", URL_FETCH))
                .hasMessageContaining("did not do the harness's work (1000 tasks)");
        assertThatThrownBy(() -> Example.parse("virtual    1000 bodies in 272 ms  WRONG ORDER", URL_FETCH))
                .hasMessage("E11 failed its own check: virtual    1000 bodies in 272 ms  WRONG ORDER");
        assertThatThrownBy(() -> Example.parse("virtual    1000 bodies in 272 ms  in input order", URL_FETCH))
                .hasMessageContaining("not for each mode");
        assertThatThrownBy(() -> Example.parse("sideways   1000 bodies in 272 ms  in input order", URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessageContaining("a form that is not a mode");
    }

    @Test
    void thePairedRatioIsTheHarnessOverTheExamplePairByPair() {
        Times times = new Times(List.of(100.0, 200.0, 400.0), List.of(110.0, 180.0, 400.0));
        assertThat(times.ratios()).containsExactly(1.1, 0.9, 1.0);
    }

    /**
     * Ctrl-C before the example compiles is an interrupt, not the example's fault: before, javac, whose
     * reads the interrupt breaks, failed with "cannot access java.util.List" and fidelity blamed the example
     * (or javac crashed, its stack trace printed). compile() says it was interrupted, leaves no class
     * folder, and does not start javac: an interrupted javac closes the channels of the JDK's class files it
     * caches for the JVM's life, and every later compile in this test JVM failed
     * (FidelityCommandTest, after this test, in a fresh clone's .ci/run).
     */
    @Test
    void anInterruptWhileCompilingIsAnInterruptNotTheExamplesFault(@TempDir Path tmp) throws Exception {
        Path source = Fidelity.exampleSource(Path.of("examples"), Pairing.of("thread-basics"));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Example.compile(source, tmp)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted(); // not left set for the next test
        }
        try (Stream<Path> left = Files.list(tmp)) { // its own folder: the shared one has other JVMs' too
            assertThat(left).as("class folders left").isEmpty();
        }
    }
}
