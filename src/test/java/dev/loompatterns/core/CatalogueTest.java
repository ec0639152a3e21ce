package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    /** The ids and their order are a contract (docs/design.md, the catalogue: ids and numbers); the number is the position. */
    static final List<String> DESIGN_IDS = List.of(
            "thread-basics",
            "creation-styles",
            "daemon-threads",
            "thread-config",
            "lifecycle",
            "lock-counter",
            "reentrant-lock",
            "semaphore-pool",
            "event-signal",
            "bounded-buffer",
            "url-fetch",
            "task-queue",
            "exceptions",
            "deadlock",
            "context",
            "race",
            "deadline",
            "pinning",
            "scheduling",
            "backpressure",
            "timer");

    private final Catalogue catalogue = Catalogue.load();

    @Test
    void everyPatternHasADesignIdAndItsCatalogueNumber() {
        assertThat(catalogue.patterns()).isNotEmpty();
        for (Pattern pattern : catalogue.patterns()) {
            assertThat(DESIGN_IDS).contains(pattern.id());
            assertThat(pattern.number()).as(pattern.id()).isEqualTo(DESIGN_IDS.indexOf(pattern.id()) + 1);
        }
    }

    @Test
    void patternsComeInCatalogueOrderWithDistinctIds() {
        assertThat(catalogue.ids())
                .doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> DESIGN_IDS.indexOf(a) - DESIGN_IDS.indexOf(b));
    }

    @Test
    void everyPatternDescribesItself() {
        for (Pattern pattern : catalogue.patterns()) {
            assertThat(pattern.title()).as(pattern.id()).isNotBlank();
            assertThat(pattern.tutorial()).as(pattern.id()).isNotBlank();
        }
    }

    @Test
    void unknownIdNamesTheNearestMatchAndEveryKnownId() {
        assertThatThrownBy(() -> catalogue.find("lock-countr"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("did you mean 'lock-counter'")
                .hasMessageContaining(String.join(", ", catalogue.ids()));
        assertThatThrownBy(() -> catalogue.find("zzzzzzzzzzzzzzzzz"))
                .isInstanceOf(UsageException.class)
                .message()
                .doesNotContain("did you mean");
    }

    @Test
    void editDistanceCountsSingleEdits() {
        assertThat(Catalogue.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(Catalogue.editDistance("", "abc")).isEqualTo(3);
        assertThat(Catalogue.editDistance("same", "same")).isZero();
    }
}
