package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DurationsTest {

    /** The thresholds of a recording's settings, as JFR writes them (jdk.ActiveSetting's value). */
    @Test
    void aSettingsTimespanIsReadInEachUnitJfrWritesAndAnythingElseIsNone() {
        assertThat(Durations.timespan("20 ms")).isEqualTo(Duration.ofMillis(20));
        assertThat(Durations.timespan("0 ns")).isEqualTo(Duration.ZERO);
        assertThat(Durations.timespan("15 us")).isEqualTo(Duration.ofNanos(15_000));
        assertThat(Durations.timespan(" 1 s ")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Durations.timespan("2 m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.timespan("1 h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.timespan("3 d")).isEqualTo(Duration.ofDays(3));
        assertThat(Durations.timespan("infinity")).isNull();
        assertThat(Durations.timespan("20 parsecs")).isNull();
        assertThat(Durations.timespan("9999999999999 ms")).isNull(); // more digits than a threshold has
        assertThat(Durations.timespan(null)).isNull();
        assertThat(Durations.timespans(Map.of("a", Set.of("20 ms", "0 ms", "infinity"), "b", Set.of("off"))))
                .containsExactly(Map.entry("a", Set.of(Duration.ZERO, Duration.ofMillis(20))));
    }

    /** A setting's timespan as a person reads it, as the setting says it, whatever its length. */
    @Test
    void aSettingReadsAsItWasGiven() {
        assertThat(Durations.setting(Duration.ZERO)).isEqualTo("0 ms");
        assertThat(Durations.setting(Duration.ofMillis(20))).isEqualTo("20 ms");
        assertThat(Durations.setting(Duration.ofNanos(10_000))).isEqualTo("10 µs");
        assertThat(Durations.setting(Duration.ofDays(200_000)))
                .as("its nanoseconds overflow a long")
                .isEqualTo("200,000 d");
        assertThat(Durations.setting(Duration.ofMillis(1_500))).isEqualTo("1,500 ms");
    }

    /** The largest unit that divides the timespan exactly: nothing truncated, nothing left over. */
    @Test
    void aSettingReadsInTheLargestUnitThatDividesIt() {
        assertThat(Durations.setting(Duration.ofNanos(500)))
                .as("below a microsecond")
                .isEqualTo("500 ns");
        assertThat(Durations.setting(Duration.ofNanos(1_500))).isEqualTo("1,500 ns");
        assertThat(Durations.setting(Duration.ofNanos(999_999))).isEqualTo("999,999 ns");
        assertThat(Durations.setting(Duration.ofNanos(20_000))).isEqualTo("20 µs");
        assertThat(Durations.setting(Duration.ofMillis(1))).isEqualTo("1 ms");
        assertThat(Durations.setting(Duration.ofSeconds(1))).isEqualTo("1 s");
        assertThat(Durations.setting(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(Durations.setting(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(Durations.setting(Duration.ofHours(1))).as("not 60 min 0 s").isEqualTo("1 h");
        assertThat(Durations.setting(Duration.ofHours(36)))
                .as("not a day truncated")
                .isEqualTo("36 h");
        assertThat(Durations.setting(Duration.ofDays(1))).isEqualTo("1 d");
        assertThat(Durations.setting(Duration.ofDays(1).plusNanos(1))).isEqualTo("86,400,000,000,001 ns");
        assertThat(Durations.setting(Duration.ofDays(200_000).plusMillis(1)))
                .as("its nanoseconds overflow a long")
                .isEqualTo("17,280,000,000,001 ms");
    }

    /** Tenths of a millisecond below 10 ms, whole ms below 1 s, tenths of a second below 10 s, whole seconds below 2 min. */
    @Test
    void wordsChooseTheUnitAfterRounding() {
        assertThat(Durations.words(0)).isEqualTo("0.0 ms");
        assertThat(Durations.words(49_999)).isEqualTo("0.0 ms");
        assertThat(Durations.words(50_000)).isEqualTo("0.1 ms");
        assertThat(Durations.words(1_234_567)).isEqualTo("1.2 ms");
        assertThat(Durations.words(9_940_000)).isEqualTo("9.9 ms");
        assertThat(Durations.words(9_960_000))
                .as("rounds to 10, which reads whole")
                .isEqualTo("10 ms");
        assertThat(Durations.words(10_000_000)).isEqualTo("10 ms");
        assertThat(Durations.words(999_400_000)).isEqualTo("999 ms");
        assertThat(Durations.words(999_600_000)).as("rounds to a second").isEqualTo("1.0 s");
        assertThat(Durations.words(1_000_000_000)).isEqualTo("1.0 s");
        assertThat(Durations.words(9_940_000_000L)).isEqualTo("9.9 s");
        assertThat(Durations.words(9_960_000_000L))
                .as("rounds to 10 s, which reads whole")
                .isEqualTo("10 s");
        assertThat(Durations.words(10_000_000_000L)).isEqualTo("10 s");
        assertThat(Durations.words(119_400_000_000L)).isEqualTo("119 s");
        assertThat(Durations.words(119_600_000_000L))
                .as("rounds to two minutes")
                .isEqualTo("2 min 0 s");
        assertThat(Durations.words(120_000_000_000L)).isEqualTo("2 min 0 s");
        assertThat(Durations.words(185_700_000_000L)).isEqualTo("3 min 6 s");
        assertThat(Durations.words(Long.MAX_VALUE)).isEqualTo("153722867 min 17 s");
    }

    /** A negative span (a start stamped before its submission, by clocks that disagree) reads as none, not -0.0. */
    @Test
    void aNegativeSpanReadsAsZero() {
        assertThat(Durations.words(-1)).isEqualTo("0.0 ms");
        assertThat(Durations.words(-5_000_000)).isEqualTo("0.0 ms");
        assertThat(Durations.words(Long.MIN_VALUE)).isEqualTo("0.0 ms");
    }
}
