package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void oneIsSaidInTheSingularAndEveryOtherCountInThePlural() {
        assertThat(Words.count(1, "body", "bodies")).isEqualTo("1 body");
        assertThat(Words.count(0, "body", "bodies")).isEqualTo("0 bodies");
        assertThat(Words.count(2, "table", "tables")).isEqualTo("2 tables");
        assertThat(Words.count(-1, "table", "tables")).isEqualTo("-1 tables");
        assertThat(Words.count(1_000_000, "cancel", "cancels")).isEqualTo("1000000 cancels");
    }
}
