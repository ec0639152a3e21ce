package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PackedIntervalsTest {

    @Test
    void givesBackEveryIntervalInTheOrderAddedAcrossPages() {
        PackedIntervals packed = new PackedIntervals(true);
        List<List<Long>> added = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        long time = 1_796_000_000_000_000_000L;
        for (int i = 0; i < 200_000; i++) { // neighbours close, as JFR writes them, and now and then far apart
            long thread = i % 1000 == 0 ? random.nextLong() : 100_000 + i + random.nextInt(-50, 50);
            time += random.nextLong(-5_000_000, 5_000_000);
            long length = i % 777 == 0 ? Long.MAX_VALUE : random.nextLong(0, 100_000_000);
            packed.add(thread, time, length);
            added.add(List.of(thread, time, length));
        }
        packed.add(Long.MIN_VALUE + 1, Long.MIN_VALUE + 1, 0); // the extremes
        added.add(List.of(Long.MIN_VALUE + 1, Long.MIN_VALUE + 1, 0L));
        packed.add(Long.MAX_VALUE, Long.MAX_VALUE, -5); // a negative length is 0
        added.add(List.of(Long.MAX_VALUE, Long.MAX_VALUE, 0L));

        List<List<Long>> read = new ArrayList<>();
        packed.forEach((thread, start, length) -> read.add(List.of(thread, start, length)));

        assertThat(read).isEqualTo(added);
        assertThat(packed.size()).isEqualTo(added.size());
        assertThat(packed.bytes()).as("several pages").isGreaterThan(1 << 17);
    }

    @Test
    void instantsComeBackWithoutTheirLengths() {
        PackedIntervals packed = new PackedIntervals(false);
        packed.add(7, 1_000, 50);
        packed.add(5, 900, 60);
        List<List<Long>> read = new ArrayList<>();
        packed.forEach((thread, start, length) -> read.add(List.of(thread, start, length)));
        assertThat(read).containsExactly(List.of(7L, 1_000L, 0L), List.of(5L, 900L, 0L));
    }

    @Test
    void anEmptyOneGivesNothing() {
        List<Long> read = new ArrayList<>();
        new PackedIntervals(true).forEach((thread, start, length) -> read.add(thread));
        assertThat(read).isEmpty();
    }
}
