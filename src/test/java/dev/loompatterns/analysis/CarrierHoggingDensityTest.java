package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A stretch counts only where its thread was sampled in at least one in four of the sampler's periods, when the
 * recording's settings give the period. A review's queue consumer (fed every 60 ms, computing 10 ms) was an
 * INFO "sampled for 284 ms" from 5 samples 57 to 82 ms apart at a 10 ms period: it waited in between, on a
 * queue, which JDK 25 records no event for.
 */
class CarrierHoggingDensityTest {

    private static final long T0 = 1_796_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final Observation.ThreadRef CONSUMER = new Observation.ThreadRef(7, "consumer", true);
    private static final Observation.ThreadRef HOG = new Observation.ThreadRef(8, "hog", true);
    private static final String FRAME = "com.example.App.work:3";

    private static Finding run(List<Observation> observations, long periodMs) {
        return run(observations, periodMs, Map.of());
    }

    private static Finding run(
            List<Observation> observations, long periodMs, Map<String, dev.loompatterns.jfr.EventEnabled> settings) {
        CarrierHoggingRule rule = new CarrierHoggingRule();
        observations.forEach(rule::accept);
        Map<String, Set<Duration>> periods =
                periodMs == 0 ? Map.of() : Map.of("jdk.ExecutionSample", Set.of(Duration.ofMillis(periodMs)));
        return rule.finish(new Rule.Recording(
                T0,
                T0 + 10_000 * MS,
                observations.size(),
                1000,
                "r.jfr",
                settings,
                Map.of(),
                periods,
                Map.of(),
                false));
    }

    /** Samples of one thread at these offsets from T0, in ms. */
    private static List<Observation> samples(Observation.ThreadRef thread, long... ms) {
        List<Observation> observations = new ArrayList<>();
        for (long at : ms) {
            observations.add(new Observation.Sample(T0 + at * MS, thread, FRAME));
        }
        return observations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(Finding finding) {
        assertThat(finding.list("threads")).as(finding.summary()).hasSize(1);
        return (Map<String, Object>) finding.list("threads").getFirst();
    }

    @Test
    void aConsumerSampledInFewOfThePeriodsIsNoHog() {
        List<Observation> consumer = samples(CONSUMER, 0, 57, 139, 205, 284);

        Finding finding = run(consumer, 10);

        assertThat(finding.severity()).as(finding.summary()).isEqualTo(Severity.OK);
        assertThat(finding.details()).containsEntry("sparse_threads", 1L).containsEntry("sampling_period_ms", 10.0);
        assertThat(finding.explanation())
                .contains("at least one in 4 of the sampler's periods of 10 ms")
                .contains("1 virtual thread was sampled across 100 ms or more only in fewer");
        // without the period, as before: one stretch of 284 ms
        Finding unknownPeriod = run(consumer, 0);
        assertThat(unknownPeriod.severity()).isEqualTo(Severity.INFO);
        assertThat(only(unknownPeriod)).containsEntry("longest_run_ms", 284.0);
        assertThat(unknownPeriod.explanation()).contains("do not give jdk.ExecutionSample's period");
    }

    @Test
    void aThreadSampledInEveryPeriodHoldsItsCarrier() {
        long[] every10 = new long[61];
        for (int i = 0; i < every10.length; i++) {
            every10[i] = i * 10L;
        }

        Finding finding = run(samples(HOG, every10), 10);

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(only(finding))
                .containsEntry("longest_run_ms", 600.0)
                .containsEntry("samples", 61)
                .containsEntry("samples_in_longest_run", 61);
        assertThat(finding.details()).containsEntry("sparse_threads", 0L);
    }

    /**
     * A hog of 100 ms that then takes from a queue, sampled every 95 ms: the longest part seen in one period in
     * four or more, not the whole run of samples (2 s), nor only the hog: six samples of the tail keep 17 of 68
     * periods.
     */
    @Test
    void aSparseTailIsCutWhereTheThreadStopsBeingSeenInOnePeriodInFour() {
        List<Long> at = new ArrayList<>();
        for (long t = 0; t <= 100; t += 10) {
            at.add(t);
        }
        for (int k = 1; k <= 20; k++) {
            at.add(100 + 95L * k);
        }

        Map<String, Object> hog =
                only(run(samples(HOG, at.stream().mapToLong(Long::longValue).toArray()), 10));

        assertThat(hog).containsEntry("longest_run_ms", 670.0).containsEntry("samples_in_longest_run", 17);
    }

    /**
     * Where the sampler took its fill of other threads running Java code in a stretch's periods, a thread
     * seen in few of them may have been left out, not waiting: the stretch counts, as it did before.
     */
    @Test
    void aSamplerWithNoRoomLeavesTheStretchWhole() {
        List<Observation> observations = new ArrayList<>(samples(HOG, 0, 57, 139, 205, 284));
        for (int platform = 0; platform < 5; platform++) {
            Observation.ThreadRef busy = new Observation.ThreadRef(100 + platform, "cpu-" + platform, false);
            for (long t = 0; t <= 290; t += 10) {
                observations.add(new Observation.Sample(T0 + t * MS, busy, FRAME));
            }
        }

        Finding finding = run(observations, 10);

        assertThat(only(finding)).containsEntry("longest_run_ms", 284.0);
        assertThat(finding.details()).containsEntry("sparse_threads", 0L);
    }

    /** The longest dense part, against every pair of samples tried by brute force, on random samples. */
    @Test
    void theLongestDensePartIsTheLongestOfAllPairs() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            int n = 2 + random.nextInt(40);
            long[] at = new long[n];
            long t = 0;
            for (int i = 0; i < n; i++) {
                at[i] = t;
                t += 1 + random.nextInt(random.nextBoolean() ? 15 : 95); // under the 100 ms gap, dense or not
            }
            long period = 10;
            long expected = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    if ((long) CarrierHoggingRule.ONE_PERIOD_IN * (j - i + 1) * period >= at[j] - at[i] + period) {
                        expected = Math.max(expected, at[j] - at[i]);
                    }
                }
            }
            Finding finding = run(samples(HOG, at), period);
            double longest = finding.list("threads").isEmpty()
                    ? -1
                    : (Double) ((Map<?, ?>) finding.list("threads").getFirst()).get("longest_run_ms");
            if (expected >= 100) {
                assertThat(longest).as("round " + round).isEqualTo((double) expected);
            } else {
                assertThat(finding.list("threads")).as("round " + round).isEmpty();
            }
        }
    }

    /**
     * The sampler falling behind where the JVM's threads keep every CPU busy: a virtual thread and nine platform
     * threads all spinning, sampled in turn, one sample every 12.5 ms (0.8 a period of 10 ms, as 9 spinners beside a
     * hog took on 2 cores), so the virtual one only every 125 ms, too sparse to count.
     */
    private static List<Observation> tenSpinnersSampledInTurn() {
        List<Observation> observations = new ArrayList<>();
        for (int k = 0; k * 12.5 < 3000; k++) {
            Observation.ThreadRef thread =
                    k % 10 == 0 ? HOG : new Observation.ThreadRef(100 + k % 10, "spinner-" + k % 10, false);
            observations.add(new Observation.Sample(T0 + Math.round((5 + k * 12.5) * MS), thread, FRAME));
        }
        return observations;
    }

    /** The JVM's and the machine's CPU loads, one a second from T0 (the first reads 0, as the JDK's first does). */
    private static List<Observation> loads(double jvm, double machine, int seconds) {
        List<Observation> observations = new ArrayList<>();
        observations.add(new Observation.CpuLoad(T0, 0, 0));
        for (int second = 1; second <= seconds; second++) {
            observations.add(new Observation.CpuLoad(T0 + second * 1000 * MS, jvm, machine));
        }
        return observations;
    }

    private static List<Observation> with(List<Observation> a, List<Observation> b) {
        List<Observation> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /**
     * Where the JVM kept every CPU busy and the samples, shared among the threads sampled, came to fewer than one in
     * four periods each, a thread that held its carrier cannot be told from one that waited: not known (INFO), not OK.
     * Without the loads it is OK, as before, with sampler_starved_ms null; with the JVM at half the CPUs, OK and 0.
     */
    @Test
    void aSamplerThatFellBehindOnCpusTheJvmKeptBusyIsNotKnownRatherThanOk() {
        List<Observation> consumer = samples(CONSUMER, 1100, 1157, 1239, 1305, 1384);
        Finding starved = run(with(with(tenSpinnersSampledInTurn(), consumer), loads(0.99, 1.0, 3)), 10);

        assertThat(starved.severity()).as(starved.summary()).isEqualTo(Severity.INFO);
        assertThat(starved.summary())
                .isEqualTo("Not known: no virtual thread was seen holding its carrier for 100 ms or more, but for 3.0 s"
                        + " the JVM kept every CPU busy and JFR's sampler fell behind, so one that held its carrier"
                        + " then could not be seen.");
        assertThat(starved.details()).containsEntry("sampler_starved_ms", 3000.0);
        assertThat(starved.explanation())
                .contains("(jdk.CPULoad: 99%, the machine 100%, where it fell furthest behind)")
                .contains("took 0.85 samples a period of 10 ms among 11 threads, fewer than one in 4 periods each")
                .contains("1 virtual thread was sampled across 100 ms or more only in fewer, having waited in between"
                        + " (a queue, a lock or a latch, which JDK 25 records no event for) or, where the sampler fell"
                        + " behind, not sampled often enough to tell, and is not counted.");

        Finding blind = run(tenSpinnersSampledInTurn(), 10);
        assertThat(blind.severity()).isEqualTo(Severity.OK);
        assertThat(blind.details()).containsEntry("sampler_starved_ms", null);
        assertThat(blind.explanation()).doesNotContain("fell behind");

        Finding halfBusy = run(with(tenSpinnersSampledInTurn(), loads(0.5, 1.0, 3)), 10);
        assertThat(halfBusy.severity()).isEqualTo(Severity.OK);
        assertThat(halfBusy.details()).containsEntry("sampler_starved_ms", 0.0);
    }

    /**
     * Only the seconds the sampler fell behind count, and only from the second load on: the first tells nothing.
     * With one load, nothing is known; with the busy second one of three, that second alone.
     */
    @Test
    void onlyTheSecondsWhoseLoadWasBusyCountAndTheFirstLoadTellsNothing() {
        Finding one = run(with(tenSpinnersSampledInTurn(), List.of(new Observation.CpuLoad(T0 + 1000 * MS, 1, 1))), 10);
        assertThat(one.details()).containsEntry("sampler_starved_ms", null);
        assertThat(one.severity()).isEqualTo(Severity.OK);

        List<Observation> loads = new ArrayList<>(loads(0.3, 1.0, 3));
        loads.set(2, new Observation.CpuLoad(T0 + 2000 * MS, 0.95, 1.0));
        Finding second = run(with(tenSpinnersSampledInTurn(), loads), 10);
        assertThat(second.details()).containsEntry("sampler_starved_ms", 1000.0);
        assertThat(second.severity()).isEqualTo(Severity.INFO);

        // the loads do not widen the recording as the rules see it: they come on a timer, whatever the program did
        Analysis analysis = Analysis.ofAllRules();
        analysis.accept(new Observation.CpuLoad(T0 - 1000 * MS, 1, 1));
        analysis.accept(new Observation.Sample(T0, HOG, FRAME));
        analysis.accept(new Observation.CpuLoad(T0 + 1000 * MS, 1, 1));
        assertThat(analysis.first()).isEqualTo(T0);
        assertThat(analysis.last()).isEqualTo(T0);
    }

    /**
     * A queue consumer on a JVM that kept every CPU busy, sampled beside two spinners in every period: the sampler
     * kept up (3 threads, over 2 samples a period), so the consumer, sparse, waited; it stays OK and uncounted.
     */
    @Test
    void aConsumerBesideSpinnersTheSamplerKeptUpWithStaysOk() {
        List<Observation> observations = new ArrayList<>(samples(CONSUMER, 0, 57, 139, 205, 284));
        for (int platform = 0; platform < 2; platform++) {
            Observation.ThreadRef spinner = new Observation.ThreadRef(100 + platform, "spinner-" + platform, false);
            for (long t = 0; t < 1000; t += 10) {
                observations.add(new Observation.Sample(T0 + t * MS, spinner, FRAME));
            }
        }

        Finding finding = run(with(observations, loads(1.0, 1.0, 1)), 10);

        assertThat(finding.severity()).as(finding.summary()).isEqualTo(Severity.OK);
        assertThat(finding.details()).containsEntry("sampler_starved_ms", 0.0).containsEntry("sparse_threads", 1L);
    }

    /** A hog seen on a sampler that fell behind is still reported, and the explanation says others may be unseen. */
    @Test
    void aHogSeenWhileTheSamplerFellBehindIsReportedWithTheCaveat() {
        long[] every10 = new long[61];
        for (int i = 0; i < every10.length; i++) {
            every10[i] = 2000 + i * 10L;
        }
        Finding finding = run(with(with(tenSpinnersSampledInTurn(), samples(CONSUMER, every10)), loads(1, 1, 3)), 10);

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(only(finding)).containsEntry("thread", "consumer").containsEntry("longest_run_ms", 600.0);
        assertThat(finding.details()).containsEntry("sampler_starved_ms", 3000.0);
        assertThat(finding.explanation())
                .contains("Other virtual threads may have held their carriers unseen then, and a stretch may have been"
                        + " longer than seen.");
    }

    /**
     * A recording that would show every virtual thread's start and end, and shows none, nor a virtual thread's sample
     * or pin, had no virtual thread to hog a carrier: a sampler that fell behind on platform threads hid nothing, and
     * the rule stays OK. Where the recording cannot tell (the JDK's settings leave the starts off), it is not known.
     */
    @Test
    void aSamplerThatFellBehindOnPlatformThreadsAloneHidNoVirtualThreadWhereStartsWereRecorded() {
        List<Observation> platformOnly = new ArrayList<>(tenSpinnersSampledInTurn().stream()
                .map(o -> (Observation.Sample) o)
                .map(sample -> (Observation) new Observation.Sample(
                        sample.time(),
                        new Observation.ThreadRef(
                                sample.thread().id(), sample.thread().name(), false),
                        FRAME))
                .toList());
        platformOnly.addAll(loads(1.0, 1.0, 3));
        Map<String, dev.loompatterns.jfr.EventEnabled> startsAndEndsOn = Map.of(
                "jdk.VirtualThreadStart", dev.loompatterns.jfr.EventEnabled.ON,
                "jdk.VirtualThreadEnd", dev.loompatterns.jfr.EventEnabled.ON);

        Finding none = run(platformOnly, 10, startsAndEndsOn);
        assertThat(none.severity()).as(none.summary()).isEqualTo(Severity.OK);
        assertThat(none.details()).containsEntry("sampler_starved_ms", 3000.0);

        assertThat(run(platformOnly, 10).severity())
                .as("starts and ends not known")
                .isEqualTo(Severity.INFO);
        List<Observation> oneStarted = new ArrayList<>(platformOnly);
        oneStarted.add(new Observation.VirtualStart(T0 + 500 * MS, CONSUMER));
        assertThat(run(oneStarted, 10, startsAndEndsOn).severity())
                .as("a virtual thread started")
                .isEqualTo(Severity.INFO);
    }
}
