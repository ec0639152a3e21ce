package dev.loompatterns.urlfetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code -P fault-rate} is each item's chance of a fault, drawn for each on its own, and the plan says so: it said
 * "10% faults" over a run in which 14 of 200 items were faulted, and the docs "percent of items faulted".
 */
class FaultPlanTest {

    @Test
    void theRateIsEachItemsChanceAndTheSummarySaysSo() {
        FaultPlan plan = FaultPlan.of(10, 42, "500,reset,stall,fail");
        long faulted =
                IntStream.range(0, 200).filter(i -> plan.faultFor(i) != null).count();

        assertThat(faulted)
                .as("a chance per item: not exactly 20 of 200")
                .isNotEqualTo(20)
                .isBetween(5L, 40L);
        assertThat(plan.summary(200))
                .startsWith("10% chance of a fault per item, seed 42: ")
                .doesNotContain("10% faults");
        assertThat(IntStream.range(0, 200)
                        .filter(i -> FaultPlan.of(100, 7, "fail").faultFor(i) == null))
                .as("100: every item")
                .isEmpty();
        assertThat(IntStream.range(0, 200)
                        .filter(i -> FaultPlan.of(0, 7, "fail").faultFor(i) != null))
                .as("0: none")
                .isEmpty();
    }
}
