package dev.loompatterns.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(120) // backstop only
class SchedulingTest {

    static Stream<Arguments> starvationInEveryMode() {
        return Stream.of(Mode.values())
                .flatMap(mode -> Stream.of(Arguments.of(mode, "cpu-hog"), Arguments.of(mode, "yield")));
    }

    /**
     * With one carrier, a probe waits for spinning virtual hogs (more than half their total run)
     * unless they yield; platform threads are time-sliced, so there it waits less.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("starvationInEveryMode")
    void aProbeWaitsForSpinningVirtualThreadsOnlyWhenTheyNeitherYieldNorArePlatformThreads(Mode mode, String variant)
            throws Exception {
        SchedulingPattern pattern = new SchedulingPattern();
        Workload workload =
                Workload.resolve(pattern, mode, 4, Map.of(SchedulingPattern.HOG_MS.name(), "100")); // the line: 200 ms
        Check check = pattern.run(mode, pattern.variant(variant), workload);
        assertThat(check.ok()).as(check.detail()).isTrue();
        boolean starved = mode != Mode.PLATFORM && variant.equals("cpu-hog");
        assertThat(check.detail())
                .contains(
                        starved ? "no time slicing" : mode == Mode.PLATFORM ? "the OS slices time" : "each yield let");
        assertThat(check.verdict())
                .as(check.detail())
                .isEqualTo(
                        variant.equals("yield")
                                ? Check.Verdict.PASSED
                                : starved ? Check.Verdict.DEMONSTRATED : Check.Verdict.NOT_SHOWN);
    }

    /**
     * CPU work handed to a bounded pool of platform threads and waited for: the waiting virtual
     * thread unmounts, so even with one carrier the probe runs at once.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Mode.class)
    void aProbeIsNotDelayedWhenTheHogsOffloadTheirWorkToAPlatformPool(Mode mode) throws Exception {
        SchedulingPattern pattern = new SchedulingPattern();
        Workload workload =
                Workload.resolve(pattern, mode, 4, Map.of(SchedulingPattern.HOG_MS.name(), "100")); // the line: 200 ms
        Check check = pattern.run(mode, pattern.variant("offload"), workload);
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail()).contains("handed to a pool of");
    }

    /**
     * The scheduler's bean, read mid-run, replaces a pool's active count and queue size (virtual threads only: platform
     * threads are not the scheduler's).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(
            value = Mode.class,
            names = {"VIRTUAL", "STRUCTURED"})
    void theSchedulersBeanSaysHowManyTasksRunAndHowManyWait(Mode mode) throws Exception {
        SchedulerMetrics.Reading reading = SchedulerMetrics.measure(mode, 6);
        int carriers = SchedulerMetrics.bean().getParallelism();
        assertThat(reading.mounted()).isGreaterThanOrEqualTo(Math.min(6, carriers));
        assertThat(reading.queued()).isGreaterThanOrEqualTo(6 - Math.min(6, carriers));
        assertThat(SchedulingPattern.checkMetrics(mode, 6, reading).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    void theMetricsCheckFailsWhenTheBeanSawNothingWaiting() {
        assertThat(SchedulingPattern.checkMetrics(Mode.VIRTUAL, 8, new SchedulerMetrics.Reading(2, 2, 2, 1))
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
    }

    @Test
    void theOffloadCheckFailsWhenTheProbeWaitedForTheHogs() {
        Duration hog = Duration.ofMillis(100);
        assertThat(SchedulingPattern.checkOffload(Mode.VIRTUAL, 4, hog, Duration.ofMillis(390), 2)
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(SchedulingPattern.checkOffload(Mode.VIRTUAL, 4, hog, Duration.ofMillis(3), 2)
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    void theStarvationCheckFailsWhenTheEffectHasTheWrongSign() {
        Duration hog = Duration.ofMillis(100);
        assertThat(SchedulingPattern.checkStarvation(Mode.VIRTUAL, false, 2, hog, Duration.ofMillis(5), 0)
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(SchedulingPattern.checkStarvation(Mode.VIRTUAL, true, 2, hog, Duration.ofMillis(190), 10)
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(SchedulingPattern.checkStarvation(Mode.VIRTUAL, true, 2, hog, Duration.ofMillis(1), 0))
                .as("a yield variant that never yielded")
                .extracting(Check::verdict, Check::detail)
                .containsExactly(
                        Check.Verdict.FAILED,
                        "probe waited 1.0 ms behind 2 yielding hogs of 100 ms, one carrier, 0 yields;"
                                + " expected at least one yield");
        assertThat(SchedulingPattern.checkStarvation(Mode.PLATFORM, false, 2, hog, Duration.ofMillis(190), 0)
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
    }

    /**
     * The cpu-hog flaw, a starved probe, is shown when the probe was starved, and not shown on time-sliced platform
     * threads.
     */
    @Test
    void aStarvedProbeIsShownAndOneThatWasNotIsNotShown() {
        Duration hog = Duration.ofMillis(100);
        Check starved = SchedulingPattern.checkStarvation(Mode.VIRTUAL, false, 2, hog, Duration.ofMillis(190), 0);
        assertThat(starved.verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(starved.detail()).contains("no time slicing");

        Check sliced = SchedulingPattern.checkStarvation(Mode.PLATFORM, false, 2, hog, Duration.ofMillis(5), 0);
        assertThat(sliced.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(sliced.ok()).isTrue();
        assertThat(sliced.detail()).contains("the OS slices time").contains("not starved");
    }

    /** File reads are recorded as jdk.FileRead on the kind of thread the mode uses, and never as a pin. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void fileReadsHoldTheThreadWithoutAPinEvent(Mode mode) throws Exception {
        FileReads.Measurement result = FileReads.measure(mode, 3);
        long chunksPerFile = FileReads.FILE_BYTES / FileReads.CHUNK;
        assertThat(result.reads()).isGreaterThanOrEqualTo(3 * chunksPerFile);
        assertThat(result.virtual()).isEqualTo(mode == Mode.PLATFORM ? 0 : result.reads());
        assertThat(result.pins()).isZero();
    }

    /**
     * Every task gets both of our events; with more CPU-bound tasks than carriers the last ones
     * queue, and jdk.VirtualThreadStart of a queued thread comes after its submission, not at it.
     */
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"VIRTUAL", "STRUCTURED"})
    void ourEventsShowTheQueueingDelayThatVirtualThreadStartHides(Mode mode) throws Exception {
        int carriers = SchedulerMetrics.bean().getParallelism();
        int tasks = 3 * carriers + 1;
        Duration work = Duration.ofMillis(10);
        List<QueueingDelay.Task> measured = QueueingDelay.measure(mode, tasks, work);

        assertThat(measured)
                .hasSize(tasks)
                .allSatisfy(task -> assertThat(task.delay().isNegative()).isFalse());
        QueueingDelay.Task last = measured.stream()
                .max(Comparator.comparing(QueueingDelay.Task::delay))
                .orElseThrow();
        assertThat(last.delay()).as("a task queued behind CPU-bound ones").isGreaterThan(work.dividedBy(2));
        assertThat(last.virtualStart())
                .as("jdk.VirtualThreadStart of the task's thread")
                .isNotNull();
        assertThat(last.virtualStart()).isAfter(last.submitted().plus(work.dividedBy(2)));
        assertThat(SchedulingPattern.checkQueueing(mode, tasks, carriers, work, measured)
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    void platformTasksGetBothEventsToo() throws Exception {
        List<QueueingDelay.Task> measured = QueueingDelay.measure(Mode.PLATFORM, 3, Duration.ofMillis(1));
        assertThat(measured)
                .hasSize(3)
                .allSatisfy(task -> assertThat(task.virtualStart()).isNull());
    }

    @Test
    void theQueueingCheckFailsOnMissingPairsOrNoWait() {
        Instant t = Instant.EPOCH;
        QueueingDelay.Task quick = new QueueingDelay.Task(0, t, t.plusMillis(1), t.plusMillis(1));
        Duration work = Duration.ofMillis(10);
        assertThat(SchedulingPattern.checkQueueing(Mode.VIRTUAL, 2, 1, work, List.of(quick))
                        .detail())
                .contains("1 of 2");
        assertThat(SchedulingPattern.checkQueueing(Mode.VIRTUAL, 1, 2, work, List.of(quick))
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(SchedulingPattern.checkQueueing(Mode.VIRTUAL, 1, 0, work, List.of(quick))
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
    }
}
