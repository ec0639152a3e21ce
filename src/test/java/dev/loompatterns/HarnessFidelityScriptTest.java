package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.Commands;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/harness-fidelity}'s table, from a checkout whose {@code loom} is a stand-in that prints an example's
 * lines and compare's csv rows.
 */
class HarnessFidelityScriptTest {

    /**
     * With an even REPEAT, both sides' warm figures are one statistic, the upper of the two middle runs, as {@code
     * compare --repeat} takes its row's run ({@code Statistics.medianBy}): the example's side took the mean of the two
     * middle runs, so runs of 100 and 300 ms read 200 against loom's 300, "+50.0%" where the two sides ran alike (a
     * review). The footer says which median it is.
     */
    @Test
    void withAnEvenRepeatBothSidesTakeTheUpperMiddleRun(@TempDir Path dir) throws Exception {
        Path checkout = ScriptsStopTest.checkout(dir, "harness-fidelity", "stoppable.sh");
        ScriptsStopTest.executable(checkout.resolve("loom"), """
            #!/bin/sh
            case "$1" in
              example) # a form's runs: 100 ms, and 300 ms where REPEAT (2) is given
                for form in platform virtual structured; do
                  echo "$form   10000 workers done in  100 ms"
                  [ -z "${3:-}" ] || echo "$form   10000 workers done in  300 ms"
                done ;;
              compare) # its row: the run compare --repeat takes, 300 ms
                echo "pattern,mode,variant,tasks,wall_ms"
                for mode in platform virtual structured; do echo "$2,$mode,default,10000,300"; done ;;
            esac
            """);

        Commands.Ran ran = Commands.run(dir, checkout, List.of("bash", "scripts/harness-fidelity", "1", "2"));

        assertThat(ran.exit()).as(ran.output()).isZero();
        List<String> warm =
                ran.output().lines().filter(line -> line.startsWith("warm ")).toList();
        assertThat(warm)
                .hasSize(6)
                .allSatisfy(row -> assertThat(row.split("\\s+"))
                        .as(row)
                        .containsSubsequence("300", "(300-300)", "300", "(300-300)", "+0.0%"));
        assertThat(ran.output())
                .contains("a median is the middle value, of an even number the upper of the two middle ones, as"
                        + " compare --repeat takes its row's run");
    }
}
