package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairingTest {

    @Test
    void pairsEachKeysEventsInEitherOrderAndCountsTheUnpaired() {
        List<List<Long>> pairs = new ArrayList<>();
        Pairing pairing = new Pairing((key, opened, closed) -> pairs.add(List.of(key, opened, closed)));
        pairing.open(1, 10);
        pairing.close(2, 25); // its opening comes later in the file
        pairing.close(1, 15);
        pairing.open(2, 20);
        pairing.open(3, 30);
        pairing.close(4, 40);

        assertThat(pairs).containsExactly(List.of(1L, 10L, 15L), List.of(2L, 20L, 25L));
        assertThat(pairing.openOnly()).isEqualTo(1);
        assertThat(pairing.closedOnly()).isEqualTo(1);
    }
}
