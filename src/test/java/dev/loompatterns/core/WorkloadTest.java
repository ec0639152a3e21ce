package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    private static final Param SLEEP_MS = Param.ofInt("sleep-ms", "sleep", 100, 0, 1_000);
    private static final Param URLS = Param.ofText("urls", "urls", "");

    private final Pattern pattern = new Pattern() {
        @Override
        public PatternInfo info() {
            return PatternInfo.of(99, "sample", "a sample", "none", 7)
                    .params(SLEEP_MS, URLS)
                    .build();
        }

        @Override
        public Check run(Mode mode, Variant variant, Workload workload) {
            return Check.passed("ran");
        }
    };

    @Test
    void defaultsFillEveryParameterAndTheTaskCount() {
        Workload workload = Workload.resolve(pattern, Mode.VIRTUAL, null, Map.of());
        assertThat(workload.tasks()).isEqualTo(7);
        assertThat(workload.intValue(SLEEP_MS)).isEqualTo(100);
        assertThat(workload.text(URLS)).isEmpty();
    }

    @Test
    void givenValuesOverrideDefaults() {
        Workload workload = Workload.resolve(pattern, Mode.VIRTUAL, 3, Map.of("sleep-ms", "1_000"));
        assertThat(workload.tasks()).isEqualTo(3);
        assertThat(workload.millis(SLEEP_MS).toMillis()).isEqualTo(1_000);
        assertThat(workload.values()).containsEntry("sleep-ms", 1_000L); // parsed once, when given
        assertThatThrownBy(() -> workload.text(SLEEP_MS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no text parameter 'sleep-ms'");
    }

    @Test
    void rejectsTaskCountsOutsideTheRangeAndSaysTheRange() {
        // too few in any mode: the mode is not named (with no --mode, the first mode's name misled)
        for (Mode mode : Mode.values()) {
            assertThatThrownBy(() -> Workload.resolve(pattern, mode, 0, Map.of()))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("--tasks must be at least 1, got 0");
        }
        assertThatThrownBy(() -> Workload.resolve(pattern, Mode.VIRTUAL, Limits.MAX_TASKS + 1, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("from 1 to " + Limits.MAX_TASKS);
        assertThatThrownBy(() -> Workload.resolve(pattern, Mode.PLATFORM, Limits.MAX_PLATFORM_THREADS + 1, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("platform thread")
                .hasMessageEndingWith("the virtual mode takes up to " + Limits.MAX_TASKS + ")");
    }

    @Test
    void rejectsUnknownParametersListingTheKnownOnes() {
        assertThatThrownBy(() -> Workload.resolve(pattern, Mode.VIRTUAL, null, Map.of("sleep", "1")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no parameter 'sleep'")
                .hasMessageContaining("sleep-ms (0..1000, default 100)");
    }

    @Test
    void rejectsNonNumbersAndOutOfRangeNumbers() {
        assertThatThrownBy(() -> Workload.resolve(pattern, Mode.VIRTUAL, null, Map.of("sleep-ms", "soon")))
                .isInstanceOf(UsageException.class)
                .hasMessage("sleep-ms for sample must be a whole number from 0 to 1000, got 'soon'");
        assertThatThrownBy(() -> Workload.resolve(pattern, Mode.VIRTUAL, null, Map.of("sleep-ms", "1001")))
                .isInstanceOf(UsageException.class)
                .hasMessage("sleep-ms for sample must be from 0 to 1000, got 1001");
        assertThatThrownBy(
                        () -> Workload.resolve(pattern, Mode.VIRTUAL, null, Map.of("sleep-ms", "99999999999999999999")))
                .isInstanceOf(UsageException.class)
                .as("a whole number, beyond a long: its range said, not 'must be a whole number'")
                .hasMessage("sleep-ms for sample must be from 0 to 1000, got 99999999999999999999");
    }
}
