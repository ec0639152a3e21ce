package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternInfoTest {

    private static final PatternInfo BASE = PatternInfo.of(99, "sample", "a sample", "none", 5);

    /** Rows come out platform, virtual, structured whatever order the modes were given in. */
    @Test
    void modesIterateInModeOrder() {
        PatternInfo reversed = new PatternInfo(
                99,
                "sample",
                "a sample",
                "none",
                5,
                10,
                10,
                new LinkedHashSet<>(List.of(Mode.STRUCTURED, Mode.VIRTUAL, Mode.PLATFORM)),
                List.of(Variant.DEFAULT),
                List.of(Variant.DEFAULT),
                List.of());
        assertThat(reversed.modes()).containsExactly(Mode.PLATFORM, Mode.VIRTUAL, Mode.STRUCTURED);
        assertThat(BASE.withModes(Mode.STRUCTURED, Mode.PLATFORM).modes())
                .containsExactly(Mode.PLATFORM, Mode.STRUCTURED);
    }

    @Test
    void theFirstVariantRunsByDefaultUnlessSaidOtherwise() {
        Variant a = Variant.of("a", "first");
        Variant b = Variant.of("b", "second");
        assertThat(BASE.withVariants(a, b).runByDefault()).containsExactly(a);
        assertThat(BASE.withVariants(a, b).withRunByDefault(a, b).runByDefault())
                .containsExactly(a, b);
        assertThatThrownBy(() -> BASE.withVariants(a).withRunByDefault(b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not have");
    }

    @Test
    void taskLimitsPerModeAndADefaultWithinThem() {
        PatternInfo pooled = BASE.withMaxTasks(1_000, 2_000);
        assertThat(pooled.maxTasks(Mode.PLATFORM)).isEqualTo(1_000);
        assertThat(pooled.maxTasks(Mode.VIRTUAL)).isEqualTo(2_000);
        assertThat(BASE.maxTasks(Mode.PLATFORM)).isEqualTo(Limits.MAX_PLATFORM_THREADS);
        assertThatThrownBy(() -> BASE.withMaxTasks(4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default tasks 5 outside 1..4");
    }
}
