package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FindingTest {

    private static long nanos(String instant) {
        Instant at = Instant.parse(instant);
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    /** Always three digits of milliseconds, the rest cut off: a whole second printed no fraction at all. */
    @Test
    void anInstantAlwaysHasItsMilliseconds() {
        assertThat(Finding.instant(nanos("2026-12-01T14:22:03Z"))).isEqualTo("2026-12-01T14:22:03.000Z");
        assertThat(Finding.instant(nanos("2026-12-01T14:22:03.100Z"))).isEqualTo("2026-12-01T14:22:03.100Z");
        assertThat(Finding.instant(nanos("2026-12-01T14:22:03.123999999Z"))).isEqualTo("2026-12-01T14:22:03.123Z");
        assertThat(Finding.instant(nanos("2026-12-01T14:22:03.000999Z"))).isEqualTo("2026-12-01T14:22:03.000Z");
        assertThat(Finding.instant(0)).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    /** Details keep the order they were given in, in every JVM, as Map.of's do not; a name without a value is refused. */
    @Test
    void detailsInOrderKeepTheOrderGiven() {
        assertThat(Finding.inOrder("failures", 2, "messages", java.util.List.of(), "alpha", 1)
                        .keySet())
                .containsExactly("failures", "messages", "alpha");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Finding.inOrder("failures"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
