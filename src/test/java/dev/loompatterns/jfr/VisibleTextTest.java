package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleTextTest {

    /** The columns a terminal gives a character: two for CJK, Hangul, full-width forms and emoji, none for a mark. */
    @Test
    void columnsCountWideCharactersTwiceAndMarksNotAtAll() {
        assertThat(VisibleText.columns("abc")).isEqualTo(3);
        assertThat(VisibleText.columns("漢字")).isEqualTo(4);
        assertThat(VisibleText.columns("한국")).isEqualTo(4);
        assertThat(VisibleText.columns("ＡＢ")).isEqualTo(4); // full-width Latin
        assertThat(VisibleText.columns("e\u0301")).isEqualTo(1); // e and a combining acute accent
        assertThat(VisibleText.columns("\uD83D\uDE00")).isEqualTo(2); // an emoji, one code point in two chars
        assertThat(VisibleText.columns("a漢b", 1, 2)).isEqualTo(2);
    }

    /** Where a line from an index must end to take at most so many columns: never inside a wide character's pair. */
    @Test
    void indexAtColumnsStopsBeforeWhatWouldNotFit() {
        assertThat(VisibleText.indexAtColumns("abcdef", 1, 3)).isEqualTo(4);
        assertThat(VisibleText.indexAtColumns("漢字漢字", 0, 5)).isEqualTo(2); // the third would take columns 5 and 6
        assertThat(VisibleText.indexAtColumns("a\uD83D\uDE00b", 0, 2)).isEqualTo(1); // not between the two chars
        assertThat(VisibleText.indexAtColumns("a\uD83D\uDE00b", 0, 3)).isEqualTo(3);
        assertThat(VisibleText.indexAtColumns("ab", 0, 10)).isEqualTo(2);
    }

    /** The characters that reorder a line are written out, marks too, as control characters are. */
    @Test
    void theCharactersThatReorderALineAreWrittenOut() {
        assertThat(VisibleText.of("a\u202eb\u200fc\u061cd\u2066e")).isEqualTo("a\\u202eb\\u200fc\\u061cd\\u2066e");
        assertThat(VisibleText.of("plain 漢字")).isEqualTo("plain 漢字");
    }
}
