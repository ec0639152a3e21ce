package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scripts/jdk-facts} runs the programs behind migration.md's facts, each in a fresh JVM: on this JDK every
 * fact it checks holds, and a program that says its fact does not hold fails the run by name. The second case runs
 * from a checkout of the script whose programs are stand-ins that print their name.
 */
class JdkFactsScriptTest {

    /** The programs the script runs, in its order, read from its list of facts: a stand-in of each is made below. */
    static final List<String> PROGRAMS = programs();

    static List<String> programs() {
        try {
            java.util.regex.Pattern entry = java.util.regex.Pattern.compile("^\\s+\"[^|\"]*\\|[^|\"]*\\|(\\w+)");
            return Files.readAllLines(Path.of("scripts/jdk-facts")).stream()
                    .map(entry::matcher)
                    .filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every program beside the script is one it runs: one added and not listed would never be run. */
    @Test
    void itRunsEveryProgramOfItsFolder() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("scripts/migration.d"))) {
            assertThat(PROGRAMS)
                    .isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(
                            files.map(f -> f.getFileName().toString())
                                    .filter(name -> name.endsWith(".java"))
                                    .map(name -> name.substring(0, name.length() - ".java".length()))
                                    .toList());
        }
    }

    @Test
    void everyFactItChecksHoldsOnThisJdk(@TempDir Path dir) throws Exception {
        Commands.Ran ran = Commands.run(dir, Path.of("."), List.of("bash", "scripts/jdk-facts"));

        assertThat(ran.exit()).as(ran.output()).isZero();
        assertThat(ran.output())
                .contains(
                        "J6 holds",
                        "J8 holds",
                        "J9 holds",
                        "J10 holds",
                        "J11 holds",
                        "J17 holds",
                        "row 13's fact holds",
                        "virtual fired after")
                .doesNotContain("does not hold")
                .contains(
                        "jdk-facts: all " + PROGRAMS.size() + " ran; every fact checked holds on openjdk version \"25");
    }

    @Test
    void aFactThatDoesNotHoldFailsTheRunByName(@TempDir Path dir) throws Exception {
        Path checkout = checkout(
                dir, "FileReadHoldsCarrier", "System.out.println(\"J8 does not hold here\");" + " System.exit(1);");

        Commands.Ran ran = Commands.run(dir, checkout, List.of("bash", "scripts/jdk-facts"));

        assertThat(ran.exit()).as(ran.output()).isEqualTo(1);
        assertThat(ran.output())
                .contains("== J6: UnseenByThreadMxBean\n   UnseenByThreadMxBean ran\n")
                .contains("== J8: FileReadHoldsCarrier\n   J8 does not hold here\n")
                .contains("== row 14: TimerBehindHogs\n   TimerBehindHogs ran\n") // the others still run
                .endsWith("jdk-facts: 1 of " + PROGRAMS.size() + " did not hold or did not run: J8 (exit 1)\n");
    }

    /**
     * J8's program stopped by a signal leaves no FIFO behind: it deleted its folder of {@code java.io.tmpdir} in a
     * finally, which a JVM ended by a signal does not run, so {@code scripts/jdk-facts} stopped during J8 (its TERM to
     * the program, or Ctrl-C's INT) left {@code /tmp/file-read-holds-carrierNNNN/fifo} (a review). Here the program
     * holds its read for ten minutes, in a temporary folder of its own, and is signalled once its FIFO is there.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    @org.junit.jupiter.api.Timeout(120) // backstop only
    void j8sProgramStoppedByASignalLeavesNoFifo(String signal, @TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Process program = new ProcessBuilder(
                        "env", // INT as a foreground command gets it, where this JVM's parent may ignore it
                        "--default-signal=INT",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djdk.virtualThreadScheduler.parallelism=1",
                        "-Djava.io.tmpdir=" + tmp,
                        "scripts/migration.d/FileReadHoldsCarrier.java",
                        "600000")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile())
                .start();
        try {
            // the FIFO in the folder the other process writes is the state waited for; the method's timeout a backstop
            dev.loompatterns.testing.Background.awaitUntil(() -> fifoIn(tmp) || !program.isAlive());
            assertThat(fifoIn(tmp))
                    .as(Files.readString(dir.resolve("output.txt")))
                    .isTrue();

            ScriptsStopTest.kill("-" + signal, program.pid());

            assertThat(program.waitFor(ScriptsStopTest.BACKSTOP.toSeconds(), TimeUnit.SECONDS))
                    .isTrue();
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left).as("left in java.io.tmpdir").isEmpty();
            }
        } finally {
            Commands.stop(program); // its children too (J8's mkfifo, a java)
        }
    }

    private static boolean fifoIn(Path tmp) {
        try (Stream<Path> folders = Files.list(tmp)) {
            return folders.anyMatch(folder -> Files.exists(folder.resolve("fifo")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A checkout of the script and what it sources, with a stand-in for each program: it prints its name, or runs
     * {@code body} for the one named {@code special}.
     */
    static Path checkout(Path dir, String special, String body) throws IOException {
        Path checkout = ScriptsStopTest.checkout(dir, "jdk-facts", "find-jdk.sh", "stoppable.sh");
        Path programs = Files.createDirectories(checkout.resolve("scripts/migration.d"));
        for (String program : PROGRAMS) {
            String main = program.equals(special) ? body : "System.out.println(\"" + program + " ran\");";
            Files.writeString(
                    programs.resolve(program + ".java"),
                    "public class " + program + " { public static void main(String[] args) throws Exception { " + main
                            + " } }\n");
        }
        return checkout;
    }
}
