package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.Commands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The developer scripts refuse a count they cannot run, in one line and exit 2, before running anything: a 20-digit
 * count passed {@code repeat-tests}' check (its {@code [ -lt ]} failed as an error) and {@code seq} then filled the
 * machine's memory; {@code 00} ran nothing and reported it; a pattern number past 64 bits wrapped to pattern 1 (a
 * review, 2026-12-06).
 */
class ScriptsUsageTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "repeat-tests|99999999999999999999",
                "repeat-tests|00",
                "repeat-tests|10000",
                "repeat-tests|-1", // went to Maven as its argument, which failed on it with no line shown
                "harness-fidelity|00",
                "harness-fidelity|1 1000",
                "inspect-benchmark|00 1 1",
                "inspect-benchmark|1000 0 1000",
                "inspect-benchmark|12345678901",
                "inspect-benchmark|3000000000 1 1", // past an int, which the recording program reads
                "inspect-benchmark|1000 1 2147483648",
                "cold-runs|18446744073709551617",
                "jdk-facts|1000"
            })
    void aCountOutOfRangeIsOneLineAndExitTwo(String script, String arguments, @TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/" + script));
        command.addAll(List.of(arguments.split(" ")));
        Commands.Ran ran = Commands.run(dir, Path.of("."), command); // a script that hangs is killed at the backstop
        String printed = ran.output();

        assertThat(ran.exit()).as(printed).isEqualTo(2);
        assertThat(printed.lines().filter(line -> !line.startsWith("loom: building the jar")))
                .as("the script's line, beside the launcher's where cold-runs' 'loom list' built the jar: " + printed)
                .singleElement()
                .asString()
                .contains(arguments.split(" ")[0]);
    }

    /**
     * {@code scripts/repeat-tests} takes Maven's arguments without RUNS, as its usage line {@code [RUNS] [MAVEN
     * ARGS...]} says, and runs the default 20: {@code scripts/repeat-tests -Dtest=X} was refused "give the number of
     * runs first" (a review). Here {@code mvnw} is a stand-in that notes its arguments.
     */
    @Test
    void repeatTestsTakesMavensArgumentsWithoutRuns(@TempDir Path dir) throws Exception {
        Path checkout = ScriptsStopTest.checkout(dir, "repeat-tests", "stoppable.sh");
        ScriptsStopTest.executable(checkout.resolve("mvnw"), """
            #!/bin/sh
            echo "$*" >> runs.txt
            echo "[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"
            """);

        Commands.Ran ran =
                Commands.run(dir, checkout, List.of("bash", "scripts/repeat-tests", "-Dtest=TimerTest", "-o"));

        assertThat(ran.exit()).as(ran.output()).isZero();
        assertThat(ran.output()).endsWith("all 20 runs passed\n");
        assertThat(java.nio.file.Files.readAllLines(checkout.resolve("runs.txt")))
                .hasSize(20)
                .containsOnly("-B test -Dtest=TimerTest -o");
    }

    /**
     * A run that fails before any test shows Maven's own reason: its refusal of an argument, which has no
     * {@code [ERROR]} mark and stands before Maven's usage, was not shown at all (a helper's hunt).
     */
    @Test
    void repeatTestsShowsMavensRefusalOfItsArguments(@TempDir Path dir) throws Exception {
        Path checkout = ScriptsStopTest.checkout(dir, "repeat-tests", "stoppable.sh");
        ScriptsStopTest.executable(checkout.resolve("mvnw"), """
            #!/bin/sh
            echo "Unable to parse command line options: Unrecognized option: $3"
            echo
            echo "usage: mvn [options] [<goal(s)>] [<phase(s)>]"
            exit 1
            """);

        Commands.Ran ran = Commands.run(dir, checkout, List.of("bash", "scripts/repeat-tests", "2", "--nope"));

        assertThat(ran.exit()).as(ran.output()).isEqualTo(1);
        List<String> printed = ran.output()
                .lines()
                .filter(line -> !line.startsWith("scripts/repeat-tests: run "))
                .toList();
        assertThat(printed).as(ran.output()).hasSize(2);
        assertThat(printed.getFirst()).matches("run 1/2 FAILED after \\d+ s; see target/repeat-tests/run-1.log:");
        assertThat(printed.getLast()).isEqualTo("Unable to parse command line options: Unrecognized option: --nope");
    }

    /**
     * A run with many failures shows its first 20 lines of them and nothing else: cut off by {@code head} under
     * {@code pipefail}, the search counted as failed, and the log's tail was printed beneath (a review).
     */
    @Test
    void repeatTestsShowsTwentyFailuresAndNoMore(@TempDir Path dir) throws Exception {
        Path checkout = ScriptsStopTest.checkout(dir, "repeat-tests", "stoppable.sh");
        ScriptsStopTest.executable(checkout.resolve("mvnw"), """
            #!/bin/sh
            seq 1 3000 | sed 's/^/[ERROR]   failure /'
            echo "the log's last line"
            exit 1
            """);

        Commands.Ran ran = Commands.run(dir, checkout, List.of("bash", "scripts/repeat-tests", "1"));

        assertThat(ran.exit()).as(ran.output()).isEqualTo(1);
        List<String> printed = ran.output()
                .lines()
                .filter(line -> !line.startsWith("scripts/repeat-tests: run ") && !line.startsWith("run 1/1 FAILED"))
                .toList();
        assertThat(printed).as(ran.output()).hasSize(20).allMatch(line -> line.startsWith("[ERROR]   failure "));
    }
}
