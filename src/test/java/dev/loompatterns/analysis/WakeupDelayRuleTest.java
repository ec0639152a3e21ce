package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.EventEnabled;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code wakeup-delay} from made-up sleeps: how late each woke (its duration less the time it asked for), the late
 * ones counted apart for virtual and platform threads, the median and p99 over the sleeps the recording holds every
 * one of (asked for its threshold or more), and the severity from the virtual threads' alone.
 * {@code RulesOnRecordingsTest} records a sleeper kept from its carrier.
 */
class WakeupDelayRuleTest {

    private static final String SLEEP = "jdk.ThreadSleep";
    private static final long MS = 1_000_000L;
    private static final Observation.ThreadRef VIRTUAL = new Observation.ThreadRef(21, "sleeper", true);
    private static final Observation.ThreadRef PLATFORM = new Observation.ThreadRef(1, "main", false);

    private static Observation.Blocked sleep(Observation.ThreadRef thread, long askedMs, double tookMs) {
        return new Observation.Blocked(
                        0,
                        (long) (tookMs * MS),
                        thread,
                        Observation.Blocked.Kind.SLEEP,
                        Observation.Blocked.Wait.IN_TASK)
                .asked(askedMs * MS);
    }

    /** A recording with sleeps on, their threshold as given; none given: not known. */
    private static Rule.Recording recording(Duration... thresholds) {
        return new Rule.Recording(
                0,
                1_000 * MS,
                10,
                100,
                "x.jfr",
                Map.of(SLEEP, EventEnabled.ON),
                thresholds.length == 0 ? Map.of() : Map.of(SLEEP, Set.of(thresholds)),
                Map.of(),
                Map.of(),
                false);
    }

    private static Finding finish(Rule.Recording recording, Observation.Blocked... sleeps) {
        WakeupDelayRule rule = new WakeupDelayRule();
        for (Observation.Blocked sleep : sleeps) {
            rule.accept(sleep);
        }
        return rule.finish(recording);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> side(Finding finding, String kind) {
        return (Map<String, Object>) finding.details().get(kind);
    }

    @Test
    void aVirtualThreadThatWokeAHundredMillisecondsLateOrMoreIsAWarning() {
        Finding finding = finish(
                recording(Duration.ofMillis(20)),
                sleep(VIRTUAL, 20, 20.1),
                sleep(VIRTUAL, 20, 35),
                sleep(VIRTUAL, 20, 150),
                sleep(PLATFORM, 20, 20.2));

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.summary())
                .startsWith("Virtual threads woke 10 ms or more late from 2 of 3 sleeps, up to 130 ms late (sleeper);"
                        + " median 15 ms and p99 130 ms over the 3 sleeps asked for 20 ms or more.");
        assertThat(side(finding, "virtual"))
                .containsEntry("sleeps", 3L)
                .containsEntry("late", 2L)
                .containsEntry("late_100ms", 1L)
                .containsEntry("longest_ms", 130.0)
                .containsEntry("longest_thread", "sleeper")
                .containsEntry("longest_asked_ms", 20.0)
                .containsEntry("whole", 3L)
                .containsEntry("median_ms", 15.0)
                .containsEntry("quantiles", "exact");
        assertThat(side(finding, "platform")).containsEntry("sleeps", 1L).containsEntry("late", 0L);
        // a kind with no sleep has its count alone
        assertThat(side(finish(recording(Duration.ofMillis(20)), sleep(VIRTUAL, 20, 21)), "platform"))
                .isEqualTo(Map.of("sleeps", 0L, "ended_early", 0L));
        // the platform thread's sleep, for comparison
        assertThat(finding.explanation()).contains("platform threads woke on time from 1 sleep");
        assertThat(finding.list("histogram")).isNotEmpty();
    }

    @Test
    void lateUnderAHundredMillisecondsIsInformationAndOnTimeIsOk() {
        assertThat(finish(recording(Duration.ofMillis(20)), sleep(VIRTUAL, 20, 30), sleep(VIRTUAL, 20, 119.9))
                        .severity())
                .isEqualTo(Severity.INFO);
        Finding onTime = finish(recording(Duration.ofMillis(20)), sleep(VIRTUAL, 20, 29.9), sleep(VIRTUAL, 25, 25));
        assertThat(onTime.severity()).isEqualTo(Severity.OK);
        assertThat(onTime.summary())
                .startsWith("Virtual threads woke on time from all 2 sleeps: none 10 ms or more late, the longest delay"
                        + " 9.9 ms");
    }

    /**
     * A platform thread's late sleep is the machine's or the JVM's, which the rule gives for comparison: a JVM
     * without virtual threads (a recording by JDK 17) is OK whatever its sleeps.
     */
    @Test
    void platformThreadsAloneAreNeverMoreThanOk() {
        Finding finding = finish(recording(Duration.ofMillis(20)), sleep(PLATFORM, 50, 300));

        assertThat(finding.severity()).isEqualTo(Severity.OK);
        assertThat(finding.summary())
                .isEqualTo(
                        "No virtual thread's sleep was recorded (platform threads woke 10 ms or more late from 1 of 1"
                                + " sleep, up to 250 ms late (main)).");
        assertThat(side(finding, "platform")).containsEntry("late_100ms", 1L);
    }

    /**
     * JFR records a sleep shorter than its threshold only when it ended late enough to pass it: such a sleep counts
     * among the late ones, and not in the median, which is over the sleeps the recording holds every one of.
     */
    @Test
    void theMedianIsOverTheSleepsAskedForTheThresholdOrMore() {
        Observation.Blocked[] sleeps = new Observation.Blocked[11];
        for (int i = 0; i < 10; i++) {
            sleeps[i] = sleep(VIRTUAL, 20, 21);
        }
        sleeps[10] = sleep(VIRTUAL, 5, 65); // recorded only because it ended 60 ms late
        Finding finding = finish(recording(Duration.ofMillis(20)), sleeps);

        assertThat(side(finding, "virtual"))
                .containsEntry("sleeps", 11L)
                .containsEntry("late", 1L)
                .containsEntry("longest_ms", 60.0)
                .containsEntry("whole", 10L)
                .containsEntry("asked_at_least_ms", 20L)
                .containsEntry("median_ms", 1.0)
                .containsEntry("p99_ms", 1.0);
        assertThat(finding.summary())
                .isEqualTo("Virtual threads woke 10 ms or more late from 1 of 11 sleeps, up to 60 ms late (sleeper); 1"
                        + " asked for less than 20 ms, the recording's threshold: not in the median, since a sleep"
                        + " shorter than the threshold is recorded only when it ended late; median 1.0 ms and p99 1.0"
                        + " ms over the 10 sleeps asked for 20 ms or more.");
        assertThat(finding.explanation())
                .contains("JFR records a sleep only when it lasted 20 ms or more, the recording's threshold");

        // a threshold between two of the rule's steps: the sleeps from the next step up
        Finding between = finish(recording(Duration.ofMillis(15)), sleeps);
        assertThat(side(between, "virtual"))
                .containsEntry("asked_at_least_ms", 20L)
                .containsEntry("whole", 10L);
        assertThat(between.summary())
                .contains("; 1 asked for less than 20 ms, the rule's step at or above the recording's threshold, 15"
                        + " ms: not in the median,");
        // a threshold of 0: every sleep is recorded, and all count
        Finding all = finish(recording(Duration.ZERO), sleeps);
        assertThat(side(all, "virtual")).containsEntry("asked_at_least_ms", 0L).containsEntry("whole", 11L);
        assertThat(all.summary()).contains("over the 11 sleeps.");
        // a threshold above a second: sleeps of 2.5 s and 3 s are whole, shorter ones not
        Finding seconds = finish(
                recording(Duration.ofSeconds(2)),
                sleep(VIRTUAL, 2_500, 2_501),
                sleep(VIRTUAL, 3_000, 3_002),
                sleeps[0]);
        assertThat(side(seconds, "virtual"))
                .containsEntry("asked_at_least_ms", 2_000L)
                .containsEntry("whole", 2L);
        assertThat(seconds.summary())
                .contains("; 1 asked for less than 2 s, the recording's threshold: not in the median,")
                .endsWith("over the 2 sleeps asked for 2 s or more.");
        // past the last step: no sleep is surely whole, no median
        Finding none = finish(recording(Duration.ofSeconds(200)), sleeps);
        assertThat(none.summary())
                .endsWith(
                        "; the recording's threshold, 200 s, is past the longest sleep the rule tells apart, 100 s: no"
                                + " median.");
        assertThat(side(none, "virtual"))
                .containsEntry("whole", 0L)
                .containsEntry("median_ms", null)
                .containsEntry("asked_at_least_ms", null);
    }

    /**
     * A sleep that ended a millisecond or more before its time was interrupted: it did not wake at its time, and is
     * counted apart, not as on time. One that ended less before it is the clocks' disagreement: on time.
     */
    @Test
    void anInterruptedSleepIsCountedApart() {
        Finding finding = finish(
                recording(Duration.ofMillis(20)),
                sleep(VIRTUAL, 1_000, 30),
                sleep(VIRTUAL, 100, 99.5),
                sleep(VIRTUAL, 100, 112));

        assertThat(side(finding, "virtual"))
                .containsEntry("sleeps", 2L)
                .containsEntry("ended_early", 1L)
                .containsEntry("late", 1L)
                .containsEntry("whole", 2L)
                .containsEntry("median_ms", 0.0);
        assertThat(finding.summary())
                .startsWith("Virtual threads woke 10 ms or more late from 1 of 2 sleeps,")
                .contains("; 1 more ended 1 ms or more before its time (interrupted), not counted");

        // interrupted sleeps alone are no sleep recorded: they are said as they are (a helper's five virtual threads
        // interrupted in a sleep of 5 s read "No thread's sleep was recorded")
        Finding interrupted =
                finish(recording(Duration.ofMillis(20)), sleep(VIRTUAL, 5_000, 300), sleep(VIRTUAL, 5_000, 300.1));
        assertThat(interrupted.severity()).isEqualTo(Severity.OK);
        assertThat(interrupted.summary())
                .isEqualTo("Virtual threads ended all 2 recorded sleeps 1 ms or more before their time (interrupted):"
                        + " none tells how late a thread woke.");
        assertThat(side(interrupted, "virtual")).isEqualTo(Map.of("sleeps", 0L, "ended_early", 2L));
        assertThat(finish(recording(Duration.ofMillis(20)), sleep(PLATFORM, 5_000, 300))
                        .summary())
                .isEqualTo("No virtual thread's sleep was recorded (platform threads ended their 1 recorded sleep 1 ms"
                        + " or more before its time (interrupted): none tells how late a thread woke).");
    }

    /**
     * At a threshold of 0 ms the file holds every sleep; where the settings gave several, the largest is taken and
     * the explanation says so (a helper's two recordings at once, 20 ms and 0 ms: JFR used the least).
     */
    @Test
    void theExplanationSaysWhatTheThresholdsLeftOut() {
        assertThat(finish(recording(Duration.ZERO), sleep(VIRTUAL, 5, 5.1)).explanation())
                .endsWith("The recording's threshold for sleeps is 0 ms: it holds every one, and every one counts in"
                        + " the median and p99.");
        Finding both = finish(recording(Duration.ZERO, Duration.ofMillis(20)), sleep(VIRTUAL, 17, 21));
        assertThat(both.details()).containsEntry("threshold_ms", 20.0);
        assertThat(both.explanation())
                .contains(
                        "The settings gave sleeps several thresholds (0 ms, 20 ms): a setting changed while recording,"
                                + " or another recording ran beside this one, in which case JFR used the least; the"
                                + " largest is taken");
    }

    @Test
    void aRecordingThatDoesNotSayItsThresholdIsTakenAsTheJdksDefault() {
        Finding finding = finish(recording(), sleep(VIRTUAL, 5, 65), sleep(VIRTUAL, 20, 21));

        assertThat(finding.details()).containsEntry("threshold_ms", 20.0).containsEntry("threshold_known", false);
        assertThat(side(finding, "virtual")).containsEntry("whole", 1L);
        assertThat(finding.explanation()).contains("20 ms or more (taken as the JDK's default");
    }

    @Test
    void onlySleepsWithTheirTimeCount() {
        Observation.Blocked noTime = new Observation.Blocked(
                0, 500 * MS, VIRTUAL, Observation.Blocked.Kind.SLEEP, Observation.Blocked.Wait.IN_TASK);
        Observation.Blocked park = new Observation.Blocked(
                        0, 500 * MS, VIRTUAL, Observation.Blocked.Kind.PARK, Observation.Blocked.Wait.IN_TASK)
                .asked(MS);
        Finding finding = finish(recording(Duration.ofMillis(20)), noTime, park);

        assertThat(finding.severity()).isEqualTo(Severity.OK);
        assertThat(finding.summary())
                .isEqualTo("No thread's sleep was recorded: nothing to tell how late threads woke.");
        assertThat(finding.details()).isEqualTo(Map.of("sleeps", 0));
        assertThat(finding.explanation())
                .isEqualTo("jdk.ThreadSleep was on; JFR records a sleep that lasted as long as its threshold, 20 ms.");
        assertThat(finish(recording(), noTime).explanation())
                .endsWith("20 ms (taken as the JDK's default: the recording does not say its own).");
    }

    @Test
    void sleepsLeftOffAreNotApplicable() {
        Finding finding =
                new WakeupDelayRule().finish(new Rule.Recording(0, MS, 1, 1, "x.jfr", Map.of(SLEEP, EventEnabled.OFF)));

        assertThat(finding.severity()).isEqualTo(Severity.NA);
        assertThat(finding.summary()).isEqualTo("Not recorded: the recording's settings leave jdk.ThreadSleep off.");
        assertThat(finding.explanation()).contains("a virtual thread's delay is its wait for a carrier");
        assertThat(List.copyOf(finding.details().keySet())).containsExactly("sleeps");
    }
}
