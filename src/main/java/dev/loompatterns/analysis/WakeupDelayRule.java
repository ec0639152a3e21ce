package dev.loompatterns.analysis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code wakeup-delay}: how late threads woke from their sleeps, a {@code jdk.ThreadSleep}'s duration less the time
 * the thread asked for (its {@code time}). A virtual thread whose sleep is over is queued for a carrier, so its delay
 * is the time it waited for one: carriers held by pins or by long computations, or more runnable virtual threads than
 * carriers, make it long. A platform thread's is the time it waited for a CPU. JDK 25 records no event for a virtual
 * thread's wait to mount; a sleep is the one wait whose end the thread named, so the one that shows it.
 *
 * <p>JFR records a sleep only when it lasted as long as the recording's threshold: a sleep asked for the threshold or
 * more always, a shorter one only when it ended late enough to pass it. The median and p99 are over the first kind
 * alone (the second would count only its late ones); the counts of late sleeps and the longest delay count both. The
 * threshold is known only at the end, so the sleeps are kept apart by the time they asked for, from
 * {@link #ASKED_FROM_MS}.
 */
public final class WakeupDelayRule extends BaseRule {

    static final String ID = "wakeup-delay";

    private static final String SLEEP = Observation.Blocked.Kind.SLEEP.eventType();

    WakeupDelayRule() {
        super(ID, "Wake-up delay", SLEEP);
    }

    /** A virtual thread's sleep that ended this late or later is late, INFO; {@code loom inspect --slim} keeps it. */
    static final long LATE = 10_000_000L;

    /**
     * Whether a sleep that lasted {@code duration} and asked for {@code asked} (nanoseconds) ended {@link #LATE} or
     * more after its time: a late one, which this rule counts and {@code loom inspect --slim} keeps.
     */
    public static boolean late(long duration, long asked) {
        return duration - asked >= LATE;
    }

    /** A virtual thread's sleep that ended this late or later: WARNING. */
    static final long WARNED = 100_000_000L;

    /** Where the sleeps are kept apart by the time they asked for, in milliseconds: thresholds a recording may have. */
    static final long[] ASKED_FROM_MS = {
        0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000
    };

    /**
     * A sleep that ended this much or more before its time was interrupted: it did not wake at its time, and is
     * counted apart. Less is the clocks' disagreement (JFR's ticks against the sleep's own timer): no delay.
     */
    static final long EARLY = 1_000_000L;

    /** The threshold taken when the recording does not say its own: JDK 25's default.jfc has 20 ms for sleeps. */
    static final Duration DEFAULT_THRESHOLD = Duration.ofMillis(20);

    private final Side virtual = new Side();
    private final Side platform = new Side();

    @Override
    public void accept(Observation observation) {
        if (observation instanceof Observation.Blocked blocked
                && blocked.kind() == Observation.Blocked.Kind.SLEEP
                && blocked.asked() >= 0) {
            (blocked.thread().virtual() ? virtual : platform).add(blocked);
        }
    }

    /** The sleeps of one kind of thread: counts, the longest delay, and the delays kept apart by the time asked. */
    private static final class Side {
        private final LogHistogram[] byAsked = new LogHistogram[ASKED_FROM_MS.length];
        private long sleeps;
        private long endedEarly;
        private long late;
        private long warned;
        private long longest = -1;
        private Observation.ThreadRef longestThread;
        private long longestAsked;

        void add(Observation.Blocked sleep) {
            if (sleep.asked() - sleep.duration() >= EARLY) {
                endedEarly++;
                return;
            }
            long delay = Math.max(0, sleep.duration() - sleep.asked());
            int from = ASKED_FROM_MS.length - 1;
            while (ASKED_FROM_MS[from] * 1_000_000L > sleep.asked()) {
                from--;
            }
            if (byAsked[from] == null) {
                byAsked[from] = new LogHistogram();
            }
            byAsked[from].add(delay);
            sleeps++;
            late += late(sleep.duration(), sleep.asked()) ? 1 : 0;
            warned += delay >= WARNED ? 1 : 0;
            if (delay > longest) {
                longest = delay;
                longestThread = sleep.thread();
                longestAsked = sleep.asked();
            }
        }

        /** The index of the first class whose sleeps were all recorded: asked for at least the threshold. */
        static int firstWhole(long threshold) {
            int from = 0;
            while (from < ASKED_FROM_MS.length && ASKED_FROM_MS[from] * 1_000_000L < threshold) {
                from++;
            }
            return from;
        }

        /** The delays of the sleeps asked for at least the threshold, every one of which the recording holds. */
        LogHistogram whole(long threshold) {
            LogHistogram whole = new LogHistogram();
            for (int i = firstWhole(threshold); i < byAsked.length; i++) {
                if (byAsked[i] != null) {
                    whole.addAll(byAsked[i]);
                }
            }
            return whole;
        }

        Map<String, Object> details(long threshold) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sleeps", sleeps);
            details.put("ended_early", endedEarly);
            if (sleeps == 0) {
                return details; // no figure to give, as a rule with nothing to look at gives its count alone
            }
            details.put("late", late);
            details.put("late_100ms", warned);
            details.put("longest_ms", Durations.ms(longest));
            details.put("longest_thread", longestThread.label());
            details.put("longest_asked_ms", Durations.ms(longestAsked));
            int first = firstWhole(threshold);
            LogHistogram whole = whole(threshold);
            details.put("asked_at_least_ms", first < ASKED_FROM_MS.length ? ASKED_FROM_MS[first] : null);
            details.put("whole", whole.count());
            details.put("median_ms", whole.count() == 0 ? null : Durations.ms(whole.quantile(0.5)));
            details.put("p99_ms", whole.count() == 0 ? null : Durations.ms(whole.quantile(0.99)));
            details.put("quantiles", whole.precision());
            return details;
        }

        /**
         * In words, after the thread kind: "woke 10 ms or more late from 12 of 4,000 sleeps, up to 23 ms late (t);
         * median 7.1 ms and p99 22 ms over the 4,000 sleeps asked for 20 ms or more", and where some asked for less,
         * that the recording holds those only when they lasted its threshold: a late one, mostly.
         */
        String words(Duration setting, long threshold) {
            String early = endedEarly == 0
                    ? ""
                    : Durations.count(endedEarly) + (sleeps == 0 ? "" : " more") + " ended 1 ms or more before "
                            + (endedEarly == 1 ? "its" : "their") + " time (interrupted), not counted";
            if (sleeps == 0) {
                return "ended "
                        + (endedEarly == 1 ? "their 1 recorded sleep" : "all " + endedEarly + " recorded sleeps")
                        + " 1 ms or more before " + (endedEarly == 1 ? "its" : "their")
                        + " time (interrupted): none tells how late a thread woke";
            }
            String text = late == 0
                    ? "woke on time from " + (sleeps == 1 ? "1 sleep" : "all " + Durations.count(sleeps, "sleep"))
                            + ": none 10 ms or more late, the longest delay " + Durations.words(longest)
                    : "woke 10 ms or more late from " + Durations.count(late) + " of "
                            + Durations.count(sleeps, "sleep") + ", up to " + Durations.words(longest) + " late ("
                            + longestThread.label() + ")";
            int first = firstWhole(threshold);
            LogHistogram whole = whole(threshold);
            long below = sleeps - whole.count();
            if (below > 0) {
                String who = sleeps == 1 ? "it" : below == sleeps ? "all" : Durations.count(below);
                text += first == ASKED_FROM_MS.length
                        ? "; the recording's threshold, " + Durations.setting(setting) + ", is past the longest sleep"
                                + " the rule tells apart, " + step(first - 1) + ": no median"
                        : "; " + who + " asked for less than " + step(first)
                                + (ASKED_FROM_MS[first] * 1_000_000L == threshold
                                        ? ", the recording's threshold"
                                        : ", the rule's step at or above the recording's threshold, "
                                                + Durations.setting(setting))
                                + ": not in the median, since a sleep shorter than the threshold is recorded only"
                                + " when it ended late";
            }
            if (!early.isEmpty()) {
                text += "; " + early;
            }
            if (whole.count() < 2) {
                return text;
            }
            return text + "; median " + Durations.words(whole.quantile(0.5)) + whole.approximately() + " and p99 "
                    + Durations.words(whole.quantile(0.99)) + " over the " + Durations.count(whole.count(), "sleep")
                    + (ASKED_FROM_MS[first] == 0 ? "" : " asked for " + step(first) + " or more");
        }
    }

    /** One of {@link #ASKED_FROM_MS} in words: "20 ms", "2 s". */
    private static String step(int index) {
        return Durations.setting(Duration.ofMillis(ASKED_FROM_MS[index]));
    }

    /** The threshold the recording gave sleeps (the largest, where it changed), or {@link #DEFAULT_THRESHOLD}. */
    private static Duration threshold(Recording recording) {
        return recording.threshold(SLEEP).stream().max(Duration::compareTo).orElse(DEFAULT_THRESHOLD);
    }

    @Override
    public Finding finish(Recording recording) {
        if (virtual.sleeps + virtual.endedEarly + platform.sleeps + platform.endedEarly == 0) {
            return recording.on(eventTypes())
                    ? new Finding(
                            ID,
                            Severity.OK,
                            "No thread's sleep was recorded: nothing to tell how late threads woke.",
                            SLEEP + " was on; JFR records a sleep that lasted as long as its threshold, "
                                    + Durations.setting(threshold(recording))
                                    + (recording.threshold(SLEEP).isEmpty()
                                            ? " (taken as the JDK's default: the recording does not say its own)."
                                            : "."),
                            Map.of("sleeps", 0))
                    : notRecorded(
                            recording,
                            eventTypes(),
                            SLEEP,
                            "to see how late threads woke from their sleeps: a virtual thread's delay is its wait for a"
                                    + " carrier (the JDK's default and profile settings record sleeps from 20 ms and 10"
                                    + " ms).",
                            "sleeps");
        }
        Duration setting = threshold(recording);
        long threshold = Durations.nanos(setting);
        // platform threads' delays are for comparison: a virtual-thread rule does not warn of the machine's load
        Severity severity = virtual.warned > 0 ? Severity.WARNING : virtual.late > 0 ? Severity.INFO : Severity.OK;
        String summary = virtual.sleeps + virtual.endedEarly == 0
                ? "No virtual thread's sleep was recorded (platform threads " + platform.words(setting, threshold)
                        + ")."
                : "Virtual threads " + virtual.words(setting, threshold) + ".";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("threshold_ms", Durations.ms(threshold));
        details.put("threshold_known", !recording.threshold(SLEEP).isEmpty());
        details.put("virtual", virtual.details(threshold));
        details.put("platform", platform.details(threshold));
        details.put("histogram", virtual.whole(threshold).buckets());
        return new Finding(ID, severity, summary, explanation(recording, setting, threshold), details);
    }

    private String explanation(Recording recording, Duration setting, long threshold) {
        StringBuilder text = new StringBuilder(
                "How late a thread woke is its sleep's recorded duration less the time it asked for. A virtual thread"
                        + " whose sleep is over waits for a carrier: carriers held by pins or by long computations (see"
                        + " pinning and carrier-hogging), or more runnable virtual threads than carriers, make it late."
                        + " What stops every thread, a long GC pause or a machine with no CPU to spare, makes platform"
                        + " threads late too");
        if (virtual.sleeps + virtual.endedEarly > 0 && platform.sleeps + platform.endedEarly > 0) {
            text.append(": platform threads ").append(platform.words(setting, threshold));
        }
        Set<Duration> thresholds = recording.threshold(SLEEP);
        if (threshold == 0) {
            return text.append(". The recording's threshold for sleeps is 0 ms: it holds every one, and every one"
                            + " counts in the median and p99.")
                    .toString();
        }
        text.append(". JFR records a sleep only when it lasted ")
                .append(Durations.setting(setting))
                .append(
                        thresholds.isEmpty()
                                ? " or more (taken as the JDK's default: the recording does not say its threshold)"
                                : " or more, the recording's threshold")
                .append(": a sleep asked for less is recorded only when it ended late enough to last it, so of those"
                        + " the file holds mostly the late ones; they count among the late where 10 ms late or more,"
                        + " never in the median and p99.");
        if (thresholds.size() > 1) {
            text.append(" The settings gave sleeps several thresholds (")
                    .append(thresholds.stream().map(Durations::setting).collect(Collectors.joining(", ")))
                    .append("): a setting changed while recording, or another recording ran beside this one, in which"
                            + " case JFR used the least; the largest is taken, so the median may leave out sleeps the"
                            + " file holds.");
        }
        return text.toString();
    }
}
