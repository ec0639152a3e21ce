package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Pattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README, the docs and the code agree: every relative link of the README and of every markdown
 * file in {@code docs/} resolves, anchors included; every pattern has its catalogue row; the README
 * stays a front door; and no file cites a design document that is not there.
 */
class ReadmeLinksTest {

    static final Path README = Path.of("README.md");
    static final Path DOCS = Path.of("docs");
    static final Path DESIGN = Path.of("docs/design.md");
    /** The front door's budget (issue 17): 20 KB. */
    static final long README_MAX_BYTES = 20 * 1024;

    /** An inline link: the target (file or folder), then an optional #anchor. */
    private static final java.util.regex.Pattern LINK =
            java.util.regex.Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    private static final java.util.regex.Pattern IN_PAGE = java.util.regex.Pattern.compile("\\]\\(#([^)]+)\\)");
    /** A citation of a design document by file name, with whatever path precedes it. */
    private static final java.util.regex.Pattern DESIGN_CITATION =
            java.util.regex.Pattern.compile("([\\w./-]*)\\b(?i:design\\.md)\\b");

    /** README.md and every markdown file under docs/. */
    static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.walk(DOCS)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    @Test
    void everyRelativeLinkPointsToAFileThatExistsAndItsAnchor() throws IOException {
        List<String> broken = new ArrayList<>();
        java.util.Map<Path, Integer> relativeLinks = new java.util.HashMap<>();
        for (Path file : markdownFiles()) {
            Matcher links = LINK.matcher(Files.readString(file));
            int relative = 0;
            while (links.find()) {
                String target = links.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                relative++;
                Path resolved = file.resolveSibling(target).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(file + " -> " + target);
                } else if (links.group(2) != null
                        && target.endsWith(".md")
                        && !anchors(Files.readString(resolved))
                                .contains(links.group(2).substring(1))) {
                    broken.add(file + " -> " + target + links.group(2) + " (no such anchor)");
                }
            }
            relativeLinks.put(file, relative);
        }
        assertThat(relativeLinks.get(README))
                .as("README links into the project and docs/")
                .isPositive();
        assertThat(relativeLinks).as("markdown files read").hasSizeGreaterThan(1);
        assertThat(broken).as("links to files or anchors that do not exist").isEmpty();
    }

    @Test
    void everyInPageLinkHasItsAnchor() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path file : markdownFiles()) {
            String text = Files.readString(file);
            Set<String> anchors = anchors(text);
            Matcher links = IN_PAGE.matcher(text);
            while (links.find()) {
                if (!anchors.contains(links.group(1))) {
                    missing.add(file + "#" + links.group(1));
                }
            }
        }
        assertThat(missing).as("in-page links without an anchor").isEmpty();
    }

    /** The ids a page can be linked to: explicit {@code <a id>} anchors and GitHub's heading anchors. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = java.util.regex.Pattern.compile("<a id=\"([^\"]+)\"></a>")
                .matcher(markdown)
                .results()
                .map(m -> m.group(1))
                .collect(Collectors.toSet());
        anchors.addAll(headingSlugs(markdown));
        return anchors;
    }

    /**
     * GitHub's heading anchors: an ATX heading ({@code #} to {@code ######} and a space) outside a fenced code block,
     * lower case, everything but letters, digits, {@code _}, {@code -} and spaces dropped, spaces to dashes; a slug
     * met again gets {@code -1}, {@code -2} and so on.
     */
    private static List<String> headingSlugs(String markdown) {
        List<String> slugs = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : markdown.lines().toList()) {
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
            } else if (!inFence && line.matches("#{1,6} .*")) {
                String slug = line.replaceFirst("^#+ ", "")
                        .strip()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{M}\\p{N}_ -]", "")
                        .replace(' ', '-');
                int times = seen.merge(slug, 1, Integer::sum);
                slugs.add(times == 1 ? slug : slug + "-" + (times - 1));
            }
        }
        return slugs;
    }

    @Test
    void headingSlugsFollowGitHub() {
        assertThat(anchors("## From Python's `threading`: what is the Java way?\n<a id=\"guide-x\"></a>"))
                .containsExactlyInAnyOrder("from-pythons-threading-what-is-the-java-way", "guide-x");
    }

    @Test
    void headingSlugsSkipCodeFencesNumberRepeatsAndKeepLetters() {
        String markdown = """
            ## Notes
            ```sh
            # not a heading
            ```
            ## Notes
            #hashtag
            ### Über die Pinnung
            """;
        assertThat(anchors(markdown)).containsExactlyInAnyOrder("notes", "notes-1", "über-die-pinnung");
    }

    @Test
    void everyPatternHasACatalogueRowLinkingItsEssayExampleAndGuideRow() throws IOException {
        for (Pattern pattern : Catalogue.load().patterns()) {
            String row = row(README, "", pattern);
            assertThat(row)
                    .as("example link")
                    .containsPattern(String.format(Locale.ROOT, "\\(examples/E%02d_\\w+\\.java\\)", pattern.number()));
            assertThat(row).as("guide link").contains("(#guide-" + pattern.id() + ")");
        }
    }

    /**
     * docs/catalogue.md has each pattern's long row, linking its guide row in migration.md, whose anchor
     * {@link #everyRelativeLinkPointsToAFileThatExistsAndItsAnchor} then requires: a contributor who wrote only the
     * README's rows was told nothing (a review adding a pattern by docs/design.md).
     */
    @Test
    void everyPatternHasItsLongRowInTheCatalogueLinkingItsMigrationRow() throws IOException {
        for (Pattern pattern : Catalogue.load().patterns()) {
            assertThat(row(DOCS.resolve("catalogue.md"), "../", pattern))
                    .as("its migration row")
                    .contains("(migration.md#guide-" + pattern.id() + ")");
        }
    }

    /** The pattern's row in {@code file}: the line that starts with a link to its essay, {@code up} its path's start. */
    private static String row(Path file, String up, Pattern pattern) throws IOException {
        String start = "| [" + pattern.id() + "](" + up + "src/main/java/dev/loompatterns/"
                + pattern.id().replace("-", "") + "/package-info.java)";
        String row = Files.readString(file)
                .lines()
                .filter(line -> line.startsWith(start))
                .findFirst()
                .orElse("");
        assertThat(row)
                .as("%s's row for %s, a line starting %s", file, pattern.id(), start)
                .isNotEmpty();
        return row;
    }

    @Test
    void theReadmeIsAFrontDoorOfAtMost20KiB() throws IOException {
        assertThat(Files.size(README))
                .as("README.md bytes; move detail into docs/")
                .isLessThanOrEqualTo(README_MAX_BYTES);
    }

    /** Comments and docs that cite a design document cite one that exists: docs/design.md. */
    @Test
    void everyCitedDesignDocumentExists() throws IOException {
        List<String> missing = new ArrayList<>();
        int citations = 0;
        for (Path root : List.of(Path.of("src"), DOCS)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile)
                        .filter(ReadmeLinksTest::isText)
                        .toList()) {
                    Matcher cited = DESIGN_CITATION.matcher(Files.readString(file));
                    while (cited.find()) {
                        citations++;
                        String name = cited.group();
                        if (!Files.isRegularFile(Path.of(name))
                                && !Files.isRegularFile(
                                        file.resolveSibling(name).normalize())) {
                            missing.add(file + " cites " + name);
                        }
                    }
                }
            }
        }
        assertThat(citations).as("design citations found").isPositive();
        assertThat(missing)
                .as("citations of a design document that is not in the repository")
                .isEmpty();
        assertThat(DESIGN).isRegularFile();
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java")
                || name.endsWith(".md")
                || name.endsWith(".xml")
                || name.endsWith(".jfc")
                || name.endsWith(".properties")
                || name.endsWith(".txt");
    }
}
