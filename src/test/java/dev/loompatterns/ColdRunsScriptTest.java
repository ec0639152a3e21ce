package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.cli.LoomCli;
import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.testing.Commands;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/cold-runs} runs each variant of each pattern that {@code loom list} shows, in a run of its own, and
 * fails on any that did not exit 0. Run from a checkout of the script alone, beside a fake {@code loom} that prints a
 * short list, or the real one, and records what it was asked to run: no JVM starts.
 */
class ColdRunsScriptTest {

    static final String LIST = """
        #   id               title, then its variants where it has more than one
        01  thread-basics    start workers that sleep, join them all
        06  lock-counter     a shared counter guarded by a lock
                               synchronized, unguarded
        11  url-fetch        fetch many URLs, results in input order
                               default, faults, faults-fail-fast

        'loom list ID' describes a pattern (ID: its id or its number); 'loom run ID' runs it.
        """;

    /** A fake loom: lists {@link #LIST}, appends each run's arguments to runs.txt, and fails one run. */
    static Path checkout(Path dir) throws IOException {
        return checkout(dir, LIST);
    }

    static Path checkout(Path dir, String list) throws IOException {
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.createDirectories(checkout.resolve("scripts"));
        for (String script : List.of("cold-runs", "stoppable.sh")) {
            Files.copy(Path.of("scripts", script), checkout.resolve("scripts").resolve(script));
        }
        Files.writeString(checkout.resolve("list.txt"), list);
        Path loom = checkout.resolve("loom");
        Files.writeString(loom, """
            #!/usr/bin/env bash
            if [ "$1" = list ]; then cat list.txt; exit 0; fi
            shift
            echo "$*" >> runs.txt
            if [ "$*" = "url-fetch --variant faults" ]; then echo "url-fetch  virtual  faults  FAIL: 3 lost"; exit 1; fi
            echo "rows of $*"
            """);
        Files.setPosixFilePermissions(loom, PosixFilePermissions.fromString("rwxr-xr-x"));
        return checkout;
    }

    static Commands.Ran coldRuns(Path dir, Path checkout, String... ids) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("bash", checkout.resolve("scripts/cold-runs").toString()));
        command.addAll(List.of(ids));
        return Commands.run(dir, dir, command);
    }

    @Test
    void runsEveryVariantOfEveryPatternAndFailsOnOneThatFailed(@TempDir Path dir) throws Exception {
        Path checkout = checkout(dir);

        Commands.Ran ran = coldRuns(dir, checkout);

        assertThat(Files.readAllLines(checkout.resolve("runs.txt")))
                .containsExactly(
                        "thread-basics",
                        "lock-counter --variant synchronized",
                        "lock-counter --variant unguarded",
                        "url-fetch --variant default",
                        "url-fetch --variant faults",
                        "url-fetch --variant faults-fail-fast");
        assertThat(ran.exit()).as(ran.output()).isEqualTo(1);
        assertThat(ran.output())
                .contains("FAILED: ./loom run url-fetch --variant faults\n  url-fetch  virtual  faults  FAIL: 3 lost")
                .contains("cold-runs: 6 runs in ")
                .contains(", 1 failed")
                .contains("cold-runs: 6/6 ./loom run url-fetch --variant faults-fail-fast");
    }

    /**
     * Against what {@code loom list} really prints (its id column as wide as the longest id), every variant of every
     * pattern of the catalogue runs once; a pattern of one variant by its id alone.
     */
    @Test
    void theRealListGivesEveryVariantOfEveryPatternOnce(@TempDir Path dir) throws Exception {
        StringWriter list = new StringWriter();
        assertThat(LoomCli.execute(
                        Catalogue.load(), new PrintWriter(list), new PrintWriter(new StringWriter()), "list"))
                .isZero();
        Path checkout = checkout(dir, list.toString());
        List<String> expected = new ArrayList<>();
        for (Pattern pattern : Catalogue.load().patterns()) {
            if (pattern.variants().size() == 1) {
                expected.add(pattern.id());
            } else {
                pattern.variants().forEach(v -> expected.add(pattern.id() + " --variant " + v.id()));
            }
        }

        coldRuns(dir, checkout);

        assertThat(Files.readAllLines(checkout.resolve("runs.txt"))).containsExactlyElementsOf(expected);
    }

    /** A list it cannot read (no pattern line in the form it knows) fails rather than passing on no run at all. */
    @Test
    void aListItCannotReadFailsRatherThanRunningNothing(@TempDir Path dir) throws Exception {
        Path checkout = checkout(dir, "#   id   title\nthread-basics    start workers that sleep\n");

        Commands.Ran ran = coldRuns(dir, checkout);

        assertThat(ran.exit()).as(ran.output()).isEqualTo(1);
        assertThat(ran.output()).contains("could not read the patterns and variants");
        assertThat(checkout.resolve("runs.txt")).doesNotExist();
    }

    /** Named by id or number, in any order and more than once: each runs once, in the catalogue's order. */
    @Test
    void patternsNamedByIdOrNumberRunAloneAndAllPassed(@TempDir Path dir) throws Exception {
        Path checkout = checkout(dir);

        Commands.Ran ran = coldRuns(dir, checkout, "lock-counter", "1", "06");

        assertThat(ran.exit()).as(ran.output()).isZero();
        assertThat(Files.readAllLines(checkout.resolve("runs.txt")))
                .containsExactly(
                        "thread-basics", "lock-counter --variant synchronized", "lock-counter --variant unguarded");
        assertThat(ran.output()).contains("3 runs in ").contains(", 0 failed").doesNotContain("FAILED");
    }

    @Test
    void anUnknownPatternOrOptionIsOneLineAndExitTwoBeforeAnyRun(@TempDir Path dir) throws Exception {
        Path checkout = checkout(dir);

        for (String bad : List.of("nosuch", "22", "--fast")) {
            Commands.Ran ran = coldRuns(dir, checkout, "thread-basics", bad);

            assertThat(ran.exit()).as(bad).isEqualTo(2);
            assertThat(ran.output().lines().toList())
                    .as(bad)
                    .singleElement()
                    .asString()
                    .startsWith("scripts/cold-runs: ")
                    .contains("'" + bad + "'", "usage: scripts/cold-runs [ID...]");
        }
        assertThat(checkout.resolve("runs.txt")).doesNotExist();
    }
}
