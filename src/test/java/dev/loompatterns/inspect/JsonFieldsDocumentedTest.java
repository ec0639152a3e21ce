package dev.loompatterns.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/inspect.md's table of the JSON's {@code details} names nothing the rules cannot write: every name in it is a
 * string the rules' code holds (a removed or renamed field left in the table fails here). The other way, that every
 * name a report holds is in the table, is {@code InspectCommandTest}'s.
 */
class JsonFieldsDocumentedTest {

    /** A name as the JSON's details spell them, in backquotes: lower case, digits and underscores. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("`([a-z][a-z0-9_]*)`");

    /** The table's words in backquotes that are no field or value: the JDK's tool. */
    private static final Set<String> NOT_NAMES = Set.of("jfr");

    @Test
    void everyNameTheTableGivesIsOneTheRulesWrite() throws IOException {
        String docs = Files.readString(Path.of("docs", "inspect.md"));
        String fields = docs.substring(docs.indexOf("<a id=\"json-fields\"></a>"));
        String rows = fields.lines().filter(line -> line.startsWith("| `")).collect(Collectors.joining("\n"));
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(rows);
        while (name.find()) {
            names.add(name.group(1));
        }
        names.removeAll(NOT_NAMES);
        String code = code(Path.of("src/main/java/dev/loompatterns/analysis"))
                + code(Path.of("src/main/java/dev/loompatterns/jfr")); // PinOrigin's and PinCause's values

        assertThat(names).as("names in the table").hasSizeGreaterThan(60);
        assertThat(names)
                .allSatisfy(each -> assertThat(code)
                        .as("docs/inspect.md's `%s`, a string of the rules' code (a list's NAME_total: its NAME)", each)
                        .contains("\"" + each.replaceFirst("_total$", "") + "\""));
    }

    private static String code(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> {
                        try {
                            return Files.readString(file);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .collect(Collectors.joining("\n"));
        }
    }
}
