package dev.loompatterns.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.VirtualScheduler;
import dev.loompatterns.core.Workload;
import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.Spinner;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * A probe not starved must run while a hog still runs: the least {@code hog-ms} leaves it 100 ms, where a loaded
     * machine kept a runnable thread waiting up to 45 ms. From 10 ms, and a line at half the hogs' run, offload and
     * platform cpu-hog failed now and then beside two busy loops (a helper's hunt, 2026-12-07).
     */
    @Test
    void theShortestHogLeavesTheProbeAWholeRunOfMargin() {
        assertThat(SchedulingPattern.HOG_MS.min()).isGreaterThanOrEqualTo(100);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Workload.resolve(
                        new SchedulingPattern(), Mode.VIRTUAL, 1, Map.of(SchedulingPattern.HOG_MS.name(), "99")))
                .hasMessage("hog-ms for scheduling must be from 100 to 10000, got 99");
    }

    static Stream<Arguments> starvationInEveryMode() {
        return Stream.of(Mode.values())
                .flatMap(mode -> Stream.of(Arguments.of(mode, "cpu-hog"), Arguments.of(mode, "yield")));
    }

    /**
     * With one carrier, a probe waits for spinning virtual hogs (it runs only once the last has ended)
     * unless they yield; platform threads are time-sliced, so there it runs while they still run.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("starvationInEveryMode")
    void aProbeWaitsForSpinningVirtualThreadsOnlyWhenTheyNeitherYieldNorArePlatformThreads(Mode mode, String variant)
            throws Exception {
        SchedulingPattern pattern = new SchedulingPattern();
        Workload workload =
                Workload.resolve(pattern, mode, 4, Map.of(SchedulingPattern.HOG_MS.name(), "100")); // 400 ms of hogs
        Check check = pattern.run(mode, pattern.variant(variant), workload);
        assertThat(check.ok()).as(check.detail()).isTrue();
        boolean starved = mode != Mode.PLATFORM && variant.equals("cpu-hog");
        assertThat(check.detail())
                .contains(
                        starved
                                ? "no time slicing"
                                : mode == Mode.PLATFORM ? "the OS slices time" : "a yield let it in");
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
                Workload.resolve(pattern, mode, 4, Map.of(SchedulingPattern.HOG_MS.name(), "100")); // 400 ms of hogs
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
        int carriers = VirtualScheduler.bean().getParallelism();
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

    /**
     * Platform threads are not the scheduler's: read while they all spin, 4 to a carrier as at the default workload,
     * the bean counts fewer mounted and queued than them.
     */
    @Test
    void theSchedulersBeanDoesNotCountSpinningPlatformThreads() throws Exception {
        int tasks = 4 * VirtualScheduler.bean().getParallelism();
        SchedulerMetrics.Reading reading = SchedulerMetrics.measure(Mode.PLATFORM, tasks);
        Check check = SchedulingPattern.checkMetrics(Mode.PLATFORM, tasks, reading);
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail()).contains("does not count the " + tasks + " spinning platform threads");
    }

    /**
     * On platform threads the reading waits until no virtual thread is mounted or queued (a carrier
     * of an earlier run still looking for work counts as mounted on JDK 25), so it counts only what
     * runs while it is taken: with one task and a virtual thread spinning when the measurement
     * starts, the measurement waits for it instead of reading it as mounted.
     */
    @Test
    @Timeout(60)
    void thePlatformReadingWaitsUntilNoVirtualThreadIsMounted() throws Exception {
        // the spinner holds a carrier until closed: never left spinning, whatever failed
        try (Spinner spinner = Spinner.start("spinner");
                Background<SchedulerMetrics.Reading> run =
                        // a backstop far past the test's timeout: the wait must end because the spinner did
                        Background.start(() -> SchedulerMetrics.measure(Mode.PLATFORM, 1, Duration.ofHours(1)))) {
            run.awaitState(Thread.State.TIMED_WAITING); // polling the bean while the spinner runs
            assertThat(run.thread().getStackTrace())
                    .as("waiting in awaitIdle")
                    .anyMatch(frame -> frame.getMethodName().equals("awaitIdle"));
            spinner.close(); // stops and joins it
            Check check = SchedulingPattern.checkMetrics(Mode.PLATFORM, 1, run.join());
            assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
        }
    }

    /**
     * A bean that counted the spinning platform threads as it counts virtual ones fails the check: 2 tasks on
     * 2 carriers, both mounted; or, at the default workload, 8 tasks on 2 carriers, 2 mounted and the other 6
     * queued, though fewer mounted than the tasks. One that missed a single task passes.
     */
    @Test
    void theMetricsCheckOnPlatformThreadsFailsWhenTheBeanCountedThem() {
        Check mounted = SchedulingPattern.checkMetrics(Mode.PLATFORM, 2, new SchedulerMetrics.Reading(2, 2, 2, 0));
        assertThat(mounted.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(mounted.detail())
                .endsWith("; expected fewer mounted and queued than the 2 spinning platform threads");

        Check queued = SchedulingPattern.checkMetrics(Mode.PLATFORM, 8, new SchedulerMetrics.Reading(2, 2, 2, 6));
        assertThat(queued.verdict()).as(queued.detail()).isEqualTo(Check.Verdict.FAILED);
        assertThat(SchedulingPattern.checkMetrics(Mode.PLATFORM, 8, new SchedulerMetrics.Reading(2, 2, 2, 5))
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    /** A child JVM that failed, or ran with more than the one carrier the explanation rests on, fails the check. */
    @Test
    void theStarvationCheckFailsWhenTheChildFailedOrHadMoreThanOneCarrier() {
        Duration hog = Duration.ofMillis(100);
        Check crashed = SchedulingPattern.checkChild(
                Mode.VIRTUAL, "yield", 2, hog, new ChildJvm.Result(1, List.of(), "Error: no main class\n"));
        assertThat(crashed)
                .extracting(Check::verdict, Check::detail)
                .containsExactly(Check.Verdict.FAILED, "child JVM exited 1: Error: no main class");
        Check silent = SchedulingPattern.checkChild(
                Mode.VIRTUAL, "spin", 2, hog, new ChildJvm.Result(0, List.of("yields=0", "carriers=1"), ""));
        assertThat(silent.verdict()).as("no probe delay printed").isEqualTo(Check.Verdict.FAILED);
        Check noLead = SchedulingPattern.checkChild(
                Mode.VIRTUAL,
                "spin",
                2,
                hog,
                new ChildJvm.Result(0, List.of("probe-delay-ns=1000000", "yields=0", "carriers=1"), ""));
        assertThat(noLead.verdict()).as("no probe lead printed").isEqualTo(Check.Verdict.FAILED);
        Check killed = SchedulingPattern.checkChild(
                Mode.VIRTUAL,
                "spin",
                2,
                hog,
                new ChildJvm.Result(
                        1,
                        List.of("probe-delay-ns=1000000", "probe-lead-ns=199000000", "yields=0", "carriers=1"),
                        "killed"));
        assertThat(killed)
                .extracting(Check::verdict, Check::detail)
                .containsExactly(Check.Verdict.FAILED, "child JVM exited 1: killed");

        List<String> printed = List.of("probe-delay-ns=1000000", "probe-lead-ns=199000000", "yields=5");
        for (Mode mode : List.of(Mode.VIRTUAL, Mode.STRUCTURED)) {
            Check twoCarriers = SchedulingPattern.checkChild(
                    mode, "yield", 2, hog, new ChildJvm.Result(0, plus(printed, "carriers=2"), ""));
            assertThat(twoCarriers)
                    .extracting(Check::verdict, Check::detail)
                    .containsExactly(
                            Check.Verdict.FAILED,
                            "child JVM's scheduler had 2 carriers, expected 1 (" + StarvationChild.ONE_CARRIER + ")");
            assertThat(SchedulingPattern.checkChild(
                                    mode, "yield", 2, hog, new ChildJvm.Result(0, plus(printed, "carriers=1"), ""))
                            .verdict())
                    .isEqualTo(Check.Verdict.PASSED);
        }
        assertThat(SchedulingPattern.checkChild(
                                Mode.PLATFORM, "yield", 2, hog, new ChildJvm.Result(0, plus(printed, "carriers=2"), ""))
                        .verdict())
                .as("platform threads have no carriers to count")
                .isEqualTo(Check.Verdict.PASSED);
    }

    /** A probe that waited {@code waitedMs} and ran {@code leadMs} before the last of {@code hogs} hogs of 100 ms ended. */
    private static SchedulingPattern.ProbeWait probe(long waitedMs, long leadMs, int hogs, String hog) {
        return SchedulingPattern.ProbeWait.of(
                Duration.ofMillis(waitedMs), Duration.ofMillis(leadMs), hogs, hog, Duration.ofMillis(100));
    }

    private static void assertFailed(Check check, String detail) {
        assertThat(check).extracting(Check::verdict, Check::detail).containsExactly(Check.Verdict.FAILED, detail);
    }

    private static List<String> plus(List<String> lines, String line) {
        return Stream.concat(lines.stream(), Stream.of(line)).toList();
    }

    /**
     * The order decides, not the wait: a probe that ran before the last hog ended passes however long it waited (a
     * loaded machine's 45 ms behind one hog of 100 ms), one that ran only after fails.
     */
    @Test
    void theOffloadCheckFailsWhenTheProbeWaitedForTheHogs() {
        assertFailed(
                SchedulingPattern.checkOffload(Mode.VIRTUAL, probe(390, -2, 4, "hog"), 2),
                "probe waited 390.0 ms behind 4 hogs of 100 ms handed to a pool of 2 platform threads, one"
                        + " carrier; expected to run before the last hog ended, but it ran 2.0 ms after");
        assertThat(SchedulingPattern.checkOffload(Mode.VIRTUAL, probe(3, 390, 4, "hog"), 2)
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(SchedulingPattern.checkOffload(Mode.STRUCTURED, probe(45, 50, 1, "hog"), 2)
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(SchedulingPattern.checkOffload(Mode.PLATFORM, probe(100, 0, 1, "hog"), 2)
                        .verdict())
                .as("ran as the last hog ended: not before")
                .isEqualTo(Check.Verdict.FAILED);
    }

    @Test
    void theStarvationCheckFailsWhenTheEffectHasTheWrongSign() {
        assertFailed(
                SchedulingPattern.checkStarvation(Mode.VIRTUAL, false, probe(5, 195, 2, "hog"), 0),
                "probe waited 5.0 ms behind 2 hogs of 100 ms, one carrier; expected only after the hogs ended"
                        + " (no time slicing), but it ran 195.0 ms before the last ended");
        assertThat(SchedulingPattern.checkStarvation(Mode.VIRTUAL, true, probe(190, -1, 2, "yielding hog"), 10)
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
        assertFailed( // a yield variant that never yielded
                SchedulingPattern.checkStarvation(Mode.VIRTUAL, true, probe(1, 199, 2, "yielding hog"), 0),
                "probe waited 1.0 ms behind 2 yielding hogs of 100 ms, one carrier, 0 Thread.yield() calls;"
                        + " expected at least one yield call");
        assertThat(SchedulingPattern.checkStarvation(Mode.PLATFORM, false, probe(190, -1, 2, "hog"), 0)
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(SchedulingPattern.checkStarvation(Mode.PLATFORM, false, probe(45, 55, 1, "hog"), 0)
                        .verdict())
                .as("a long wait on a loaded machine, but before the hog ended: not starved")
                .isEqualTo(Check.Verdict.NOT_SHOWN);
    }

    /**
     * The cpu-hog flaw, a starved probe, is shown when the probe was starved, and not shown on time-sliced platform
     * threads.
     */
    @Test
    void aStarvedProbeIsShownAndOneThatWasNotIsNotShown() {
        Check starved = SchedulingPattern.checkStarvation(Mode.VIRTUAL, false, probe(190, -1, 2, "hog"), 0);
        assertThat(starved.verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(starved.detail()).contains("no time slicing");

        Check sliced = SchedulingPattern.checkStarvation(Mode.PLATFORM, false, probe(5, 195, 2, "hog"), 0);
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
        if (mode == Mode.PLATFORM) {
            assertThat(result.virtual()).isZero();
        } else { // JFR's live stream may leave a short-lived virtual thread unnamed (FileReads.Measurement)
            assertThat(result.virtual()).isPositive();
            assertThat(result.virtual() + result.unnamed()).isEqualTo(result.reads());
        }
        assertThat(result.pins()).isZero();
        Check check = SchedulingPattern.checkFileReads(mode, 3, result);
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
    }

    /**
     * In a fresh JVM, 10,000 virtual threads' reads are all counted: the live stream lost some (292,982 of 330,000
     * counted, the check failed) when the stop mark's event class was registered by its first commit, while the stream
     * ran; and a read whose thread the stream did not name threw in the handler, a stack trace each (143,401 counted
     * with both).
     */
    @Test
    void aFreshJvmCountsEveryReadOfTenThousandVirtualThreads() throws Exception {
        ChildJvm.Result child;
        try (ChildJvm.Launch launch =
                ChildJvm.Launch.plain(List.of("--enable-preview"), ManyFileReads.class, List.of("10000"))) {
            child = ChildJvm.run(launch, Duration.ofSeconds(100)); // backstop only
        }
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stderr()).isEmpty();
        long chunksPerFile = FileReads.FILE_BYTES / FileReads.CHUNK + 1; // and the read that finds the end of file
        assertThat(Long.parseLong(child.value("reads"))).isEqualTo(10_000 * chunksPerFile);
        assertThat(Long.parseLong(child.value("virtual")) + Long.parseLong(child.value("unnamed")))
                .isEqualTo(10_000 * chunksPerFile);
    }

    /** {@link FileReads#measure} in a JVM of its own, for the tasks given, virtual: prints its counts. */
    static final class ManyFileReads {
        public static void main(String[] args) throws Exception {
            FileReads.Measurement result = FileReads.measure(Mode.VIRTUAL, Integer.parseInt(args[0]));
            System.out.println("reads=" + result.reads());
            System.out.println("virtual=" + result.virtual());
            System.out.println("unnamed=" + result.unnamed());
        }
    }

    /** Each task reads the whole file a chunk at a time: fewer reads than that, or a read on the wrong kind of thread, or a pin, fails. */
    @Test
    void theFileReadCheckFailsOnTooFewReadsAReadOnTheWrongThreadOrAPin() {
        long oneTask = FileReads.FILE_BYTES / FileReads.CHUNK + 1; // and the read that finds the end of file
        assertThat(fileReads(Mode.VIRTUAL, 1, oneTask, oneTask, 0, 0).verdict()).isEqualTo(Check.Verdict.PASSED);
        Check tooFew = fileReads(Mode.VIRTUAL, 8, oneTask, oneTask, 0, 0);
        assertThat(tooFew.verdict()).as("one task's reads for 8 tasks").isEqualTo(Check.Verdict.FAILED);
        assertThat(tooFew.detail()).contains("expected at least 256 reads");
        assertThat(fileReads(Mode.VIRTUAL, 1, oneTask, oneTask - 1, 0, 0).verdict())
                .as("a read on a platform thread")
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(fileReads(Mode.PLATFORM, 1, oneTask, 1, 0, 0).verdict())
                .as("a read on a virtual thread")
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(fileReads(Mode.STRUCTURED, 1, oneTask, oneTask, 0, 1).verdict())
                .as("a pin")
                .isEqualTo(Check.Verdict.FAILED);
        Check unnamed = fileReads(Mode.VIRTUAL, 1, oneTask, oneTask - 3, 3, 0);
        assertThat(unnamed.verdict())
                .as("reads on threads the stream did not name, the rest virtual")
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(unnamed.detail()).contains("(3 reads' thread not named by JFR's live stream");
        assertThat(fileReads(Mode.VIRTUAL, 1, oneTask, oneTask - 4, 3, 0).verdict())
                .as("one read on a platform thread beside the unnamed")
                .isEqualTo(Check.Verdict.FAILED);
    }

    /** The file-read check of {@code tasks} tasks that measured these counts, in 1 ms of reads. */
    private static Check fileReads(Mode mode, int tasks, long reads, long virtual, long unnamed, long pins) {
        return SchedulingPattern.checkFileReads(
                mode, tasks, new FileReads.Measurement(reads, virtual, unnamed, Duration.ofMillis(1), pins));
    }

    /**
     * Every task gets both of our events; with more CPU-bound tasks than carriers the last ones
     * queue, and jdk.VirtualThreadStart of a queued thread comes at its mount, after the wait.
     */
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"VIRTUAL", "STRUCTURED"})
    void ourEventsShowTheQueueingDelayThatVirtualThreadStartHides(Mode mode) throws Exception {
        int carriers = VirtualScheduler.bean().getParallelism();
        int tasks = 3 * carriers + 1;
        Duration work = Duration.ofMillis(10);
        List<QueueingDelay.Task> measured = QueueingDelay.measure(mode, tasks, work);

        assertThat(measured)
                .hasSize(tasks)
                .allSatisfy(task -> assertThat(task.delay().isNegative()).isFalse());
        assertThat(measured).allSatisfy(task -> {
            assertThat(task.virtualStart())
                    .as("jdk.VirtualThreadStart of the task's thread")
                    .isNotNull()
                    .isAfterOrEqualTo(task.submitted())
                    .isBeforeOrEqualTo(task.started());
        });
        // of any carriers + 1 threads, the last mounted only after one of the others had spun its work and ended:
        // jdk.VirtualThreadStart is stamped at that mount, after the wait (half the work: room for JFR's clock)
        assertThat(QueueingDelay.closestSpan(
                        measured.stream().map(QueueingDelay.Task::virtualStart).toList(), carriers + 1))
                .isGreaterThanOrEqualTo(work.dividedBy(2));
        Check check = SchedulingPattern.checkQueueing(mode, tasks, carriers, work, measured);
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
    }

    /**
     * Platform tasks get both events too; each task is known by its taskId in the recording, which a later run in the
     * same JVM does not use again, so a recording of several runs names each task once.
     */
    @Test
    void platformTasksGetBothEventsToo() throws Exception {
        List<QueueingDelay.Task> measured = QueueingDelay.measure(Mode.PLATFORM, 3, Duration.ofMillis(1));
        assertThat(measured)
                .hasSize(3)
                .allSatisfy(task -> assertThat(task.virtualStart()).isNull());
        List<Long> ids = measured.stream().map(QueueingDelay.Task::id).sorted().toList();
        assertThat(ids.getLast() - ids.getFirst()).as("3 ids in a row: %s", ids).isEqualTo(2);
        List<QueueingDelay.Task> again = QueueingDelay.measure(Mode.PLATFORM, 3, Duration.ofMillis(1));
        assertThat(again).extracting(QueueingDelay.Task::id).allMatch(id -> id > ids.getLast());
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

    /** A task whose start event came before its submission event is a broken measurement. */
    @Test
    void theQueueingCheckFailsWhenATaskStartedBeforeItWasSubmitted() {
        Instant t = Instant.EPOCH;
        QueueingDelay.Task early = new QueueingDelay.Task(0, t.plusMillis(2), t.plusMillis(1), null);
        for (Mode mode : Mode.values()) {
            Check check = SchedulingPattern.checkQueueing(mode, 1, 2, Duration.ofMillis(10), List.of(early));
            assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
            assertThat(check.detail()).endsWith("; a task started before it was submitted");
        }
    }

    /**
     * On 2 carriers, spinning tasks run 2 at a time: 3 starts within half a task's work means a third ran beside
     * them, whatever the delays from submission say.
     */
    @Test
    void theQueueingCheckFailsWhenMoreTasksStartedAtOnceThanThereAreCarriers() {
        Instant t = Instant.EPOCH;
        Duration work = Duration.ofMillis(10);
        List<QueueingDelay.Task> sliced =
                List.of(task(0, t, t.plusMillis(1)), task(1, t, t.plusMillis(2)), task(2, t, t.plusMillis(20)));
        Check check = SchedulingPattern.checkQueueing(Mode.VIRTUAL, 3, 2, work, sliced);
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail()).contains("closest 3 starts 19.0 ms apart");

        List<QueueingDelay.Task> threeAtOnce =
                List.of(task(0, t, t.plusMillis(15)), task(1, t, t.plusMillis(16)), task(2, t, t.plusMillis(17)));
        Check failed = SchedulingPattern.checkQueueing(Mode.STRUCTURED, 3, 2, work, threeAtOnce);
        // the id the recording has, which loom inspect names as longest_task: before, an index from 0 read "task 2 of
        // 3"
        assertThat(failed.detail())
                .startsWith("longest queueing delay 17.0 ms (taskId 2 in the recording, of 3 tasks)");
        assertThat(failed.verdict()).as("long delays, yet 3 ran at once").isEqualTo(Check.Verdict.FAILED);
        assertThat(failed.detail())
                .endsWith("closest 3 starts 2.0 ms apart; expected at least 5.0 ms: more tasks ran at once than there"
                        + " are carriers");
    }

    @Test
    void theClosestSpanIsTheShortestTimeOverWhichThatManyTimesFell() {
        Instant t = Instant.EPOCH;
        List<Instant> times = List.of(t.plusMillis(30), t, t.plusMillis(12), t.plusMillis(10), t.plusMillis(40));
        assertThat(QueueingDelay.closestSpan(times, 2)).isEqualTo(Duration.ofMillis(2));
        assertThat(QueueingDelay.closestSpan(times, 3)).isEqualTo(Duration.ofMillis(12));
        assertThat(QueueingDelay.closestSpan(times, 5)).isEqualTo(Duration.ofMillis(40));
    }

    private static QueueingDelay.Task task(long id, Instant submitted, Instant started) {
        return new QueueingDelay.Task(id, submitted, started, started);
    }

    /**
     * A task interrupted while it waits for its offloaded work cancels that work, whose thread is interrupted and
     * stops: a plain {@code get()} left it spinning on the pool after the task had gone.
     */
    @Test
    void anInterruptedWaitForOffloadedWorkCancelsTheWork() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.CountDownLatch working = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<Boolean> workInterrupted =
                    new java.util.concurrent.CompletableFuture<>();
            try (Background<Object> task = Background.startVirtual(() -> Starvation.awaitOffloaded(pool, () -> {
                working.countDown();
                Spin.spin(Duration.ofMinutes(2), false); // a backstop: only an interrupt ends it in time
                workInterrupted.complete(Thread.currentThread().isInterrupted());
                return null;
            }))) {
                working.await();
                task.awaitState(Thread.State.WAITING);
                task.thread().interrupt();
                org.assertj.core.api.Assertions.assertThatThrownBy(task::join).isInstanceOf(InterruptedException.class);
            }
            assertThat(workInterrupted.get(1, java.util.concurrent.TimeUnit.MINUTES))
                    .as("the work's thread was interrupted")
                    .isTrue();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES))
                    .isTrue();
        }
    }
}
