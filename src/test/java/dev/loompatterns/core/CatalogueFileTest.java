package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.CatalogueFile.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser of {@code catalogue.txt}: what a well-formed file says, and the line a malformed one fails at. */
class CatalogueFileTest {

    private static final String GOOD = """
        # a comment, then a blank line

        1 first
          title      the first: with 'quotes', a # and  two blanks
          tutorial   what the tutorial did
          tasks      1_000
          task       a worker that does  one thing

        2 second-one
          # a comment inside a block
          title     the second
          tutorial  another tutorial
          tasks     5
          task      an item
          by-default every-variant
          variant    plain      a plain way
          wrong-way  broken-way  the wrong way:  kept as written
        """;

    @Test
    void aWellFormedFileGivesItsBlocksInOrder() {
        CatalogueFile file = CatalogueFile.parse("test.txt", GOOD);

        assertThat(file.entries()).extracting(entry -> entry.info().id()).containsExactly("first", "second-one");
        Entry first = file.entry("first");
        assertThat(first.line()).isEqualTo(3);
        assertThat(first.info().number()).isEqualTo(1);
        assertThat(first.info().title()).isEqualTo("the first: with 'quotes', a # and  two blanks");
        assertThat(first.info().tutorial()).isEqualTo("what the tutorial did");
        assertThat(first.info().defaultTasks()).isEqualTo(1_000);
        assertThat(first.info().task()).isEqualTo("a worker that does  one thing");
        assertThat(first.info().variants()).as("a block with no variant line").containsExactly(Variant.DEFAULT);
        assertThat(first.info().everyVariantByDefault()).isFalse();

        Entry second = file.entry("second-one");
        assertThat(second.info().variants())
                .containsExactly(
                        Variant.of("plain", "a plain way"),
                        Variant.wrongWay("broken-way", "the wrong way:  kept as written"));
        assertThat(second.info().everyVariantByDefault()).isTrue();
    }

    @Test
    void aBlockBuildsThePatternInfoItDescribes() {
        CatalogueFile file = CatalogueFile.parse("test.txt", GOOD);

        PatternInfo first = file.entry("first").builder().build();
        assertThat(first)
                .isEqualTo(PatternInfo.of(
                                1,
                                "first",
                                "the first: with 'quotes', a # and  two blanks",
                                "what the tutorial did",
                                1_000)
                        .task("a worker that does  one thing")
                        .build());
        assertThat(first.variants()).containsExactly(Variant.DEFAULT);

        PatternInfo second = file.entry("second-one").builder().maxTasks(50).build();
        assertThat(second.runByDefault()).extracting(Variant::id).containsExactly("plain", "broken-way");
        assertThat(second.maxTasks(Mode.PLATFORM)).isEqualTo(50);
        assertThat(second.task()).isEqualTo("an item");
    }

    /**
     * A default above the usual platform limit is the pattern class's to allow, with limits of its own: the file's
     * entry holds no limit, and the build checks the class's. Since the entry holds a PatternInfo, a default of 30,000
     * failed the whole file's read with the usual limit of 20,000.
     */
    @Test
    void theDefaultTasksAreCheckedAgainstThePatternClasssLimitsNotTheFiles() {
        CatalogueFile file =
                CatalogueFile.parse("test.txt", "9 many\n  title t\n  tutorial u\n  tasks 30_000\n  task i\n");
        assertThat(file.entry("many").builder().maxTasks(50_000).build().defaultTasks())
                .isEqualTo(30_000);
        assertThatThrownBy(() -> file.entry("many").builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("many: default tasks 30000 outside 1..20000");
    }

    @Test
    void windowsLineEndsAndTabsReadTheSame() {
        String crlf = GOOD.replace("\n", "\r\n").replace("  tasks     5", "\ttasks\t5");
        CatalogueFile file = CatalogueFile.parse("test.txt", crlf);
        assertThat(file.entries())
                .isEqualTo(CatalogueFile.parse("test.txt", GOOD).entries());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstLine() {
        assertThat(CatalogueFile.parse("test.txt", "\uFEFF" + GOOD).entries())
                .isEqualTo(CatalogueFile.parse("test.txt", GOOD).entries());
    }

    @Test
    void anIdNotInTheFileNamesTheIdsThatAre() {
        CatalogueFile file = CatalogueFile.parse("test.txt", GOOD);
        assertThatThrownBy(() -> file.entry("third"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pattern 'third' has no block in catalogue.txt")
                .hasMessageEndingWith("its ids are first, second-one");
    }

    /** Each case: the text after a good first block (lines 1-5), and the message it fails with. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        2 b\\n  title t\\n  tutorial u\\n  tasks 1\\n  task w\\n  titel x                                               | test.txt line 11: unknown field 'titel' in b; the fields are title, tutorial, tasks, task, variant, wrong-way, by-default
        2 b\\n  title t\\n  tutorial u\\n  tasks 1\\n  task w\\n  title again                                           | test.txt line 11: a second title for b
        2 b\\n  title\\n  tutorial u\\n  tasks 1\\n  task w                                                             | test.txt line 7: title of b has no value
        2 b\\n  tutorial u\\n  tasks 1\\n  task w                                                                       | test.txt line 6: pattern b has no title
        2 b\\n  title t\\n  tasks 1\\n  task w                                                                          | test.txt line 6: pattern b has no tutorial
        2 b\\n  title t\\n  tutorial u                                                                                  | test.txt line 6: pattern b has no tasks
        2 b\\n  title t\\n  tutorial u\\n  tasks many\\n  task w                                                        | test.txt line 9: tasks 'many' is not a whole number
        2 b\\n  title t\\n  tutorial u\\n  tasks 99999999999\\n  task w                                                 | test.txt line 9: tasks '99999999999' is too large
        2 b\\n  title t\\n  tutorial u\\n  tasks 0\\n  task w                                                           | test.txt line 9: tasks '0' must be at least 1
        2 a\\n  title t\\n  tutorial u\\n  tasks 1\\n  task w                                                           | test.txt line 6: pattern id 'a' again (first at line 1)
        1 b\\n  title t\\n  tutorial u\\n  tasks 1\\n  task w                                                           | test.txt line 6: number 1 again, for b (a has it, at line 1)
        2 b c\\n  title t                                                                                               | test.txt line 6: '2 b c' is not a pattern's '<number> <id>' line (a field is indented)
        b\\n  title t                                                                                                   | test.txt line 6: 'b' is not a pattern's '<number> <id>' line (a field is indented)
        x b\\n  title t                                                                                                 | test.txt line 6: number 'x' is not a whole number
        2 Big_Id\\n  title t                                                                                            | test.txt line 6: pattern id 'Big_Id' is not lower-case words joined by dashes
        2 b\\n  title t\\n  tutorial u\\n  tasks 1\\n  task w\\n  variant lonely                                        | test.txt line 11: variant of b has no description: 'variant <id> <description>'
        2 b\\n  title t\\n  tutorial u\\n  tasks 1\\n  task w\\n  wrong-way X y                                         | test.txt line 11: variant id 'X' is not lower-case words joined by dashes
        2 b\\n  title t\\n  tutorial u\\n  tasks 1\\n  task w\\n  variant v d\\n  wrong-way v e                         | test.txt line 12: variant 'v' of b again
        2 b\\n  title t\\n  tutorial u\\n  tasks 1\\n  task w\\n  by-default first                                      | test.txt line 11: by-default of b is 'first'; the only value is every-variant
        2 b\\n  title t\\n  tutorial u\\n  tasks 1\\n  task w\\n  by-default every-variant\\n  by-default every-variant | test.txt line 12: a second by-default for b
        2 b\\n  title t\\n  tutorial u\\n  tasks 1                                                                      | test.txt line 6: pattern b has no task
        2 b\\n  title t\\n  tutorial u\\n  tasks 1\\n  task w\\n  task again                                            | test.txt line 11: a second task for b
        2 b\\n  title t\\n  tutorial u\\n  tasks 1\\n  task                                                             | test.txt line 10: task of b has no value
        """)
    void aMalformedFileFailsNamingTheLine(String rest, String message) {
        String text = "1 a\n  title t\n  tutorial u\n  tasks 1\n  task w\n" + rest.replace("\\n", "\n");
        assertThatThrownBy(() -> CatalogueFile.parse("test.txt", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aFieldBeforeAnyBlockIsMalformed() {
        assertThatThrownBy(() -> CatalogueFile.parse("test.txt", "# header\n  title t\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.txt line 2: a field before the first pattern's '<number> <id>' line");
    }

    @Test
    void anEmptyFileHasNoBlocks() {
        assertThat(CatalogueFile.parse("test.txt", "# nothing yet\n").entries()).isEmpty();
    }
}
