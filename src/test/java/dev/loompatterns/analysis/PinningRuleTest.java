package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.EventEnabled;
import dev.loompatterns.jfr.PinTaxonomy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PinningRuleTest {

    /**
     * A file does not give pins in time order. The timeline keeps the earliest {@value
     * PinningRule#TIMELINE_LIMIT} by start, in time order, which its caption says; it kept the first read.
     */
    @Test
    void theTimelineKeepsTheEarliestPinsInTimeOrderWhateverOrderTheyCameIn() {
        PinningRule rule = new PinningRule();
        int pins = PinningRule.TIMELINE_LIMIT + 500;
        for (int i = pins - 1; i >= 0; i--) { // the latest first: the worst order for a rule that keeps the first
            rule.accept(new Observation.Pinned(
                    1_000_000_000L + i * 1_000L,
                    10_000,
                    new Observation.ThreadRef(100 + i, "", true),
                    "ForkJoinPool-1-worker-1",
                    "Native or VM frame on stack",
                    "Object.wait",
                    List.of(new PinTaxonomy.Frame("com.example.Work", "call", 12, false, false)),
                    false));
        }
        Finding finding = rule.finish(new Rule.Recording(1_000_000_000L, 2_000_000_000L, pins, -1, "", Map.of()));
        List<Long> times = finding.list("timeline").stream()
                .map(pin -> (Long) ((Map<?, ?>) pin).get("time"))
                .toList();
        assertThat(times).hasSize(PinningRule.TIMELINE_LIMIT).isSorted();
        assertThat(times.getFirst()).isEqualTo(1_000_000_000L);
        assertThat(times.getLast()).isEqualTo(1_000_000_000L + (PinningRule.TIMELINE_LIMIT - 1) * 1_000L);
        assertThat(finding.details()).containsEntry("timeline_complete", false);
    }

    /**
     * A wait for the initializer of a class outside the JDK is a first use, but 20 ms or more of it is a slow
     * initializer of the program's that held carriers: a WARNING naming the class, where it was "nothing to fix"
     * (a reviewer's 1.5 s initializer kept both carriers for 1.4 s). A short one, or one for a JDK class, is not.
     */
    @Test
    void aLongWaitForTheProgramsInitializerWarnsAShortOneDoesNot() {
        String slow = "com.example.app.SlowInit$Config";
        Finding longWait = waits(slow, Duration.ofMillis(1_400));
        assertThat(longWait.severity()).isEqualTo(Severity.WARNING);
        assertThat(longWait.summary())
                .startsWith("2 pins held carriers for 2.8 s")
                .contains("waiting for another thread to initialize a class at " + slow);
        assertThat(longWait.details()).containsEntry("code_pins", 0L).containsEntry("slow_first_use_pins", 2L);
        assertThat(longWait.list("by_cause")).singleElement().satisfies(row -> {
            Map<?, ?> one = (Map<?, ?>) row;
            assertThat(one.get("origin")).isEqualTo("first-use");
            assertThat(one.get("warned")).isEqualTo(true);
        });
        // each pin of the timeline says so too, for the page to draw it in full colour or faded
        assertThat(longWait.list("timeline"))
                .hasSize(2)
                .allSatisfy(pin -> assertThat(((Map<?, ?>) pin).get("warned")).isEqualTo(true));

        for (Finding quiet : List.of(
                waits(slow, Duration.ofMillis(19)),
                waits("java.util.concurrent.ForkJoinPool", Duration.ofSeconds(1)))) {
            assertThat(quiet.severity()).isEqualTo(Severity.INFO);
            assertThat(quiet.summary()).contains("first use");
            assertThat(quiet.details()).containsEntry("code_pins", 0L);
            assertThat(quiet.list("by_cause"))
                    .singleElement()
                    .satisfies(
                            row -> assertThat(((Map<?, ?>) row).get("warned")).isEqualTo(false));
            assertThat(quiet.list("timeline"))
                    .isNotEmpty()
                    .allSatisfy(
                            pin -> assertThat(((Map<?, ?>) pin).get("warned")).isEqualTo(false));
        }
    }

    /**
     * A contended monitor inside a program's initializer is class loading in the taxonomy (JDK 25 words the VM's
     * linking lock and a synchronized block of the initializer's alike), so a test never fails by the VM's; but 20 ms
     * or more of it warns here, in words that name both (a reviewer's synchronized block in a {@code <clinit>} held
     * its carrier for 190 ms and was "nothing to fix"). A short one stays apart.
     */
    @Test
    void aLongContendedMonitorInsideTheProgramsInitializerWarnsAShortOneDoesNot() {
        Finding slow = contended("com.example.app.Registry", Duration.ofMillis(190));
        assertThat(slow.severity()).isEqualTo(Severity.WARNING);
        assertThat(slow.summary())
                .startsWith("1 pin held its carrier for 190 ms")
                .contains(PinningRule.MONITOR_IN_INITIALIZER)
                .contains("at com.example.app.Registry.<clinit>:6");
        assertThat(slow.explanation()).contains("class-loading: " + PinningRule.MONITOR_IN_INITIALIZER_ADVICE);
        assertThat(slow.details()).containsEntry("slow_first_use_pins", 1L);

        Finding quick = contended("com.example.app.Registry", Duration.ofMillis(3));
        assertThat(quick.severity()).isEqualTo(Severity.INFO);
        assertThat(quick.details()).containsEntry("first_use_or_recorder_pins", 1L);
        assertThat(contended("java.util.concurrent.ForkJoinPool", Duration.ofMillis(190))
                        .severity())
                .as("the JDK's initializer, called from the program's code: the JDK meeting its classes")
                .isEqualTo(Severity.INFO);
    }

    private static Finding contended(String initializer, Duration each) {
        PinningRule rule = new PinningRule();
        rule.accept(new Observation.Pinned(
                1_000_000_000L,
                each.toNanos(),
                new Observation.ThreadRef(100, "", true),
                "ForkJoinPool-1-worker-1",
                "VM call to " + initializer + ".<clinit> on stack",
                "Contended monitor enter",
                List.of(
                        new PinTaxonomy.Frame("com.example.app.Registry", "<clinit>", 6, false, false),
                        new PinTaxonomy.Frame("com.example.app.Handler", "handle", 7, false, false)),
                false));
        return rule.finish(new Rule.Recording(1_000_000_000L, 4_000_000_000L, 1, -1, "", Map.of()));
    }

    /**
     * Whether a group is warned of is known only at the end: its first pin here is short, its second 20 ms or more.
     * Both are warned of on the timeline (a timeline that decided pin by pin drew the first faded).
     */
    @Test
    void aTimelinePinIsWarnedOfIfItsGroupIsByTheEnd() {
        Finding finding = waits("com.example.app.SlowInit", Duration.ofMillis(1), Duration.ofMillis(40));
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.list("timeline"))
                .hasSize(2)
                .allSatisfy(pin -> assertThat(((Map<?, ?>) pin).get("warned")).isEqualTo(true));
    }

    /**
     * On a tie in time, "most time" names the initializer that blocked before the thread that waited for it, in
     * whichever order a reader gives the pins: it named whichever group was seen first, so the JDK's parser and JMC's
     * could name different ones for one file.
     */
    @Test
    void onATieTheInitializerComesBeforeItsWaiterInEitherOrder() {
        PinTaxonomy.Frame handler = new PinTaxonomy.Frame("com.example.app.Handler", "handle", 7, false, false);
        Observation.Pinned waiter = fiftyMillis(
                101, "Waited for initialization of com.example.Slow by another thread", "Object.wait", handler);
        Observation.Pinned initializer = fiftyMillis(
                100,
                "VM call to com.example.Slow.<clinit> on stack",
                "LockSupport.park",
                new PinTaxonomy.Frame("com.example.Slow", "<clinit>", 9, false, false),
                handler);
        for (List<Observation.Pinned> order : List.of(List.of(waiter, initializer), List.of(initializer, waiter))) {
            PinningRule rule = new PinningRule();
            order.forEach(rule::accept);
            Finding finding = rule.finish(new Rule.Recording(1_000_000_000L, 4_000_000_000L, 2, -1, "", Map.of()));
            assertThat(finding.summary())
                    .as(finding.summary())
                    .contains("most time: blocking inside a class initializer");
        }
    }

    /**
     * A stack cut short is marked only where no frame but the JDK's was kept: a cut stack that still holds the
     * program's frame names that frame, and a whole stack of JDK frames (a pin inside the JDK's own code) is not cut.
     */
    @Test
    void onlyAStackCutBeforeAnyFrameButTheJdksIsMarkedCutShort() {
        PinTaxonomy.Frame park =
                new PinTaxonomy.Frame("java.lang.VirtualThread", "parkOnCarrierThread", 830, false, false);
        PinTaxonomy.Frame work = new PinTaxonomy.Frame("com.example.Work", "call", 12, false, false);
        Observation.Pinned jdkOnly = fiftyMillis(1, "Native or VM frame on stack", "Thread.sleep", park);
        Observation.Pinned withWork = fiftyMillis(2, "Native or VM frame on stack", "Thread.sleep", park, work);
        assertThat(PinTaxonomy.cutBeforeCode(jdkOnly.frames(), true)).isTrue();
        assertThat(PinTaxonomy.cutBeforeCode(jdkOnly.frames(), false)).isFalse();
        assertThat(PinTaxonomy.cutBeforeCode(withWork.frames(), true)).isFalse();
        assertThat(PinTaxonomy.cutBeforeCode(List.of(), true))
                .as("no frame: no stack, not a cut one")
                .isFalse();

        PinningRule rule = new PinningRule();
        rule.accept(cut(jdkOnly));
        rule.accept(cut(withWork));
        Finding finding = rule.finish(new Rule.Recording(1_000_000_000L, 2_000_000_000L, 2, -1, "", Map.of()));
        assertThat(finding.list("groups"))
                .map(group -> (String) ((Map<?, ?>) group).get("where"))
                .containsExactlyInAnyOrder(
                        "java.lang.VirtualThread.parkOnCarrierThread:830" + PinTaxonomy.CUT_SHORT,
                        "com.example.Work.call:12");
        assertThat(finding.details()).containsEntry("cut_short_pins", 1L);
        assertThat(finding.explanation())
                .contains("1 pin had a stack the recording cut short", "stack depth of 1 frame ", "stackdepth=256");
    }

    /**
     * Stacks already 256 frames deep or more, cut short: the advice is JFR's most, 2048, not 256 again; at 2048 frames
     * no advice to record deeper (a helper's hunt: it said "record with stackdepth=2048" at 2048).
     */
    @Test
    void aStackCutShortAtTwoHundredAndFiftySixFramesIsToldTheMost() {
        assertThat(cutAt(256).explanation()).contains("stack depth of 256 frames", "record with stackdepth=2048");
        assertThat(cutAt(2048).explanation())
                .contains("stack depth of 2,048 frames", "2048 frames is the most the java launcher's documentation")
                .doesNotContain("record with stackdepth");
    }

    private static Finding cutAt(int depth) {
        List<PinTaxonomy.Frame> frames = java.util.stream.IntStream.range(0, depth)
                .mapToObj(i -> new PinTaxonomy.Frame("java.util.stream.ReferencePipeline", "collect", i, false, false))
                .toList();
        PinningRule rule = new PinningRule();
        rule.accept(cut(fiftyMillis(
                1, "Native or VM frame on stack", "Thread.sleep", frames.toArray(PinTaxonomy.Frame[]::new))));
        return rule.finish(new Rule.Recording(1_000_000_000L, 2_000_000_000L, 1, -1, "", Map.of()));
    }

    /**
     * A group named by its class (an initializer's pin) is not marked as cut short, so not counted as such; a stack
     * cut to the JVM's hidden frames is named by the innermost of them, not as no stack; a pin with no stack is
     * counted and said (a helper's hunt: both read "(no stack trace recorded)", the first with the mark).
     */
    @Test
    void onlyPinsNamedByTheirFrameCountAsCutShortAndPinsWithNoStackAreSaid() {
        PinTaxonomy.Frame park =
                new PinTaxonomy.Frame("java.lang.VirtualThread", "parkOnCarrierThread", 830, false, false);
        PinTaxonomy.Frame post = new PinTaxonomy.Frame("java.lang.VirtualThread", "postPinnedEvent", 1, true, false);
        PinningRule rule = new PinningRule();
        rule.accept(cut(fiftyMillis(1, "VM call to com.example.Slow.<clinit> on stack", "LockSupport.park", park)));
        rule.accept(cut(fiftyMillis(2, "Native or VM frame on stack", "LockSupport.park", post)));
        rule.accept(fiftyMillis(3, "Native or VM frame on stack", "LockSupport.park"));
        Finding finding = rule.finish(new Rule.Recording(1_000_000_000L, 2_000_000_000L, 3, -1, "", Map.of()));
        assertThat(finding.list("groups"))
                .map(group -> (String) ((Map<?, ?>) group).get("where"))
                .containsExactlyInAnyOrder(
                        "com.example.Slow",
                        "java.lang.VirtualThread.postPinnedEvent:1" + PinTaxonomy.CUT_SHORT,
                        "(no stack trace recorded)");
        assertThat(finding.details()).containsEntry("cut_short_pins", 1L).containsEntry("no_stack_pins", 1L);
        assertThat(finding.explanation())
                .contains("1 pin had a stack the recording cut short")
                .contains("1 pin was recorded with no stack, so where the program blocked is not in the file: record"
                        + " jdk.VirtualThreadPinned with its stackTrace on");
    }

    /** The pin as recorded with its stack cut at the recording's depth. */
    private static Observation.Pinned cut(Observation.Pinned pin) {
        return new Observation.Pinned(
                pin.time(),
                pin.duration(),
                pin.thread(),
                pin.carrier(),
                pin.reason(),
                pin.operation(),
                pin.frames(),
                true);
    }

    /** A pin of 50 ms of thread {@code id}, with these words and frames. */
    private static Observation.Pinned fiftyMillis(
            long id, String reason, String operation, PinTaxonomy.Frame... frames) {
        return new Observation.Pinned(
                1_000_000_000L,
                50_000_000L,
                new Observation.ThreadRef(id, "", true),
                "ForkJoinPool-1-worker-" + id,
                reason,
                operation,
                List.of(frames),
                false);
    }

    /** Two virtual threads that waited this long for this class's initializer. */
    private static Finding waits(String type, Duration each) {
        return waits(type, each, each);
    }

    /** Two virtual threads that waited for this class's initializer, the first and then the second this long. */
    private static Finding waits(String type, Duration first, Duration second) {
        PinningRule rule = new PinningRule();
        for (int i = 0; i < 2; i++) {
            rule.accept(new Observation.Pinned(
                    1_000_000_000L + i,
                    (i == 0 ? first : second).toNanos(),
                    new Observation.ThreadRef(100 + i, "", true),
                    "ForkJoinPool-1-worker-" + i,
                    "Waited for initialization of " + type + " by another thread",
                    "Object.wait",
                    List.of(new PinTaxonomy.Frame("com.example.app.Handler", "handle", 7, false, false)),
                    false));
        }
        return rule.finish(new Rule.Recording(1_000_000_000L, 4_000_000_000L, 2, -1, "", Map.of()));
    }

    /** No pin: the threshold is named as the settings gave it, a sub-microsecond or non-whole-day one too. */
    @Test
    void noPinsNamesTheThresholdAsTheSettingsGaveIt() {
        assertThat(noPins(Set.of(Duration.ofNanos(500))).explanation())
                .contains("nothing pinned for as long as its threshold, 500 ns.");
        assertThat(noPins(Set.of(Duration.ofNanos(500), Duration.ofHours(36))).explanation())
                .contains("its threshold, which the settings moved between 500 ns and 36 h.");
    }

    /**
     * Pins counted under a threshold above 0 ms: the explanation says shorter ones are left out, and where the threshold
     * moved (another recording beside it), that the short ones are counted only part of the time. A review's 94 pins
     * of about 5 ms read "26 pins held carriers for 138 ms" and said neither.
     */
    @Test
    void pinsCountedUnderAThresholdSayWhatTheyLeaveOut() {
        assertThat(onePin(Set.of(Duration.ofMillis(20))).explanation())
                .endsWith(". These are the pins of 20 ms or more, the recording's threshold: JFR leaves shorter ones"
                        + " out. Record with a threshold of 0 ms to count every pin.");
        assertThat(onePin(Set.of(Duration.ZERO, Duration.ofMillis(20))).explanation())
                .contains("The recording's threshold for pins moved between 0 ms and 20 ms while it recorded")
                .contains("the pins shorter than 20 ms are counted only while it was lower");
        assertThat(onePin(Set.of(Duration.ZERO)).explanation()).doesNotContain("threshold");
        assertThat(onePin(Set.of(Duration.ofMillis(20))).explanation())
                .as("the advice's end and the threshold's note: it read 'every JDK.  These are'")
                .doesNotContain("  ");
    }

    /**
     * Pins counted in a recording that had them on for part of it only (a second recording turned them on): the
     * explanation says the pins while they were off are not counted, with or without a threshold in the settings.
     */
    @Test
    void pinsCountedWhileOnForPartOfTheRecordingSaySo() {
        String part = " jdk.VirtualThreadPinned was on for part of the recording only, so the pins while it was off are"
                + " not counted. " + BaseRule.PART_ONLY;
        for (Set<Duration> thresholds :
                List.of(Set.<Duration>of(), Set.of(Duration.ZERO), Set.of(Duration.ofMillis(20)))) {
            Finding finding = onePin(thresholds, EventEnabled.PART);
            assertThat(finding.severity()).as(thresholds.toString()).isEqualTo(Severity.WARNING);
            assertThat(finding.explanation())
                    .as(thresholds.toString())
                    .contains(part)
                    .doesNotContain("  ");
            assertThat(onePin(thresholds, EventEnabled.ON).explanation())
                    .as(thresholds.toString())
                    .doesNotContain("part of the recording");
        }
    }

    private static Finding onePin(Set<Duration> thresholds) {
        return onePin(thresholds, EventEnabled.ON);
    }

    private static Finding onePin(Set<Duration> thresholds, EventEnabled pins) {
        PinningRule rule = new PinningRule();
        rule.accept(new Observation.Pinned(
                1_000_000_000L,
                30_000_000L,
                new Observation.ThreadRef(100, "", true),
                "ForkJoinPool-1-worker-1",
                "Native or VM frame on stack",
                "LockSupport.park",
                List.of(new PinTaxonomy.Frame("com.example.Work", "call", 12, false, false)),
                false));
        return rule.finish(recordingWith(thresholds, pins));
    }

    private static Rule.Recording recordingWith(Set<Duration> thresholds) {
        return recordingWith(thresholds, EventEnabled.ON);
    }

    private static Rule.Recording recordingWith(Set<Duration> thresholds, EventEnabled pins) {
        return new Rule.Recording(
                0,
                2_000_000_000L,
                1,
                -1,
                "",
                Map.of("jdk.VirtualThreadPinned", pins),
                Map.of("jdk.VirtualThreadPinned", thresholds),
                Map.of(),
                Map.of(),
                false);
    }

    private static Finding noPins(Set<Duration> thresholds) {
        return new PinningRule().finish(recordingWith(thresholds));
    }
}
