package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loompatterns.jfr.EventEnabled;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The census's figures are what happened, or say how far off they may be: the most alive at once
 * is exact, however starts and ends fall in time; the lifetimes' median is within its stated bound
 * past the values a histogram keeps; with no lifetime in the recording, none is given.
 */
@Timeout(300) // backstop only: one test records a child JVM
class VirtualThreadCensusRuleTest {

    /** A multiple of the old 10 ms slice, so the made-up events below share one. */
    private static final long T0 = 1_796_000_000_000_000_000L;

    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;

    private static Observation.ThreadRef virtual(long id) {
        return new Observation.ThreadRef(id, "v-" + id, true);
    }

    /** The observations fed in a shuffled order, as a file's chunks hold them: not in time order. */
    private static Finding census(List<Observation> observations) {
        return census(observations, Map.of());
    }

    /** The same, from a recording whose settings say this of the event types. */
    private static Finding census(List<Observation> observations, Map<String, EventEnabled> settings) {
        List<Observation> shuffled = new ArrayList<>(observations);
        Collections.shuffle(shuffled, new Random(7));
        VirtualThreadCensusRule rule = new VirtualThreadCensusRule();
        shuffled.forEach(rule::accept);
        return rule.finish(new Rule.Recording(T0, T0 + 10_000 * MS, shuffled.size(), 1000, "r.jfr", settings));
    }

    private static long highestPoint(Finding finding) {
        return finding.list("alive_over_time").stream()
                .mapToLong(point -> (Long) ((Map<?, ?>) point).get("alive"))
                .max()
                .orElseThrow();
    }

    /**
     * 1,000 threads start one a microsecond and end 2 ms later, all within one 10 ms: all were
     * alive together from the last start to the first end. Counting starts minus ends per 10 ms
     * said 0.
     */
    @Test
    void countsEveryThreadAliveTogetherWhenStartsAndEndsShareTenMilliseconds() {
        List<Observation> lives = new ArrayList<>();
        for (int id = 0; id < 1_000; id++) {
            lives.add(new Observation.VirtualStart(T0 + id * US, virtual(id)));
            lives.add(new Observation.VirtualEnd(T0 + 2 * MS + id * US, virtual(id)));
        }

        Finding finding = census(lives);

        assertThat(finding.details()).containsEntry("peak_alive", 1_000L).containsEntry("peak_at", T0 + 999 * US);
        assertThat(finding.summary()).contains("at the peak 1,000 of them alive at once");
        assertThat(highestPoint(finding)).as("the chart's highest point").isEqualTo(1_000L);
    }

    /**
     * A thread is alive from its start up to its end: one that ends as another starts is not counted
     * with it, and one that ends as it starts is never alive.
     */
    @Test
    void aThreadThatEndsAsAnotherStartsIsNotCountedWithIt() {
        List<Observation> lives = List.of(
                new Observation.VirtualStart(T0 + MS, virtual(1)),
                new Observation.VirtualEnd(T0 + 5 * MS, virtual(1)),
                new Observation.VirtualStart(T0 + 5 * MS, virtual(2)),
                new Observation.VirtualEnd(T0 + 9 * MS, virtual(2)),
                new Observation.VirtualStart(T0 + 5 * MS, virtual(3)),
                new Observation.VirtualEnd(T0 + 5 * MS, virtual(3)));

        Finding finding = census(lives);

        assertThat(finding.details()).containsEntry("peak_alive", 1L).containsEntry("peak_at", T0 + MS);
        assertThat(highestPoint(finding)).isEqualTo(1L);
    }

    /**
     * Threads that end without a start in the recording started before it: alive from its first
     * event until their ends.
     */
    @Test
    void threadsThatOnlyEndWereAliveFromTheFirstEvent() {
        List<Observation> lives = List.of(
                new Observation.VirtualEnd(T0 + 10 * MS, virtual(1)),
                new Observation.VirtualEnd(T0 + 20 * MS, virtual(2)),
                new Observation.VirtualStart(T0 + 15 * MS, virtual(3)),
                new Observation.VirtualStart(T0 + 16 * MS, virtual(4)),
                new Observation.VirtualEnd(T0 + 30 * MS, virtual(5)));

        Finding finding = census(lives);

        // 3 alive until 10 ms, 2 until 15 ms, 3 from 15 ms, 4 from 16 ms, 3 from 20 ms, 2 from 30 ms
        assertThat(finding.details())
                .containsEntry("ended_without_start", 3L)
                .containsEntry("peak_alive", 4L)
                .containsEntry("peak_at", T0 + 16 * MS);
        assertThat(finding.list("alive_over_time").getLast())
                .isEqualTo(Map.of("time", T0 + 30 * MS, "alive", 3L)); // the most in the slice ending then
        // a thread alive all through the recording is in none of its events: the peak is a floor
        assertThat(finding.summary()).contains("at least 4 alive at once").doesNotContain("at most");
        assertThat(finding.explanation()).startsWith("The recording began with virtual threads alive: 3 ended in it");
    }

    private static Observation sleep(long time, long id) {
        return Observation.Blocked.of(time, 5 * MS, virtual(id), Observation.Blocked.Kind.SLEEP, List::of);
    }

    /**
     * Threads that neither start nor end in the recording but sleep in it were alive through all of it: counted in the
     * peak, alive at the end and as lives cut at its edges. A review's {@code jcmd JFR.start} beside 1,000 sleeping
     * threads read "at least 100 alive at once", counting only the 100 short ones it saw start. A thread that started
     * or ended in it is counted once, whichever of its events the file holds first.
     */
    @Test
    void threadsNamedOnlyByTheirWaitsWereAliveThroughTheRecording() {
        List<Observation> events = new ArrayList<>();
        for (long id = 100; id < 300; id++) { // 200 that sleep through the recording
            events.add(sleep(T0 + id * MS, id));
            events.add(sleep(T0 + (id + 500) * MS, id));
        }
        events.add(new Observation.VirtualStart(T0 + 1000 * MS, virtual(1)));
        events.add(sleep(T0 + 1001 * MS, 1));
        events.add(new Observation.VirtualEnd(T0 + 1010 * MS, virtual(1)));
        events.add(new Observation.VirtualStart(T0 + 2000 * MS, virtual(2))); // alive at the end
        events.add(sleep(T0 + 2001 * MS, 2));
        events.add(sleep(T0 + 2002 * MS, 3)); // ended in it
        events.add(new Observation.VirtualEnd(T0 + 3000 * MS, virtual(3)));

        Finding finding = census(events);

        assertThat(finding.details())
                .containsEntry("alive_throughout", 200L)
                .containsEntry("peak_alive", 202L) // the 200, thread 3 until 3 s, and thread 1 or 2
                .containsEntry("alive_at_end", 201)
                .containsEntry("ended_without_start", 1L)
                .containsEntry("lifetimes_cut_at_edges", 202L);
        assertThat(highestPoint(finding)).isEqualTo(202);
        assertThat(finding.summary()).startsWith("2 virtual threads started, 2 ended, at least 202 alive at once;");
        assertThat(finding.explanation())
                .startsWith("The recording began with virtual threads alive: 1 ended in it that did not start in it"
                        + " (counted alive from its start), and 200 neither started nor ended in it but are named by"
                        + " its other events (a recorded wait, a pin, a sample): alive through all of it.");
    }

    /** With no start or end at all, the threads its other events name are counted: how many, and in how many events. */
    @Test
    void withNoStartOrEndTheThreadsItsOtherEventsNameAreCounted() {
        List<Observation> events = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            for (int i = 0; i < 4; i++) {
                events.add(sleep(T0 + (10 * id + i) * MS, id));
            }
        }
        events.add(new Observation.Sample(T0 + 50 * MS, virtual(3), "app.Work.run"));

        Finding finding = census(events, Map.of("jdk.VirtualThreadStart", EventEnabled.ON));

        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.summary())
                .isEqualTo("No virtual thread started or ended while recording, but 3 virtual threads ran, in 13"
                        + " pins, samples and recorded waits of theirs.");
        assertThat(finding.details())
                .containsEntry("alive_throughout", 3L)
                .containsEntry("other_virtual_thread_events", 13L);
    }

    /**
     * With the starts and ends off, as the JDK's own default settings leave them, and pins on: not applicable, and the
     * threads the other events name are said, not counted. It said only "Not recorded", as if none had run.
     */
    @Test
    void withStartsAndEndsOffTheThreadsItsOtherEventsNameAreSaidNotCounted() {
        List<Observation> events = new ArrayList<>();
        for (long id = 1; id <= 2; id++) {
            events.add(sleep(T0 + id * MS, id));
        }
        events.add(new Observation.Sample(T0 + 5 * MS, virtual(2), "app.Work.run"));
        Map<String, EventEnabled> off =
                Map.of("jdk.VirtualThreadStart", EventEnabled.OFF, "jdk.VirtualThreadEnd", EventEnabled.OFF);

        Finding finding = census(events, off);
        Finding none = census(List.of(), off);

        assertThat(finding.severity()).isEqualTo(Severity.NA);
        assertThat(finding.summary())
                .isEqualTo("Not recorded: the recording's settings leave jdk.VirtualThreadStart and"
                        + " jdk.VirtualThreadEnd off. Virtual threads did run: 2 are named in 3 pins, samples and"
                        + " recorded waits.");
        assertThat(finding.details())
                .containsExactlyEntriesOf(Finding.inOrder("started", 0, "ended", 0, "other_virtual_thread_events", 3L));
        assertThat(none.severity()).isEqualTo(Severity.NA);
        assertThat(none.summary())
                .isEqualTo("Not recorded: the recording's settings leave jdk.VirtualThreadStart and"
                        + " jdk.VirtualThreadEnd off.");
        assertThat(none.details()).containsExactlyEntriesOf(Finding.inOrder("started", 0, "ended", 0));
    }

    /**
     * The command to paste calls the tools as the run that reads the file says: loom's launcher as the user called it,
     * and the JDK's own jfr (a bare {@code jfr} was a JDK 17's on a review's PATH: "unknown command 'scrub'").
     */
    @Test
    void theCommandToPasteCallsTheToolsAsTheRunSays() {
        List<Observation> events = List.of(
                new Observation.VirtualStart(T0 + MS, virtual(1)), new Observation.VirtualEnd(T0 + 2 * MS, virtual(1)));
        Pasted pasted = new Pasted("'/opt/jdk 25/bin/jfr'", "./loom", java.util.Set.of(), null);
        for (boolean copied : List.of(false, true)) {
            VirtualThreadCensusRule rule = new VirtualThreadCensusRule(pasted);
            events.forEach(rule::accept);
            Finding finding = rule.finish(new Rule.Recording(
                    T0, T0 + 10 * MS, 2, 1000, "r.jfr", Map.of(), Map.of(), Map.of(), Map.of(), copied));
            assertThat((String) finding.details().get("slim_command"))
                    .as(copied ? "a killed JVM's chunk, which jfr cannot read" : "a finished recording")
                    .startsWith(copied ? "./loom inspect r.jfr --slim " : "'/opt/jdk 25/bin/jfr' scrub ");
        }
        // a run that writes a slim copy names that copy, not a name of its own beside the file
        VirtualThreadCensusRule writing = new VirtualThreadCensusRule(new Pasted(
                "jfr", "./loom", java.util.Set.of(Path.of("edge/churn slim.jfr")), Path.of("edge/churn slim.jfr")));
        events.forEach(writing::accept);
        Finding finding = writing.finish(new Rule.Recording(
                T0, T0 + 10 * MS, 2, 1000, "rec/churn.jfr", Map.of(), Map.of(), Map.of(), Map.of(), false));
        assertThat((String) finding.details().get("slim_command"))
                .isEqualTo("./loom inspect rec/churn.jfr --slim 'edge/churn slim.jfr'");
        // a run that writes no copy names one of the census's own, past what the run writes (its report, here)
        VirtualThreadCensusRule reporting = new VirtualThreadCensusRule(
                new Pasted("jfr", "./loom", java.util.Set.of(Path.of("rec/churn-slim.jfr")), null));
        events.forEach(reporting::accept);
        Finding named = reporting.finish(new Rule.Recording(
                T0, T0 + 10 * MS, 2, 1000, "rec/churn.jfr", Map.of(), Map.of(), Map.of(), Map.of(), false));
        assertThat((String) named.details().get("slim_command")).endsWith(" rec/churn.jfr rec/churn-slim-2.jfr");
    }

    /**
     * With every thread seen to start, the peak is of the threads seen, not "at most": a reviewer's jcmd recording
     * of a program with 20,000 sleeping threads, none of which started or ended in it, said "at most 1,000 alive".
     */
    @Test
    void withEveryThreadSeenToStartThePeakIsOfTheThreadsSeen() {
        Finding finding = census(List.of(
                new Observation.VirtualStart(T0 + MS, virtual(1)),
                new Observation.VirtualStart(T0 + 2 * MS, virtual(2)),
                new Observation.VirtualEnd(T0 + 3 * MS, virtual(1))));

        assertThat(finding.summary())
                .contains("at the peak 2 of them alive at once")
                .doesNotContain("at most");
        assertThat(finding.explanation())
                .doesNotContain("began with virtual threads alive")
                .contains("one alive through all of it")
                .contains("is counted where another event names it (a recorded wait, a pin, a sample), and none did")
                // where their lives went waiting, a recording cannot say: what can is named
                .contains("JFR records no park or monitor wait of a virtual thread that unmounts (JDK 25)")
                .contains("'loom dump FILE' counts them by where they are");
    }

    /**
     * A start whose event has no event thread is paired with its end by the event's own javaThreadId (a
     * multi-chunk recording had one such start of 150,000: one thread "alive at the end" that had ended).
     */
    @Test
    void aStartWithoutItsEventThreadIsPairedByItsJavaThreadId() {
        Observation.ThreadRef withoutEventThread = Observation.ThreadRef.virtual(Observation.ThreadRef.UNKNOWN, 7);
        Finding finding = census(List.of(
                new Observation.VirtualStart(T0 + MS, withoutEventThread),
                new Observation.VirtualEnd(T0 + 3 * MS, Observation.ThreadRef.virtual(virtual(7), 7))));

        assertThat(withoutEventThread).isEqualTo(new Observation.ThreadRef(7, "", true));
        assertThat(finding.details())
                .containsEntry("alive_at_end", 0)
                .containsEntry("ended_without_start", 0L)
                .containsEntry("peak_alive", 1L);
        assertThat(Observation.ThreadRef.virtual(virtual(7), -1))
                .as("no such field: the event thread")
                .isEqualTo(virtual(7));
    }

    /**
     * 100,000 lifetimes of 100 to 200 ms: past the 8,192 values a histogram keeps, the median is
     * within 1.6% of the exact one and says so. Before, it was the upper edge of its power of 2,
     * 262 ms.
     */
    @Test
    void pastTheKeptValuesTheMedianLifetimeIsWithinItsBoundAndSaysSo() {
        List<Observation> lives = new ArrayList<>();
        long[] lifetimes = new long[100_000];
        for (int id = 0; id < lifetimes.length; id++) {
            lifetimes[id] = 100 * MS + (id * 7_919L % 100_000) * US;
            lives.add(new Observation.VirtualStart(T0 + id * US, virtual(id)));
            lives.add(new Observation.VirtualEnd(T0 + id * US + lifetimes[id], virtual(id)));
        }
        Arrays.sort(lifetimes);
        double exactMs = lifetimes[lifetimes.length / 2 - 1] / 1e6; // the 50,000th of 100,000

        Finding finding = census(lives);

        double medianMs = (Double) finding.details().get("lifetime_median_ms");
        // within 1/64, and the detail is rounded to whole ms from 100 ms
        assertThat(medianMs).isCloseTo(exactMs, within(exactMs / 64 + 0.5));
        assertThat(finding.details())
                .containsEntry("lifetime_quantiles", "within 1.6%")
                .containsEntry("lifetimes_cut_at_edges", 0L);
        assertThat(finding.summary()).endsWith("median lifetime " + Math.round(medianMs) + " ms (within 1.6%).");
    }

    /**
     * 40,000 lives of 40 to 60 µs, as a server's quick handlers live: the median is said in microseconds and given to
     * four decimals of a millisecond, within its bound. Before, both read 0.1 ms (a helper's Jetty recording, whose
     * median was 0.0516 ms), and "at least 0.1 ms" with some threads cut at the edges was false.
     */
    @Test
    void aMedianLifetimeOfMicrosecondsKeepsItsPrecision() {
        List<Observation> lives = new ArrayList<>();
        long[] lifetimes = new long[40_000];
        for (int id = 0; id < lifetimes.length; id++) {
            lifetimes[id] = 40 * US + id * 7_919L % 20_000;
            lives.add(new Observation.VirtualStart(T0 + id * US, virtual(id)));
            lives.add(new Observation.VirtualEnd(T0 + id * US + lifetimes[id], virtual(id)));
        }
        Arrays.sort(lifetimes);
        double exactMs = lifetimes[lifetimes.length / 2 - 1] / 1e6;

        Finding finding = census(lives);

        double medianMs = (Double) finding.details().get("lifetime_median_ms");
        assertThat(medianMs).isCloseTo(exactMs, within(exactMs / 64 + 0.00005));
        assertThat(finding.details()).containsEntry("lifetime_quantiles", "within 1.6%");
        assertThat(finding.summary()).endsWith("median lifetime " + Math.round(medianMs * 1000) + " µs (within 1.6%).");
    }

    /**
     * Threads alive at the recording's end, or already at its start, count with the part of their life it saw, and the
     * median says "at least": left out, 500 threads of 800 that outlived a recording read "median lifetime 204 ms",
     * the 300 short ones' (a review's program). Here 300 live 200 ms, 100 end 5 s in without a start, 400 start and
     * outlive it: the 400th of 800 is one of the 100, 5 s.
     */
    @Test
    void threadsAliveAtTheRecordingsEdgesMakeTheLifetimesLowerBounds() {
        List<Observation> lives = new ArrayList<>();
        for (int id = 0; id < 300; id++) {
            lives.add(new Observation.VirtualStart(T0 + id * US, virtual(id)));
            lives.add(new Observation.VirtualEnd(T0 + id * US + 200 * MS, virtual(id)));
        }
        for (int id = 300; id < 400; id++) {
            lives.add(new Observation.VirtualEnd(T0 + 5_000 * MS, virtual(id)));
        }
        for (int id = 400; id < 800; id++) {
            lives.add(new Observation.VirtualStart(T0 + id * US, virtual(id)));
        }

        Finding finding = census(lives);

        assertThat(finding.details())
                .containsEntry("lifetime_median_ms", 5_000.0)
                .containsEntry("lifetimes_cut_at_edges", 500L)
                .containsEntry("lifetime_quantiles", "exact");
        assertThat((Double) finding.details().get("lifetime_p99_ms")).isGreaterThan(9_000.0);
        assertThat(finding.summary()).endsWith("median lifetime at least 5.0 s.");
        assertThat(finding.explanation())
                .contains("The lifetimes count 500 threads alive at the recording's start or end with the part of"
                        + " their lives it saw, so the median and p99 are lower bounds.");
    }

    /** Threads that started and never ended in the recording: no lifetime is known, none is made up. */
    @Test
    void withNoThreadThatBothStartedAndEndedNoLifetimeIsKnown() {
        List<Observation> lives = List.of(
                new Observation.VirtualStart(T0 + MS, virtual(1)),
                new Observation.VirtualStart(T0 + 2 * MS, virtual(2)),
                new Observation.VirtualEnd(T0 + 3 * MS, virtual(3)));

        Finding finding = census(lives);

        assertThat(finding.details())
                .containsEntry("lifetime_median_ms", null)
                .containsEntry("lifetime_p99_ms", null)
                .containsEntry("lifetimes_cut_at_edges", null)
                .containsEntry("lifetimes", List.of());
        assertThat(finding.summary())
                .doesNotContain("median lifetime")
                .endsWith("; no lifetime known (no virtual thread both started and ended in the recording).");
    }

    /**
     * With one of the two events on for part of the recording only (a second recording turned it on for a while), and
     * none of them recorded: not known, not "no virtual thread started or ended", which an OK said where the other was
     * on all along.
     */
    @Test
    void withNoneRecordedAndOneOfTheTwoEventsOnForPartOfTheRecordingNothingIsKnown() {
        Finding finding = census(
                List.of(),
                Map.of("jdk.VirtualThreadStart", EventEnabled.ON, "jdk.VirtualThreadEnd", EventEnabled.PART));
        assertThat(finding.severity()).isEqualTo(Severity.NA);
        assertThat(finding.summary())
                .isEqualTo("Not known: no jdk.VirtualThreadStart and jdk.VirtualThreadEnd events, and"
                        + " jdk.VirtualThreadEnd was on for part of the recording only.");
    }

    /**
     * A recording with one of the two events off (a user's {@code jcmd PID JFR.start
     * jdk.VirtualThreadStart#enabled=true}) gives the other's count and no figure that needs both: 5,400 short
     * threads whose ends were off read "at the peak 5,400 of them alive at once", and threads whose starts were off
     * would all be alive from the first event.
     */
    @Test
    void withOneOfTheTwoEventsOffNothingThatNeedsBothIsCounted() {
        List<Observation> starts = new ArrayList<>();
        List<Observation> ends = new ArrayList<>();
        for (int id = 0; id < 100; id++) {
            starts.add(new Observation.VirtualStart(T0 + id * MS, virtual(id)));
            ends.add(new Observation.VirtualEnd(T0 + id * MS + US, virtual(id)));
        }
        String start = "jdk.VirtualThreadStart";
        String end = "jdk.VirtualThreadEnd";

        Finding endsOff = census(starts, Map.of(start, EventEnabled.ON, end, EventEnabled.OFF));
        Finding startsOff = census(ends, Map.of(start, EventEnabled.OFF, end, EventEnabled.ON));

        for (Finding finding : List.of(endsOff, startsOff)) {
            assertThat(finding.details())
                    .as(finding.summary())
                    .containsEntry("peak_alive", null)
                    .containsEntry("alive_at_end", null)
                    .containsEntry("ended_without_start", null)
                    .containsEntry("lifetime_median_ms", null)
                    .containsEntry("lifetimes_cut_at_edges", null)
                    .containsEntry("alive_over_time", List.of());
            assertThat(finding.summary()).doesNotContain("alive at once;").contains("is not known");
        }
        assertThat(endsOff.details()).containsEntry("started", 100L).containsEntry("ended", null);
        assertThat(endsOff.summary())
                .isEqualTo("100 virtual threads started; how many were alive at once and how long they lived is not"
                        + " known: the recording's settings leave jdk.VirtualThreadEnd off.");
        assertThat(startsOff.details()).containsEntry("started", null).containsEntry("ended", 100L);
        assertThat(startsOff.summary()).startsWith("100 virtual threads ended;").endsWith("leave " + start + " off.");
    }

    /**
     * Starts and no end, in a recording whose settings do not say whether the end event was on (a .jfc with
     * jdk.ActiveSetting off): counted as if it was, with the doubt said. Before, 1,000 threads that each lived a
     * moment read "at the peak 1,000 of them alive at once" and nothing more.
     */
    @Test
    void startsWithoutEndsInARecordingThatDoesNotSayWhetherEndsWereOnSayTheDoubt(@TempDir Path dir) throws Exception {
        Finding census = censusOfAllAliveTogether(
                dir, "default,jdk.VirtualThreadStart#enabled=true,jdk.ActiveSetting#enabled=false");

        assertThat(census.details()).as(census.summary()).containsEntry("ended", 0L);
        assertThat(census.summary())
                .endsWith("; unless jdk.VirtualThreadEnd was off, which the recording does not say.");
        assertThat(census.explanation())
                .startsWith("The recording has no jdk.VirtualThreadEnd and its settings do not say whether it was on");

        // the same starts where the settings say the ends were on: threads alive at the end, no doubt to say
        List<Observation> starts = new ArrayList<>();
        List<Observation> ends = new ArrayList<>();
        for (int id = 0; id < 100; id++) {
            starts.add(new Observation.VirtualStart(T0 + id * MS, virtual(id)));
            ends.add(new Observation.VirtualEnd(T0 + id * MS, virtual(id)));
        }
        Finding endsOn = census(
                starts, Map.of("jdk.VirtualThreadStart", EventEnabled.ON, "jdk.VirtualThreadEnd", EventEnabled.ON));
        assertThat(endsOn.summary()).doesNotContain("unless");
        assertThat(endsOn.details()).containsEntry("alive_at_end", 100);
        Finding unsaid = census(starts);
        assertThat(unsaid.summary())
                .endsWith("; unless jdk.VirtualThreadEnd was off, which the recording does not say.");
        assertThat(unsaid.details()).as("counted as if on").containsEntry("alive_at_end", 100);
        Finding startsUnsaid = census(ends);
        assertThat(startsUnsaid.summary())
                .endsWith("; unless jdk.VirtualThreadStart was off, which the recording does not say.");
    }

    /** The reviewer's program, recorded: every one of its 1,000 threads was alive at once. */
    @Test
    void countsAThousandThreadsThatWereAliveTogether(@TempDir Path dir) throws Exception {
        // the settings, then the two events they leave off
        Finding census = censusOfAllAliveTogether(
                dir, "default,jdk.VirtualThreadStart#enabled=true,jdk.VirtualThreadEnd#enabled=true");

        assertThat(census.details())
                .as(census.summary())
                .containsEntry("ended", (long) Programs.AllAliveTogether.THREADS)
                .containsEntry("peak_alive", (long) Programs.AllAliveTogether.THREADS);
    }

    /**
     * {@link Programs.AllAliveTogether} recorded with these settings, and the census of the recording, which counts its
     * threads' starts (every setting here has them on).
     */
    private static Finding censusOfAllAliveTogether(Path dir, String settings) throws Exception {
        Path file = Programs.record(Programs.AllAliveTogether.class, dir.resolve("together.jfr"), settings);
        Finding census = RulesOnRecordingsTest.findings(file).get(VirtualThreadCensusRule.ID);
        assertThat(census.details()).as(census.summary()).containsEntry("started", (long)
                Programs.AllAliveTogether.THREADS);
        return census;
    }
}
