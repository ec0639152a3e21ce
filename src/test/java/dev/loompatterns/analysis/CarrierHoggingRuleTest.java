package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.EventEnabled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stretch of a virtual thread's samples ends where the thread blocked in a way that released its
 * carrier (a sleep or a socket wait, not pinned), wherever its events come in the file; blocks that
 * keep the carrier (a pinned sleep, a park, a monitor, file I/O) and other threads' blocks do not end
 * it. Fed made-up observations, so no verdict depends on the machine: the shape of a recording
 * reviewed by hand (JDK 25, {@code settings=profile}), a virtual thread spinning 50 ms and sleeping
 * 40 ms, 15 times, which had been reported as one stretch of 1.3 s.
 */
class CarrierHoggingRuleTest {

    private static final long T0 = 1_796_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;
    private static final Observation.ThreadRef SPINNER = new Observation.ThreadRef(7, "spinner", true);
    private static final Observation.ThreadRef HOG = new Observation.ThreadRef(8, "hog", true);
    private static final String FRAME = "com.example.App.spin:3";

    /** Rounds of spinning: samples every 10 ms for 50 ms, then the block (40 ms from the last sample). */
    private static final int ROUNDS = 15;

    private static final long ROUND = 90 * MS;

    /** The rounds' samples, and after each round a block of this kind from 0.5 ms after its last sample for 39 ms. */
    private static List<Observation> spinsBetweenBlocks(Observation.Blocked.Kind kind, boolean pinned) {
        List<Observation> observations = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long start = T0 + round * ROUND;
            for (long at = 0; at <= 50 * MS; at += 10 * MS) {
                observations.add(new Observation.Sample(start + at, SPINNER, FRAME));
            }
            long blocked = start + 50 * MS + 500 * US;
            observations.add(
                    new Observation.Blocked(blocked, 39 * MS, SPINNER, kind, Observation.Blocked.Wait.IN_TASK));
            if (pinned) { // as JDK 25 records a sleep in a class initializer: the pin a few microseconds inside it
                observations.add(new Observation.Pinned(
                        blocked + 5 * US,
                        39 * MS - 10 * US,
                        SPINNER,
                        "ForkJoinPool-1-worker-1",
                        "VM call to com.example.App.<clinit> on stack",
                        "LockSupport.park",
                        List.of(),
                        false));
            }
        }
        return observations;
    }

    /** The first and last samples of the rounds are this far apart: the stretch when nothing ends it. */
    private static final double ALL_ROUNDS_MS = ((ROUNDS - 1) * ROUND + 50 * MS) / (double) MS;

    private static Finding run(List<Observation> observations, Map<String, EventEnabled> settings) {
        CarrierHoggingRule rule = new CarrierHoggingRule();
        observations.forEach(rule::accept);
        return rule.finish(new Rule.Recording(T0, T0 + 3_000 * MS, observations.size(), 1000, "r.jfr", settings));
    }

    private static Finding run(List<Observation> observations) {
        return run(observations, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Finding finding, int index) {
        return (Map<String, Object>) finding.list("threads").get(index);
    }

    @ParameterizedTest
    @EnumSource(
            value = Observation.Blocked.Kind.class,
            names = {"SLEEP", "SOCKET_READ", "SOCKET_WRITE"})
    void aBlockThatReleasedTheCarrierEndsTheStretch(Observation.Blocked.Kind kind) {
        Finding finding = run(spinsBetweenBlocks(kind, false));

        assertThat(finding.severity()).as(finding.summary()).isEqualTo(Severity.OK);
        assertThat(finding.list("threads")).isEmpty();
        assertThat(finding.summary())
                .isEqualTo("No virtual thread was seen holding its carrier for 100 ms or more (sampled with no"
                        + " recorded block that released it).");
        assertThat(finding.details()).containsEntry("releases_of_sampled_threads", (long) ROUNDS);
    }

    /** How a file can hold the events: not in time order (each thread's buffer is written as it fills). */
    enum Order {
        TIME,
        BLOCKS_FIRST,
        REVERSED
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void theSleepsEndTheStretchesInWhateverOrderTheyCome(Order order) {
        List<Observation> observations = new ArrayList<>(spinsBetweenBlocks(Observation.Blocked.Kind.SLEEP, false));
        switch (order) {
            case TIME -> {}
            case BLOCKS_FIRST ->
                observations.sort((a, b) ->
                        Boolean.compare(!(a instanceof Observation.Blocked), !(b instanceof Observation.Blocked)));
            case REVERSED -> java.util.Collections.reverse(observations);
        }

        Finding finding = run(observations);

        assertThat(finding.severity()).as(finding.summary()).isEqualTo(Severity.OK);
    }

    @ParameterizedTest
    @EnumSource(
            value = Observation.Blocked.Kind.class,
            names = {"PARK", "MONITOR_ENTER", "MONITOR_WAIT", "FILE_READ", "FILE_WRITE"})
    void aBlockThatKeptTheCarrierDoesNotEndTheStretch(Observation.Blocked.Kind kind) {
        Finding finding = run(spinsBetweenBlocks(kind, false));

        assertThat(finding.severity()).as(finding.summary()).isEqualTo(Severity.WARNING);
        assertThat(row(finding, 0)).containsEntry("thread", "spinner").containsEntry("longest_run_ms", ALL_ROUNDS_MS);
    }

    @Test
    void aSleepWhilePinnedDoesNotEndTheStretch() {
        Finding finding = run(spinsBetweenBlocks(Observation.Blocked.Kind.SLEEP, true));

        assertThat(finding.severity()).as(finding.summary()).isEqualTo(Severity.WARNING);
        assertThat(row(finding, 0))
                .containsEntry("thread", "spinner")
                .containsEntry("longest_run_ms", ALL_ROUNDS_MS)
                .containsEntry("pins_in_longest_run", ROUNDS - 1); // the last round's sleep is after the last sample
    }

    /** A second of samples every 10 ms, while another virtual thread sleeps and spins beside it. */
    @Test
    void aThreadThatSpinsASecondWithoutBlockingIsStillAWarningBesideAnotherThreadsSleeps() {
        List<Observation> observations = new ArrayList<>(spinsBetweenBlocks(Observation.Blocked.Kind.SLEEP, false));
        for (long at = 0; at <= 1_000 * MS; at += 10 * MS) {
            observations.add(new Observation.Sample(T0 + at, HOG, FRAME));
        }

        Finding finding = run(observations);

        assertThat(finding.severity()).as(finding.summary()).isEqualTo(Severity.WARNING);
        assertThat(finding.summary())
                .startsWith("1 virtual thread was seen holding its carrier for 100 ms or more: hog,");
        assertThat(finding.list("threads")).hasSize(1);
        assertThat(row(finding, 0)).containsEntry("longest_run_ms", 1000.0).containsEntry("start", T0);
    }

    /** A second of samples every 10 ms of one virtual thread at {@code frame}. */
    private static List<Observation> aSecondAt(Observation.ThreadRef thread, String frame) {
        List<Observation> observations = new ArrayList<>();
        for (long at = 0; at <= 1_000 * MS; at += 10 * MS) {
            observations.add(new Observation.Sample(T0 + at, thread, frame));
        }
        return observations;
    }

    /**
     * A hog sampled most in a library's loop that loom's runs found spinning (Agroal 3.2.1's, Commons Pool 2.13's,
     * Reactor's {@code busyLooping} retries: docs/inspect.md) is told as that loop, with what stops it, first, here
     * beside a hog elsewhere; the frames are those of those runs.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"', // not ': "Reactor's"
            value = {
                "io.agroal.pool.ConnectionPool.handlerFromSharedCache:354 | agroal-growing-pool | If this is Agroal"
                        + " 3.2.1 | agroal#214",
                "org.apache.commons.pool2.impl.BaseGenericObjectPool.durationSince:505 | commons-pool-create"
                        + " | If this is Apache Commons Pool 2.13.0 or 2.13.1 | setMaxWait",
                "reactor.core.publisher.InternalManySink.emitNext:35 | reactor-busy-looping | If this is Reactor's"
                        + " Sinks | reactor-core#4247",
            })
    void aHogInALibrarysKnownSpinSaysWhichLoopItIs(String frame, String id, String start, String cited) {
        List<Observation> both = new ArrayList<>(aSecondAt(HOG, "com.example.App.spin:3"));
        both.addAll(aSecondAt(SPINNER, frame));
        Finding finding = run(both);
        assertThat(finding.details()).containsEntry("known_spins", List.of(id));
        assertThat(finding.explanation())
                .startsWith(start)
                .contains(cited)
                .contains("Virtual threads are not time-sliced");
    }

    /** A hog elsewhere, or in another method of the same class, is told as no known loop. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "com.example.App.spin:3",
                "org.apache.commons.pool2.impl.GenericObjectPool.createObject:12",
                "io.agroal.pool.ConnectionPool.getConnection:291",
                "reactor.core.publisher.SinkManySerialized.tryEmitNext:60",
            })
    void aHogElsewhereIsNoKnownSpin(String frame) {
        Finding finding = run(aSecondAt(HOG, frame));
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.details()).containsEntry("known_spins", List.of());
        assertThat(finding.explanation()).startsWith("Virtual threads are not time-sliced");
    }

    /** A frame without its line, as a stack without line numbers gives it, is in its method all the same. */
    @Test
    void aFrameWithoutItsLineIsInItsMethod() {
        assertThat(KnownSpin.COMMONS_POOL_CREATE.isAt("org.apache.commons.pool2.impl.GenericObjectPool.create"))
                .isTrue();
        assertThat(KnownSpin.at(List.of("io.agroal.pool.ConnectionPool.handlerFromSharedCacheX:1")))
                .isEmpty();
    }

    /**
     * The 20 longest stretches are kept, and {@code threads_total} says how many there were: the JMC
     * text and the page said nothing of the rest (JMC counted "and 15 more" of 25).
     */
    @Test
    void keepsTheTwentyLongestAndSaysHowManyThereWere() {
        List<Observation> observations = new ArrayList<>();
        for (int thread = 0; thread < 25; thread++) {
            Observation.ThreadRef ref = new Observation.ThreadRef(100 + thread, "hog-" + thread, true);
            for (long at = 0; at <= 200 + 10 * thread; at += 10) {
                observations.add(new Observation.Sample(T0 + at * MS, ref, FRAME));
            }
        }

        Finding finding = run(observations);

        assertThat(finding.list("threads")).hasSize(20);
        assertThat(finding.details()).containsEntry("threads_total", 25);
        assertThat(Finding.total(finding.details(), "threads")).isEqualTo(25);
        assertThat(row(finding, 0)).containsEntry("thread", "hog-24");
        assertThat(finding.summary()).startsWith("25 virtual threads were seen");
    }

    /**
     * A JVM without virtual-thread events (JDK 17) has no virtual threads: N/A, not OK "No virtual thread
     * was seen holding its carrier" on its platform threads' samples (a review's JDK 17 recording).
     */
    @Test
    void aJvmWithoutVirtualThreadsIsNotApplicable() {
        Observation.ThreadRef platform = new Observation.ThreadRef(3, "main", false);
        List<Observation> samples = List.of(
                new Observation.Sample(T0, platform, FRAME), new Observation.Sample(T0 + 10 * MS, platform, FRAME));

        Finding jdk17 = run(samples, Map.of("jdk.VirtualThreadPinned", EventEnabled.ABSENT));
        assertThat(jdk17.severity()).isEqualTo(Severity.NA);
        assertThat(jdk17.summary()).contains("has no virtual threads");
        assertThat(run(samples, Map.of("jdk.VirtualThreadPinned", EventEnabled.ON))
                        .severity())
                .isEqualTo(Severity.OK);
    }

    @Test
    void aGapInTheSamplesStillEndsAStretch() {
        List<Observation> observations = new ArrayList<>();
        for (long at : new long[] {0, 50, 100, 150, 300, 350, 400}) { // 150 ms from 150 to 300
            observations.add(new Observation.Sample(T0 + at * MS, HOG, FRAME));
        }

        Finding finding = run(observations);

        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(row(finding, 0)).containsEntry("longest_run_ms", 150.0).containsEntry("start", T0);
    }

    /**
     * The events it reads, which the JMC plug-in asks of a recording: the samples, the releasing blocks, the pins, and
     * the CPU loads and virtual threads' starts and ends, which tell where the sampler fell behind and whether it could
     * have hidden a virtual thread.
     */
    @Test
    void readsTheSamplesTheReleasingBlocksThePinsAndTheCpuLoads() {
        assertThat(new CarrierHoggingRule().eventTypes())
                .containsExactlyInAnyOrder(
                        "jdk.ExecutionSample",
                        "jdk.CPULoad",
                        "jdk.VirtualThreadStart",
                        "jdk.VirtualThreadEnd",
                        "jdk.VirtualThreadPinned",
                        "jdk.ThreadSleep",
                        "jdk.SocketRead",
                        "jdk.SocketWrite");
    }

    @Test
    void saysWhenTheSettingsLeftTheReleasesOrTheSamplesOff() {
        Map<String, EventEnabled> releasesOff = Map.of(
                "jdk.ThreadSleep", EventEnabled.OFF,
                "jdk.SocketRead", EventEnabled.OFF,
                "jdk.SocketWrite", EventEnabled.OFF);
        assertThat(run(List.of(new Observation.Sample(T0, HOG, FRAME)), releasesOff)
                        .explanation())
                .contains(" This recording's settings leave jdk.SocketRead, jdk.SocketWrite and jdk.ThreadSleep off:"
                        + " only a gap in the samples could end a stretch.");
        assertThat(run(List.of(new Observation.Sample(T0, HOG, FRAME))).explanation())
                .doesNotContain("settings leave");

        Finding samplesOff = run(List.of(), Map.of("jdk.ExecutionSample", EventEnabled.OFF));
        assertThat(samplesOff.summary())
                .isEqualTo("Not recorded: the recording's settings leave jdk.ExecutionSample off.");
        assertThat(samplesOff.severity()).isEqualTo(Severity.NA);
        assertThat(samplesOff.applicable()).isFalse();
    }

    /** The sleep threshold the explanation gives is the recording's where its settings say, the JDK's defaults else. */
    @Test
    void theSleepThresholdIsTheRecordingsWhereItsSettingsSay() {
        Finding finding = oneSampleWithThreshold("jdk.ThreadSleep", java.time.Duration.ofMillis(1));
        assertThat(finding.explanation())
                .contains("from its threshold (1 ms in this recording)")
                .as("a bound both ways: above, the blocks it cannot see; below, the sampling at its ends")
                .contains("it is an upper bound of a hold between blocks. It runs from the thread's first sample to its"
                        + " last, so it can fall short of the hold by up to a sampling period at each end.");
        assertThat(run(List.of(new Observation.Sample(T0, HOG, FRAME))).explanation())
                .contains("from its threshold (20 ms in the JDK's default settings, 10 ms in profile)");
    }

    /**
     * A spinner whose sleeps were pinned, recorded with the pins off, reads as releasing its carrier at each sleep: the
     * finding says the pins were off rather than only "no virtual thread seen" (a helper's hunt); with a pin threshold
     * in the settings, the explanation gives it.
     */
    @Test
    void aRecordingWithThePinsOffOrAboveAThresholdSaysWhatItCouldNotSee() {
        // off, or on for part of the recording only (a second recording turned them on): the same, for when off
        Map<EventEnabled, List<String>> said = Map.of(
                EventEnabled.OFF,
                List.of(
                        "; with jdk.VirtualThreadPinned off, a block that kept it, pinned, read as a release).",
                        "This recording's settings leave jdk.VirtualThreadPinned off, so a block that kept the carrier,"
                                + " pinned"),
                EventEnabled.PART,
                List.of(
                        "; with jdk.VirtualThreadPinned on for part of the recording only, a block that kept it,"
                                + " pinned, while it was off read as a release).",
                        "This recording had jdk.VirtualThreadPinned on for part of it only, so while it was off a block"
                                + " that kept the carrier, pinned, read as one that released it."));
        said.forEach((pins, texts) -> {
            Finding finding = sleepingSpinner(Map.of("jdk.VirtualThreadPinned", pins, "jdk.ExecutionSample", pins));
            assertThat(finding.severity()).as(pins.name()).isEqualTo(Severity.OK);
            assertThat(finding.summary()).as(pins.name()).endsWith(texts.get(0));
            assertThat(finding.explanation()).as(pins.name()).contains(texts.get(1));
        });
        assertThat(sleepingSpinner(Map.of("jdk.ExecutionSample", EventEnabled.PART))
                        .explanation())
                .contains("jdk.ExecutionSample was on for part of the recording only, so a virtual thread that held"
                        + " its carrier while it was off is not seen. " + BaseRule.PART_ONLY);
        Finding on = sleepingSpinner(Map.of());
        assertThat(on.summary()).doesNotContain("jdk.VirtualThreadPinned");
        assertThat(on.explanation()).doesNotContain("part of");
        assertThat(on.explanation())
                .doesNotContain("jdk.VirtualThreadPinned off")
                .doesNotContain("pinned for less");

        Finding threshold = oneSampleWithThreshold("jdk.VirtualThreadPinned", java.time.Duration.ofSeconds(1));
        assertThat(threshold.explanation())
                .contains("JFR records a pin only from its threshold (1 s in this recording), so a block that kept the"
                        + " carrier, pinned for less, read as one that released it.");
        assertThat(oneSampleWithThreshold("jdk.VirtualThreadPinned", java.time.Duration.ZERO)
                        .explanation())
                .as("every pin recorded")
                .doesNotContain("pinned for less");
    }

    /** A spinner whose sleeps were pinned, in a recording whose settings say this of the event types. */
    private static Finding sleepingSpinner(Map<String, EventEnabled> settings) {
        return run(spinsBetweenBlocks(Observation.Blocked.Kind.SLEEP, false), settings);
    }

    /** One sample of the hog, in a recording whose settings give the event type this threshold. */
    private static Finding oneSampleWithThreshold(String eventType, java.time.Duration threshold) {
        CarrierHoggingRule rule = new CarrierHoggingRule();
        rule.accept(new Observation.Sample(T0, HOG, FRAME));
        return rule.finish(new Rule.Recording(
                T0,
                T0 + MS,
                1,
                1000,
                "r.jfr",
                Map.of(),
                Map.of(eventType, java.util.Set.of(threshold)),
                Map.of(),
                Map.of(),
                false));
    }

    /** Socket events are said to be throttled unless the recording's settings had their throttle off. */
    @Test
    void theThrottleIsNamedUnlessTheRecordingHadItOff() {
        assertThat(run(List.of(new Observation.Sample(T0, HOG, FRAME))).explanation())
                .contains("and throttles socket events, so a shorter or unrecorded block");
        CarrierHoggingRule rule = new CarrierHoggingRule();
        rule.accept(new Observation.Sample(T0, HOG, FRAME));
        Map<String, java.util.Set<String>> off =
                Map.of("jdk.SocketRead", java.util.Set.of("off"), "jdk.SocketWrite", java.util.Set.of("off"));
        Finding finding = rule.finish(
                new Rule.Recording(T0, T0 + MS, 1, 1000, "r.jfr", Map.of(), Map.of(), Map.of(), off, false));
        assertThat(finding.explanation())
                .doesNotContain("throttle")
                .contains("10 ms in profile), so a shorter block stays inside a stretch");
    }

    /**
     * Samples exactly {@link CarrierHoggingRule#GAP} apart stay one stretch (a gap cuts only when it is
     * longer); one nanosecond more cuts it.
     */
    @Test
    void aGapOfExactlyTheLimitDoesNotCutTheStretch() {
        long gap = CarrierHoggingRule.GAP;
        List<Observation> observations = new ArrayList<>();
        for (long at : new long[] {0, gap, 2 * gap, 3 * gap + 1, 4 * gap + 1}) {
            observations.add(new Observation.Sample(T0 + at, HOG, FRAME));
        }

        Finding finding = run(observations);

        assertThat(row(finding, 0))
                .as("0 to 2 gaps whole, cut before 3 gaps + 1 ns")
                .containsEntry("longest_run_ms", Durations.ms(2 * gap))
                .containsEntry("start", T0);
    }
}
