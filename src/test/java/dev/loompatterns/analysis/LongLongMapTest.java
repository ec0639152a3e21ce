package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongLongMapTest {

    private static final long MISSING = -7;

    /**
     * Random puts, gets and removes agree with a HashMap, through growth from 1,024 slots and removals that
     * re-insert the cluster behind them: keys of many shapes (small, shifted by 16, 32 and 48 bits,
     * negative, any long but the one that marks an empty slot), from a range small enough to hit again.
     */
    @Test
    void agreesWithAHashMap() {
        LongLongMap map = new LongLongMap();
        Map<Long, Long> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 400_000; i++) {
            long key = switch (random.nextInt(4)) {
                case 0 -> random.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE);
                case 1 -> -random.nextLong(0, 20_000);
                default -> random.nextLong(0, 20_000) << (random.nextInt(4) * 16);
            };
            int op = i < 100_000 ? random.nextInt(2) : random.nextInt(3); // grow first, then shrink and grow
            switch (op) {
                case 0 -> {
                    map.put(key, i);
                    model.put(key, (long) i);
                }
                case 1 -> {
                    long expected = model.containsKey(key) ? model.get(key) : MISSING;
                    assertThat(map.get(key, MISSING)).as("get %d at %d", key, i).isEqualTo(expected);
                }
                default -> {
                    Long removed = model.remove(key);
                    assertThat(map.remove(key, MISSING))
                            .as("remove %d at %d", key, i)
                            .isEqualTo(removed == null ? MISSING : removed);
                }
            }
            if (i % 10_000 == 0) {
                assertThat(map.size()).as("size at %d", i).isEqualTo(model.size());
            }
        }
        assertThat(model.size()).as("it grew past its first 1,024 slots").isGreaterThan(10_000);
        assertThat(map.size()).isEqualTo(model.size());
        model.forEach(
                (key, value) -> assertThat(map.get(key, MISSING)).as("%d", key).isEqualTo(value));
    }

    /**
     * Removing a key from the middle of a cluster, one that wraps past the table's last slot too, leaves
     * every other key of it found: the keys after the hole are re-inserted.
     */
    @Test
    void removingFromAClusterKeepsTheRestOfIt() {
        for (int home : new int[] {5, 1022}) {
            List<Long> keys = keysWithHome(home, 1024, 6);
            LongLongMap map = new LongLongMap();
            keys.forEach(key -> map.put(key, key * 3));
            assertThat(map.remove(keys.get(1), MISSING)).isEqualTo(keys.get(1) * 3);
            assertThat(map.remove(keys.get(1), MISSING)).isEqualTo(MISSING);
            assertThat(map.get(keys.get(1), MISSING)).isEqualTo(MISSING);
            for (long key : keys.subList(2, keys.size())) {
                assertThat(map.get(key, MISSING))
                        .as("home %d, key %d", home, key)
                        .isEqualTo(key * 3);
            }
            assertThat(map.remove(keys.getFirst(), MISSING)).isEqualTo(keys.getFirst() * 3);
            for (long key : keys.subList(2, keys.size())) {
                assertThat(map.get(key, MISSING))
                        .as("home %d, key %d", home, key)
                        .isEqualTo(key * 3);
            }
            assertThat(map.size()).isEqualTo(keys.size() - 2);
        }
    }

    /** The first {@code count} keys 1, 2, ... whose slot in a table of {@code capacity} is {@code home}. */
    private static List<Long> keysWithHome(int home, int capacity, int count) {
        List<Long> keys = new ArrayList<>();
        for (long key = 1; keys.size() < count; key++) {
            if ((LongLongMap.mix(key) & (capacity - 1)) == home) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * Keys that differ only in their top 16 bits ({@code n << 48}) spread over the slots: the hash left
     * their low bits zero, so all took slot 0 and every lookup probed one cluster (20,000 of them took
     * 1.5 s to put). Asserted by the slots they take, not by time; and they are all found.
     */
    @Test
    void keysDifferingOnlyInTheirTopBitsSpreadAndAreFound() {
        Set<Long> slots = new HashSet<>();
        for (long n = 1; n <= 4_096; n++) {
            slots.add(LongLongMap.mix(n << 48) & 4_095);
        }
        assertThat(slots).as("of 4,096 slots; at random about 2,590").hasSizeGreaterThan(2_000);

        LongLongMap map = new LongLongMap();
        for (long n = 1; n <= 20_000; n++) {
            map.put(n << 48, n);
        }
        assertThat(map.size()).isEqualTo(20_000);
        for (long n = 1; n <= 20_000; n++) {
            assertThat(map.get(n << 48, MISSING)).isEqualTo(n);
        }
        for (long n = 1; n <= 20_000; n += 2) {
            assertThat(map.remove(n << 48, MISSING)).isEqualTo(n);
        }
        for (long n = 1; n <= 20_000; n++) {
            assertThat(map.get(n << 48, MISSING)).isEqualTo(n % 2 == 0 ? n : MISSING);
        }
    }
}
