package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Pattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The README and the code agree: every relative link resolves, and every pattern has its catalogue row. */
class ReadmeLinksTest {

    private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void everyRelativeLinkPointsToAFileThatExists() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher links = LINK.matcher(readme);
        List<String> broken = new java.util.ArrayList<>();
        int relative = 0;
        while (links.find()) {
            String target = links.group(1);
            if (target.contains("://")) {
                continue;
            }
            relative++;
            if (!Files.exists(Path.of(target))) {
                broken.add(target);
            }
        }
        assertThat(relative).isPositive();
        assertThat(broken).as("README links to files that do not exist").isEmpty();
    }

    @Test
    void everyInPageLinkHasItsAnchor() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher links = java.util.regex.Pattern.compile("\\]\\(#([^)]+)\\)").matcher(readme);
        List<String> missing = new java.util.ArrayList<>();
        while (links.find()) {
            String anchor = links.group(1);
            if (!readme.contains("<a id=\"" + anchor + "\"></a>") && !headingSlugs(readme).contains(anchor)) {
                missing.add(anchor);
            }
        }
        assertThat(missing).as("in-page links without an anchor").isEmpty();
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
    private static List<String> headingSlugs(String readme) {
        return readme.lines().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+ ", "").toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .toList();
    }

    @Test
    void everyPatternHasACatalogueRowLinkingItsEssayExampleAndGuideRow() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (Pattern pattern : Catalogue.load().patterns()) {
            String essay = "src/main/java/dev/loompatterns/" + pattern.id().replace("-", "") + "/package-info.java";
            String row = readme.lines().filter(line -> line.startsWith("| [" + pattern.id() + "](" + essay + ")")).findFirst().orElse("");
            assertThat(row).as("catalogue row for " + pattern.id()).isNotEmpty();
            assertThat(row).as("example link").containsPattern(String.format(java.util.Locale.ROOT, "\\(examples/E%02d_\\w+\\.java\\)", pattern.number()));
            assertThat(row).as("guide link").contains("(#guide-" + pattern.id() + ")");
        }
    }
}
