package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Catalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (docs/design.md, Dependency rules): cli -> (engine, scale, fidelity, threaddump)
 * -> core, patterns -> threaddump -> core, and cli -> inspect -> analysis -> jfr, with jfr a service that core
 * and the rest use; the CLI reaches the patterns through core's catalogue. No pattern imports
 * another pattern, core imports no pattern and not cli, and jfr imports nothing of ours but itself.
 * The measuring engine (sessions, rows, their formats and statistics) uses core and jfr; fidelity
 * and scale use the engine; the thread-dump model uses only core and jfr, and is the one package
 * besides them that a pattern may use (deadlock reads dumps with it). No pattern uses cli, the
 * engine, fidelity or scale. The recording analysis stands apart from the catalogue: analysis uses
 * only jfr (the pin taxonomy), inspect (its reports) only analysis and jfr, and no pattern or core
 * uses either. Nothing imports cli, and cli holds only picocli commands and option mixins.
 * Checked on the sources' import and qualified-name uses.
 */
class DependencyDirectionTest {

    private static final Path ROOT = Path.of("src/main/java/dev/loompatterns");
    private static final Set<String> SERVICES =
            Set.of("core", "jfr", "cli", "analysis", "inspect", "engine", "threaddump", "fidelity", "scale");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.loompatterns\\.([a-z]+)\\.");

    @Test
    void dependenciesPointOneWay() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = ROOT.relativize(file).getName(0).toString();
                Matcher uses = REFERENCE.matcher(Files.readString(file));
                while (uses.find()) {
                    String to = uses.group(1);
                    if (!to.equals(from) && !allowed(from, to)) {
                        violations.add(from + " -> " + to + " in " + ROOT.relativize(file));
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static boolean allowed(String from, String to) {
        return switch (from) {
            case "cli" -> true;
            case "jfr" -> false;
            case "core" -> to.equals("jfr");
            case "analysis" -> to.equals("jfr");
            case "inspect" -> to.equals("analysis") || to.equals("jfr");
            case "engine", "threaddump" -> to.equals("core") || to.equals("jfr");
            case "fidelity", "scale" -> to.equals("engine") || to.equals("core") || to.equals("jfr");
            // a pattern uses the services, never another pattern, the engine or cli
            default -> to.equals("core") || to.equals("jfr") || to.equals("threaddump");
        };
    }

    /**
     * The commands' package holds commands, their common base and what picocli fills in for them,
     * nothing that works on its own.
     */
    @Test
    void cliHoldsOnlyCommandsAndOptionMixins() throws IOException {
        List<String> others = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("cli"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                // a command, or the abstract base every command extends (picocli's spec, the catalogue, out and err)
                boolean command = source.contains("\n@Command(")
                        || source.contains("\nabstract class LoomCommand implements Callable<Integer> {");
                boolean options = !command
                        && source.contains("import picocli.CommandLine.Option;")
                        && !source.contains("static void main(")
                        && !source.contains("Callable<")
                        && !source.contains("Runnable");
                if (!command && !options) {
                    others.add(ROOT.relativize(file).toString());
                }
            }
        }
        assertThat(others).as("neither a @Command nor an option mixin").isEmpty();
    }

    @Test
    void theCheckSeesEveryPatternPackage() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            assertThat(dirs.filter(Files::isDirectory)
                            .map(d -> d.getFileName().toString())
                            .filter(d -> !SERVICES.contains(d)))
                    .as("the packages checked as patterns: one per catalogue id, without its dashes")
                    .containsExactlyInAnyOrderElementsOf(Catalogue.load().ids().stream()
                            .map(id -> id.replace("-", ""))
                            .toList());
        }
    }
}
