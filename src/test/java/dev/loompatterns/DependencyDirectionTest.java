package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Dependencies point one way (docs/design.md, Dependency rules): cli -> patterns -> core, with jfr a service that
 * core and cli use. No pattern imports another pattern, core imports no pattern and not cli, and jfr
 * imports nothing of ours but itself. The recording analysis stands apart from the catalogue:
 * analysis uses only jfr (the pin taxonomy), inspect (its reports) only analysis and jfr, and no
 * pattern or core uses either. Checked on the sources' import and qualified-name uses.
 */
class DependencyDirectionTest {

    private static final Path ROOT = Path.of("src/main/java/dev/loompatterns");
    private static final Set<String> SERVICES = Set.of("core", "jfr", "cli", "analysis", "inspect");
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
            default -> to.equals("core") || to.equals("jfr"); // a pattern uses the services, never another pattern or cli
        };
    }

    @Test
    void theCheckSeesEveryPatternPackage() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            assertThat(dirs.map(d -> d.getFileName().toString()).filter(d -> !SERVICES.contains(d)).count()).isGreaterThanOrEqualTo(3);
        }
    }
}
