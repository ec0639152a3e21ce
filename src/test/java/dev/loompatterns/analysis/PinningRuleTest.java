package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.EventEnabled;
import dev.loompatterns.jfr.PinTaxonomy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PinningRuleTest {

    /**
     * A file does not give pins in time order. The timeline keeps the earliest {@value
     * PinningRule#TIMELINE_LIMIT} by start, in time order, which its caption says; it kept the first read.
     */
    @Test
    void theTimelineKeepsTheEarliestPinsInTimeOrderWhateverOrderTheyCameIn() {
        PinningRule rule = new PinningRule();
        int pins = PinningRule.TIMELINE_LIMIT + 500;
        for (int i = pins - 1; i >= 0; i--) { // the latest first: the worst order for a rule that keeps the first
            rule.accept(new Observation.Pinned(
                    1_000_000_000L + i * 1_000L,
                    10_000,
                    new Observation.ThreadRef(100 + i, "", true),
                    "ForkJoinPool-1-worker-1",
                    "Native or VM frame on stack",
                    "Object.wait",
                    List.of(new PinTaxonomy.Frame("com.example.Work", "call", 12, false, false))));
        }
        Finding finding = rule.finish(new Rule.Recording(1_000_000_000L, 2_000_000_000L, pins, -1, "", Map.of()));
        List<Long> times = finding.list("timeline").stream()
                .map(pin -> (Long) ((Map<?, ?>) pin).get("time"))
                .toList();
        assertThat(times).hasSize(PinningRule.TIMELINE_LIMIT).isSorted();
        assertThat(times.getFirst()).isEqualTo(1_000_000_000L);
        assertThat(times.getLast()).isEqualTo(1_000_000_000L + (PinningRule.TIMELINE_LIMIT - 1) * 1_000L);
        assertThat(finding.details()).containsEntry("timeline_complete", false);
    }

    /** No pin: the threshold is named as the settings gave it, a sub-microsecond or non-whole-day one too. */
    @Test
    void noPinsNamesTheThresholdAsTheSettingsGaveIt() {
        assertThat(noPins(Set.of(Duration.ofNanos(500))).explanation())
                .contains("nothing pinned for as long as its threshold, 500 ns.");
        assertThat(noPins(Set.of(Duration.ofNanos(500), Duration.ofHours(36))).explanation())
                .contains("its threshold, which the settings moved between 500 ns and 36 h.");
    }

    private static Finding noPins(Set<Duration> thresholds) {
        return new PinningRule()
                .finish(new Rule.Recording(
                        0,
                        1_000_000_000L,
                        0,
                        -1,
                        "",
                        Map.of("jdk.VirtualThreadPinned", EventEnabled.ON),
                        Map.of("jdk.VirtualThreadPinned", thresholds),
                        Map.of()));
    }
}
