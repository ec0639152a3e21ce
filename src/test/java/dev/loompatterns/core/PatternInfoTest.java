package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PatternInfoTest {

    private static final Variant A = Variant.of("a", "first");
    private static final Variant B = Variant.of("b", "second");

    @Test
    void withNothingMoreSaidAPatternHasTheDefaultVariantNoParametersAndTheUsualLimits() {
        PatternInfo info = PatternInfo.of(99, "sample", "a sample", "none", 5).build();
        assertThat(info.variants()).containsExactly(Variant.DEFAULT);
        assertThat(info.runByDefault()).containsExactly(Variant.DEFAULT);
        assertThat(info.params()).isEmpty();
        assertThat(info.maxTasks(Mode.PLATFORM)).isEqualTo(Limits.MAX_PLATFORM_THREADS);
        assertThat(info.maxTasks(Mode.VIRTUAL)).isEqualTo(Limits.MAX_TASKS);
    }

    @Test
    void theFirstVariantRunsByDefaultUnlessEveryOneIsAsked() {
        assertThat(PatternInfo.of(99, "s", "s", "none", 5)
                        .variants(A, B)
                        .build()
                        .runByDefault())
                .containsExactly(A);
        assertThat(PatternInfo.of(99, "s", "s", "none", 5)
                        .variants(A, B)
                        .everyVariantByDefault()
                        .build()
                        .runByDefault())
                .containsExactly(A, B);
    }

    @Test
    void taskLimitsPerModeAndADefaultWithinThem() {
        PatternInfo pooled =
                PatternInfo.of(99, "s", "s", "none", 5).maxTasks(1_000, 2_000).build();
        assertThat(pooled.maxTasks(Mode.PLATFORM)).isEqualTo(1_000);
        assertThat(pooled.maxTasks(Mode.VIRTUAL)).isEqualTo(2_000);
        assertThatThrownBy(() ->
                        PatternInfo.of(99, "s", "s", "none", 5).maxTasks(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default tasks 5 outside 1..4");
        assertThatThrownBy(
                        () -> PatternInfo.of(99, "s", "s", "none", 5).variants().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one variant");
    }

    @Test
    void aVariantIsFoundByItsExactIdOrTheMessageListsThem() {
        PatternInfo info =
                PatternInfo.of(99, "s", "s", "none", 5).variants(A, B).build();
        assertThat(info.variant("b")).isSameAs(B);
        assertThatThrownBy(() -> info.variant("B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pattern s has no variant 'B'; its variants are a, b");
    }

    @Test
    void theCatalogueFileFillsTheBuilderAndTheClassAddsItsTypedParts() {
        Param increments = Param.ofInt("increments", "increments per worker", 10_000, 1, 10_000_000);
        PatternInfo info =
                PatternInfo.fromCatalogue("lock-counter").params(increments).build();
        assertThat(info.number()).isEqualTo(6);
        assertThat(info.title()).isEqualTo("a shared counter guarded by a lock");
        assertThat(info.variant("unguarded").wrongWay()).isTrue();
        assertThat(info.params()).containsExactly(increments);
        assertThatThrownBy(() -> PatternInfo.fromCatalogue("no-such-pattern"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pattern 'no-such-pattern' has no block in catalogue.txt");
    }

    /** Rows come out platform, virtual, structured: a pattern's modes iterate in Mode order. */
    @Test
    void everyPatternRunsInEveryModeInModeOrder() {
        for (Pattern pattern : Catalogue.load().patterns()) {
            assertThat(pattern.modes()).as(pattern.id()).containsExactly(Mode.values());
        }
    }
}
