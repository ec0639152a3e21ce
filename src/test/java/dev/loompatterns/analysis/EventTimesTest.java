package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimesTest {

    /** Times in no order, filling no block, one, or several and part of another, come back in order. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, EventTimes.BLOCK - 1, EventTimes.BLOCK, EventTimes.BLOCK + 1, 3 * EventTimes.BLOCK + 7})
    void giveEveryTimeBackInOrder(int count) {
        Random random = new Random(count);
        long[] times = new long[count];
        EventTimes kept = new EventTimes();
        for (int i = 0; i < count; i++) {
            times[i] = random.nextInt(count / 2 + 1); // repeats too
            kept.add(times[i]);
        }
        Arrays.sort(times);

        EventTimes.InOrder inOrder = kept.inOrder();
        long[] back = new long[count];
        for (int i = 0; i < count; i++) {
            assertThat(inOrder.hasNext()).isTrue();
            assertThat(inOrder.peek()).isEqualTo(times[i]);
            back[i] = inOrder.next();
        }

        assertThat(inOrder.hasNext()).isFalse();
        assertThat(back).isEqualTo(times);
        assertThat(kept.latest()).isEqualTo(times[count - 1]);
    }

    @Test
    void withNoTimesThereIsNoneToGive() {
        EventTimes kept = new EventTimes();
        assertThat(kept.inOrder().hasNext()).isFalse();
        assertThat(kept.latest()).isEqualTo(Long.MIN_VALUE);
    }
}
