package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No doc comment stands right above another: the upper one documents nothing (javadoc keeps only the last), and
 * it was always a comment that a new member, inserted between, had cut from its own (a review found six, a test's
 * among them described by the comment of the class above it).
 */
class DocCommentsTest {

    @Test
    void noDocCommentIsLeftAboveAnother() throws IOException {
        List<String> orphans = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java", "src/jmh/java")) {
            if (!Files.isDirectory(Path.of(root))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    orphans.addAll(orphansIn(file, Files.readAllLines(file)));
                }
            }
        }
        assertThat(orphans).as("doc comments with another right below them").isEmpty();
    }

    /** The lines ({@code file:N}) where a doc comment ends and the next line opens another. */
    static List<String> orphansIn(Path file, List<String> lines) {
        List<String> orphans = new ArrayList<>();
        boolean inDoc = false;
        for (int i = 0; i < lines.size() - 1; i++) {
            String line = lines.get(i).strip();
            inDoc |= line.startsWith("/**");
            if (inDoc && line.endsWith("*/")) {
                inDoc = false;
                if (lines.get(i + 1).strip().startsWith("/**")) {
                    orphans.add(file + ":" + (i + 1));
                }
            }
        }
        return orphans;
    }

    @Test
    void theCheckFindsAnOrphanAndPassesOverACommentThatDocumentsItsMember() {
        Path file = Path.of("X.java");
        assertThat(orphansIn(file, List.of("/** Cut from its member. */", "/**", " * The new one.", " */", "int x;")))
                .containsExactly("X.java:1");
        assertThat(orphansIn(file, List.of("/**", " * One.", " */", "int x;", "/** Two. */", "int y;")))
                .isEmpty();
    }
}
