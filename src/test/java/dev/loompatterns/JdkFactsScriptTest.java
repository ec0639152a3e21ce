package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
