package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    /**
     * A timespan in a long's nanoseconds saturates rather than throws: a sleep for ever, which the JDK's parser gives
     * as ChronoUnit.FOREVER's duration, refused a whole recording as damaged.
     */
    @Test
    void aTimespanInNanosecondsSaturates() {
        assertThat(Durations.nanos(Duration.ofMillis(20))).isEqualTo(20_000_000L);
        assertThat(Durations.nanos(Duration.ofNanos(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(Durations.nanos(Duration.ofNanos(Long.MAX_VALUE).minusNanos(1)))
                .isEqualTo(Long.MAX_VALUE - 1);
        assertThat(Durations.nanos(java.time.temporal.ChronoUnit.FOREVER.getDuration()))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(Durations.nanos(Duration.ofDays(200_000))).isEqualTo(Long.MAX_VALUE);
        assertThat(Durations.nanos(Duration.ofMillis(-3))).isZero();
    }

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

    /**
     * Tenths of a microsecond below 10 µs, whole µs below 1 ms, tenths of a millisecond below 10 ms, whole ms below 1 s,
     * tenths of a second below 10 s, whole seconds below 2 min.
     */
    @ParameterizedTest(name = "{0} ns: {1}")
    @CsvSource({
        "0, 0 ms",
        "1, 0.0 µs",
        "5160, 5.2 µs",
        "9960, 10 µs", // rounds to 10 µs, which reads whole
        "51600, 52 µs", // a census's median lifetime, which read 0.1 ms
        "99999, 100 µs",
        "999400, 999 µs",
        "999600, 1.0 ms", // rounds to a millisecond
        "1234567, 1.2 ms",
        "9940000, 9.9 ms",
        "9960000, 10 ms", // rounds to 10, which reads whole
        "10000000, 10 ms",
        "999400000, 999 ms",
        "999600000, 1.0 s", // rounds to a second
        "1000000000, 1.0 s",
        "9940000000, 9.9 s",
        "9960000000, 10 s", // rounds to 10 s, which reads whole
        "10000000000, 10 s",
        "119400000000, 119 s",
        "119600000000, 2 min 0 s", // rounds to two minutes
        "120000000000, 2 min 0 s",
        "185700000000, 3 min 6 s",
        "9223372036854775807, 153722867 min 17 s"
    })
    void wordsChooseTheUnitAfterRounding(long nanos, String said) {
        assertThat(Durations.words(nanos)).isEqualTo(said);
    }

    /** A negative span (a start stamped before its submission, by clocks that disagree) reads as none, not -0.0. */
    @Test
    void aNegativeSpanReadsAsZero() {
        assertThat(Durations.words(-1)).isEqualTo("0 ms");
        assertThat(Durations.words(-5_000_000)).isEqualTo("0 ms");
        assertThat(Durations.words(Long.MIN_VALUE)).isEqualTo("0 ms");
    }

    /** The details' milliseconds keep three significant figures or more, so a quantile's precision is not lost. */
    @Test
    void millisecondsKeepThreeSignificantFigures() {
        assertThat(Durations.ms(51_600))
                .as("a census's median lifetime, which read 0.1")
                .isEqualTo(0.0516);
        assertThat(Durations.ms(5_160)).isEqualTo(0.0052);
        assertThat(Durations.ms(1_234_567)).isEqualTo(1.23);
        assertThat(Durations.ms(12_345_678)).isEqualTo(12.3);
        assertThat(Durations.ms(123_456_789)).isEqualTo(123.0);
        assertThat(Durations.ms(0)).isEqualTo(0.0);
    }
}
