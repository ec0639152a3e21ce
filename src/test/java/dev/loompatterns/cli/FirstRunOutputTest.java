package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a user's first run prints, in a JVM of its own: the table, and nothing from the libraries
 * the patterns use. In-process tests cannot see this, since the suite's JVM has long since set
 * those libraries up.
 */
class FirstRunOutputTest {

    /**
     * Every way of the context pattern clears logging's MDC on its task threads, so SLF4J must be
     * bound before they start: bound by the first of many threads at once, it hands the others a
     * temporary MDC and says so on stderr ("SLF4J(I): Temporary mdcAdapter given by ...").
     */
    @Test
    void aFirstRunOfTheContextPatternPrintsNothingOfItsLogging() throws Exception {
        ChildJvm.Result result = ChildJvm.run(
                ChildJvm.Launch.plain(
                        List.of("--enable-preview"),
                        LoomCli.class,
                        List.of("run", "context", "--variant", "propagated")),
                Duration.ofSeconds(60));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout())
                .filteredOn(line -> line.startsWith("context "))
                .hasSize(3); // a row a mode
        assertThat(result.stderr()).doesNotContain("SLF4J");
    }
}
