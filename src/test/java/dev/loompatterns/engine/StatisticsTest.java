package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void theMedianOfAnEvenNumberIsTheMeanOfTheMiddleTwo() {
        assertThat(Statistics.median(List.of(1.1, 0.9, 1.0))).isEqualTo(1.0);
        assertThat(Statistics.median(List.of(1.0, 2.0, 4.0, 3.0))).isEqualTo(2.5);
    }

    /** A row shows the figures of a run that happened: of an even number, the upper middle one. */
    @Test
    void theMedianElementIsTheMiddleOneOrTheUpperMiddleOne() {
        assertThat(Statistics.medianBy(List.of("ccc", "a", "bb"), Comparator.comparingInt(String::length)))
                .isEqualTo("bb");
        assertThat(Statistics.medianBy(List.of("dddd", "a", "ccc", "bb"), Comparator.comparingInt(String::length)))
                .isEqualTo("ccc");
        assertThatThrownBy(() -> Statistics.medianBy(List.<String>of(), Comparator.naturalOrder()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMediansIntervalIsTheTextbooksOrderStatistics() {
        List<Double> fifteen = java.util.stream.IntStream.rangeClosed(1, 15)
                .mapToObj(i -> (double) (16 - i))
                .toList(); // 15 down to 1
        assertThat(Statistics.medianInterval(fifteen)).containsExactly(4.0, 12.0); // x(4), x(12): 96.5%
        List<Double> nine = java.util.stream.IntStream.rangeClosed(1, 9)
                .mapToObj(i -> (double) i)
                .toList();
        assertThat(Statistics.medianInterval(nine)).containsExactly(2.0, 8.0); // x(2), x(8): 96.1%
        List<Double> six = java.util.stream.IntStream.rangeClosed(1, 6)
                .mapToObj(i -> (double) i)
                .toList();
        assertThat(Statistics.medianInterval(six)).containsExactly(1.0, 6.0); // the whole range: 96.9%
        assertThatThrownBy(() -> Statistics.medianInterval(List.of(1.0, 2.0, 3.0, 4.0, 5.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
