package dev.loompatterns.analysis.jmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.analysis.Analysis;
import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.Programs;
import dev.loompatterns.analysis.jfr.RecordingReader;
import dev.loompatterns.cli.PinningRecording;
import dev.loompatterns.jfr.PinTaxonomy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;

/**
 * Our rules as JMC rules say what the same rules say through the JDK's parser ({@code loom
 * inspect}'s path): on the same recordings, JMC's result has our finding's severity (as JMC scores
 * it) and summary, rule by rule. JMC runs them here as its HTML report does
 * ({@code RulesToolkit.evaluateParallel}, which applies each rule's required events first).
 */
class JmcRulesTest {

    @TempDir
    static Path dir;

    static final Map<String, Path> RECORDINGS = new LinkedHashMap<>();

    @BeforeAll
    static void record() throws Exception {
        RECORDINGS.put("pinning", Recordings.pinning(dir));
        // the copy docs/jmc.md tells a JMC user to open (loom inspect --slim): no starts or ends, pins and samples kept
        Path slim = dir.resolve("pinning-slim.jfr");
        dev.loompatterns.inspect.Slim.write(
                RECORDINGS.get("pinning"),
                slim,
                RecordingReader.analyze(RECORDINGS.get("pinning"), events -> {}).sampledVirtualThreads());
        RECORDINGS.put("pinning-slim", slim);
        RECORDINGS.put("clean", Recordings.clean(dir));
        RECORDINGS.put("jdk21", Recordings.jdk21Pins(dir));
        RECORDINGS.put("nothing", Recordings.nothingOurRulesRead(dir));
        // small programs of loom inspect's own tests, recorded with plain -XX:StartFlightRecording
        RECORDINGS.put("upcall", Programs.record(Programs.UpcallSleeper.class, dir.resolve("upcall.jfr"), "default"));
        RECORDINGS.put( // the pins' stacks cut before the program's frames: both readers read the cut
                "upcall-cut-stacks",
                Programs.record(
                        Programs.UpcallSleeper.class,
                        dir.resolve("upcall-cut.jfr"),
                        "default",
                        "-XX:FlightRecorderOptions:stackdepth=3"));
        RECORDINGS.put(
                "hog",
                Programs.record(
                        Programs.Hog.class,
                        dir.resolve("hog.jfr"),
                        "profile",
                        "-Djdk.virtualThreadScheduler.parallelism=1"));
        // the samples' stacks cut before the program's frames: both readers mark the JDK's frame named for the hog
        RECORDINGS.put(
                "jdk-hog-cut-stacks",
                Programs.record(
                        Programs.JdkHog.class,
                        dir.resolve("jdk-hog-cut.jfr"),
                        "profile",
                        "-Djdk.virtualThreadScheduler.parallelism=1",
                        "-XX:FlightRecorderOptions:stackdepth=3"));
        // carrier-hogging reads pins and sleeps too, but needs only the samples: without pins it still tells
        RECORDINGS.put(
                "hog-pins-off",
                Programs.record(
                        Programs.Hog.class,
                        dir.resolve("hog-pins-off.jfr"),
                        "profile,jdk.VirtualThreadPinned#enabled=false",
                        "-Djdk.virtualThreadScheduler.parallelism=1"));
        RECORDINGS.put("waits", Programs.record(Programs.Waits.class, dir.resolve("waits.jfr"), "default"));
        RECORDINGS.put(
                "late-sleeper",
                Programs.record(
                        Programs.LateSleeper.class,
                        dir.resolve("late.jfr"),
                        "default",
                        "-Djdk.virtualThreadScheduler.parallelism=1"));
        RECORDINGS.put(
                "forever-sleepers",
                Programs.record(
                        Programs.ForeverSleepers.class,
                        dir.resolve("forever.jfr"),
                        "default,jdk.ThreadSleep#threshold=0ms"));
        RECORDINGS.put("socket-pool", Programs.record(Programs.SocketPool.class, dir.resolve("pool.jfr"), "default"));
        // recorded as pool-candidate advises, the socket and file events' throttle off: both readers read the setting
        RECORDINGS.put(
                "socket-pool-unthrottled",
                Programs.record(
                        Programs.SocketPool.class,
                        dir.resolve("pool-unthrottled.jfr"),
                        "default,jdk.SocketRead#throttle=off,jdk.SocketWrite#throttle=off,jdk.FileRead#throttle=off,"
                                + "jdk.FileWrite#throttle=off"));
        // settings that leave the pin and submit-failure events off: not applicable, in JMC as in loom inspect
        Path pinsOff = Files.writeString(dir.resolve("pins-off.jfc"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0">
              <event name="jdk.ActiveSetting"><setting name="enabled">true</setting></event>
              <event name="jdk.VirtualThreadPinned"><setting name="enabled">false</setting></event>
              <event name="jdk.VirtualThreadSubmitFailed"><setting name="enabled">false</setting></event>
            </configuration>
            """);
        RECORDINGS.put(
                "pins-off",
                Programs.record(Programs.NoVirtualThreads.class, dir.resolve("pins-off.jfr"), pinsOff.toString()));
        // settings that do not say what was on (no jdk.ActiveSetting): with no pin, neither can tell whether one
        // happened, N/A in both (loom inspect used to say OK)
        Path silent = Files.writeString(dir.resolve("silent.jfc"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0">
              <event name="jdk.VirtualThreadPinned"><setting name="enabled">true</setting></event>
              <event name="jdk.ThreadSleep"><setting name="enabled">true</setting></event>
            </configuration>
            """);
        RECORDINGS.put(
                "silent",
                Programs.record(Programs.NoVirtualThreads.class, dir.resolve("silent.jfr"), silent.toString()));
        // a JDK 17 recording, whose JVM had no virtual-thread events (how it was made: beside it)
        RECORDINGS.put("jdk17", Programs.jdk17Recording(dir));
        // JFR's sampler fell behind: carrier-hogging reads jdk.CPULoad, a percentage JMC gives in units of its own
        RECORDINGS.put("starved-sampler", Programs.starvedSamplerRecording(dir));
        // what a user has: `loom run pinning --jfr`, with loom's pinning profile, and a child JVM's recording beside
        // it;
        // the run InspectCommandTest and JmcReadsOurRecordingsTest read too, made once in this JVM
        RECORDINGS.put("loom-run", PinningRecording.file());
        RECORDINGS.put(
                "loom-run-child",
                PinningRecording.children().stream()
                        .max(Comparator.naturalOrder())
                        .orElseThrow(() ->
                                new AssertionError("no child JVM's recording beside " + RECORDINGS.get("loom-run"))));
        RECORDINGS.put( // pool-candidate reads thread starts and ends, which JMC gives in an order of its own
                "short-lived-pool",
                Programs.record(Programs.ShortLivedPool.class, dir.resolve("short.jfr"), "default"));
        // pool-candidate tells a wait for a lock by its stack, which JMC gives in frames of its own
        RECORDINGS.put("locked-pool", Programs.record(Programs.LockedPool.class, dir.resolve("locked.jfr"), "default"));
        // and a monitor's wait for a class initializer, by its innermost frame, from the code's own
        RECORDINGS.put(
                "initializing-pool",
                Programs.record(Programs.InitializingPool.class, dir.resolve("init.jfr"), "default"));
        // and a park recorded with no stack from the others, where JMC gives no stack trace at all
        RECORDINGS.put(
                "idle-pool-no-stacks",
                Programs.record(
                        Programs.IdlePool.class, dir.resolve("idle.jfr"), "default,jdk.ThreadPark#stackTrace=false"));
        // stacks cut 4 frames deep, before ThreadPoolExecutor.getTask: each reader reads the cut from the stack
        RECORDINGS.put(
                "idle-pool-cut-stacks",
                Programs.record(
                        Programs.IdlePool.class,
                        dir.resolve("idle-cut.jfr"),
                        "default",
                        "-XX:FlightRecorderOptions:stackdepth=4"));
    }

    static List<LoomJmcRule> jmcRules() {
        return List.of(
                new PinningJmcRule(),
                new SubmitFailedJmcRule(),
                new CarrierHoggingJmcRule(),
                new PoolCandidateJmcRule(),
                new QueueingDelayJmcRule(),
                new WakeupDelayJmcRule(),
                new VirtualThreadCensusJmcRule());
    }

    /** Our findings through the JDK's parser, by rule id. */
    static Map<String, Finding> ours(Path file) throws Exception {
        Map<String, Finding> findings = new LinkedHashMap<>();
        RecordingReader.analyze(file, events -> {})
                .findings()
                .forEach(finding -> findings.put(finding.rule(), finding));
        return findings;
    }

    /** JMC's results of our JMC rules, by our rule id. */
    static Map<String, IResult> jmc(Path file) throws Exception {
        return jmc(JfrLoaderToolkit.loadEvents(file.toFile()));
    }

    static Map<String, IResult> jmc(IItemCollection items) throws Exception {
        Map<IRule, Future<IResult>> futures = RulesToolkit.evaluateParallel(List.copyOf(jmcRules()), items, null, 1);
        Map<String, IResult> results = new LinkedHashMap<>();
        for (Map.Entry<IRule, Future<IResult>> result : futures.entrySet()) {
            results.put(
                    ((LoomJmcRule) result.getKey()).ruleId(), result.getValue().get());
        }
        return results;
    }

    /** JMC's severity for a finding: its score, or N/A for a finding that had nothing to look at. */
    static Severity expected(Finding finding) {
        return !finding.applicable()
                ? Severity.NA
                : Severity.get(finding.severity().score());
    }

    @Test
    void everyRuleHasItsJmcRuleUnderItsIdWithThePrefix() {
        assertThat(jmcRules().stream().map(LoomJmcRule::ruleId)).containsExactlyElementsOf(Analysis.ruleIds());
        assertThat(jmcRules()).allSatisfy(rule -> {
            assertThat(rule.getId()).isEqualTo("loom." + rule.ruleId());
            assertThat(rule.getRequiredEvents().keySet()).isEqualTo(rule.eventTypes());
            assertThat(rule.getRequiredEvents().values()).containsOnly(EventAvailability.NONE);
        });
        // JMC's own rules (those on this class path: flightrecorder.rules.jdk) take none of these ids
        assertThat(RuleRegistry.getRules())
                .hasSizeGreaterThan(60)
                .extracting(IRule::getId)
                .doesNotContainAnyElementsOf(
                        jmcRules().stream().map(IRule::getId).toList());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pinning",
                "pinning-slim",
                "clean",
                "jdk21",
                "upcall",
                "upcall-cut-stacks",
                "hog",
                "hog-pins-off",
                "jdk-hog-cut-stacks",
                "socket-pool",
                "socket-pool-unthrottled",
                "pins-off",
                "silent",
                "jdk17",
                "starved-sampler",
                "short-lived-pool",
                "locked-pool",
                "idle-pool-no-stacks",
                "idle-pool-cut-stacks",
                "waits",
                "late-sleeper",
                "forever-sleepers",
                "loom-run",
                "loom-run-child"
            })
    void eachJmcRuleGivesTheSeverityAndSummaryOfTheRuleOverTheJdksParser(String recording) throws Exception {
        Path file = RECORDINGS.get(recording);
        Map<String, Finding> ours = ours(file);
        Map<String, IResult> jmc = jmc(file);
        assertThat(jmc.keySet()).containsExactlyInAnyOrderElementsOf(ours.keySet());
        ours.forEach((rule, finding) -> {
            IResult result = jmc.get(rule);
            if (expected(finding) == Severity.NA) {
                // nothing to look at: JMC's result says so in its own words ("Ignored" when the recording
                // does not know the event types at all, such as our loompatterns.* events in a program's recording)
                assertThat(result.getSeverity())
                        .as(rule + ": " + result.getSummary())
                        .isIn(Severity.NA, Severity.IGNORE);
                // said by our rule, in loom inspect's words; "Ignored" is JMC's own, for a rule it did not run
                if (!result.getSummary().equals("Ignored")) {
                    assertThat(result.getSummary()).as(rule).isEqualTo(finding.summary());
                }
                return;
            }
            assertThat(result.getSeverity())
                    .as(rule + ": " + finding.summary() + " / JMC: " + result.getSummary())
                    .isEqualTo(expected(finding));
            assertThat(result.getSummary()).as(rule).isEqualTo(finding.summary());
            assertThat(result.getExplanation()).as(rule).startsWith(finding.explanation());
            IQuantity score = result.getResult(TypedResult.SCORE);
            if (result.getSeverity() != Severity.NA) {
                assertThat(score.longValue())
                        .as(rule)
                        .isEqualTo(finding.severity().score());
            }
        });
    }

    /**
     * pool-candidate tells a recording with JDK 25's default throttle how to turn it off, and does not tell one made
     * with it off again: each reader reads the throttle from the recording's settings.
     */
    @Test
    void poolCandidateAdvisesTurningTheThrottleOffOnlyWhereItWasOn() throws Exception {
        for (String recording : List.of("socket-pool", "socket-pool-unthrottled")) {
            boolean throttled = recording.equals("socket-pool");
            String ours = ours(RECORDINGS.get(recording)).get("pool-candidate").explanation();
            String jmc = jmc(RECORDINGS.get(recording)).get("pool-candidate").getExplanation();
            for (String explanation : List.of(ours, jmc)) {
                assertThat(explanation.contains("record with jdk.SocketRead#throttle=off (and jdk.SocketWrite,"
                                + " jdk.FileRead, jdk.FileWrite) to count them all."))
                        .as(recording + ": " + explanation)
                        .isEqualTo(throttled);
                assertThat(explanation.contains(
                                "this recording's settings throttle none of the socket and file events it had on"))
                        .as(recording + ": " + explanation)
                        .isEqualTo(!throttled);
            }
        }
    }

    /**
     * A copy without the virtual threads' starts and ends, whose settings still say they were on, said "No virtual
     * thread started or ended" as a green OK, in JMC on the very copy a JMC user is told to open. It is INFO and
     * says the threads ran, and why none started, in both readers.
     */
    @Test
    void theCensusOfACopyWithoutStartsAndEndsSaysVirtualThreadsRan() throws Exception {
        Finding ours = ours(RECORDINGS.get("pinning-slim")).get("virtual-thread-census");
        assertThat(ours.severity()).isEqualTo(dev.loompatterns.analysis.Severity.INFO);
        assertThat(ours.summary())
                .containsPattern(
                        "^No virtual thread started or ended while recording, but [1-9][0-9,]* virtual threads? ran,"
                                + " in ");
        assertThat(ours.explanation()).contains("take the census of the original");
        assertThat((Long) ours.details().get("other_virtual_thread_events")).isPositive();
        assertThat(ours(RECORDINGS.get("pinning")).get("virtual-thread-census").summary())
                .as("the original")
                .doesNotContain("No virtual thread started");
        IResult jmc = jmc(RECORDINGS.get("pinning-slim")).get("virtual-thread-census");
        assertThat(jmc.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(jmc.getSummary()).isEqualTo(ours.summary());
    }

    @Test
    void thePinsInTheUpcallAreAWarningInJmcWithTheirCauseAndFrame() throws Exception {
        IResult pinning = jmc(RECORDINGS.get("pinning")).get("pinning");
        assertThat(pinning.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(pinning.getSummary())
                .contains("a native or VM frame on the stack", Recordings.class.getName() + ".compareSleeping");
        assertThat(pinning.getExplanation())
                .contains("native-frame: move the blocking call out of the native callback")
                .contains("Details: pins ", "groups: [cause native-frame");
    }

    /**
     * A hog whose samples were cut before the program's frames is named by the JDK's frame, marked as pins cut so are
     * (a helper's hunt: it named {@code java.math.BigInteger.subtract} plainly, as where the program held its carrier);
     * the comparison above holds JMC's reader to the same summary.
     */
    @Test
    void aHogWhoseSamplesWereCutBeforeTheProgramsFramesIsMarked() throws Exception {
        Finding hogging = ours(RECORDINGS.get("jdk-hog-cut-stacks")).get("carrier-hogging");
        assertThat(hogging.severity())
                .as(hogging.summary())
                .isIn(dev.loompatterns.analysis.Severity.INFO, dev.loompatterns.analysis.Severity.WARNING);
        assertThat(hogging.list("threads"))
                .first()
                .satisfies(row -> assertThat((String) ((Map<?, ?>) row).get("top_frame"))
                        .startsWith("java.") // BigInteger's own methods, which of them the samples say
                        .endsWith(PinTaxonomy.CUT_SHORT));
        assertThat(hogging.summary()).contains(PinTaxonomy.CUT_SHORT);
    }

    /**
     * No pin, no submit failure, no pool or census to warn of. The rules that time the machine's scheduling (a sleep's
     * wake-up, a task's wait for a thread, a carrier held) are left out: the recording is made in this JVM as it runs,
     * and on 2 cores beside other work (load 12 to 16) one of them warned of a 100 ms delay (2026-12-07).
     */
    @Test
    void aCleanRecordingHasNoWarning() throws Exception {
        Map<String, IResult> clean = jmc(RECORDINGS.get("clean"));
        assertThat(clean)
                .containsKeys("pinning", "submit-failed", "pool-candidate", "virtual-thread-census")
                .allSatisfy((id, result) -> {
                    if (!TIMED.contains(id)) {
                        assertThat(result.getSeverity()).as(id).isNotEqualTo(Severity.WARNING);
                    }
                });
        assertThat(clean.get("virtual-thread-census").getSeverity()).isEqualTo(Severity.INFO);
    }

    /** The rules whose findings are the machine's scheduling delays. */
    private static final java.util.Set<String> TIMED =
            java.util.Set.of("wakeup-delay", "queueing-delay", "carrier-hogging");

    @Test
    void jdk21PinsWithoutAReasonAreClassifiedFromTheirStacksInJmcToo() throws Exception {
        Finding ours = ours(RECORDINGS.get("jdk21")).get("pinning");
        IResult jmc = jmc(RECORDINGS.get("jdk21")).get("pinning");
        assertThat(ours.list("groups"))
                .isNotEmpty()
                .allSatisfy(group ->
                        assertThat(group).asString().contains("classified_from=stack (no pinnedReason in the event)"));
        assertThat(jmc.getSummary()).isEqualTo(ours.summary());
        assertThat(jmc.getExplanation())
                .contains(
                        "classified_from stack (no pinnedReason in the event)",
                        "cause class-init",
                        "cause native-frame");
    }

    /**
     * Run as docs/jmc.md says a headless user may, each rule's own evaluation, without JMC's check of the event
     * types first: on a JDK 17 recording each rule says what loom inspect says (the rules of virtual threads N/A, in
     * its words; pool-candidate reads JDK 17's waits). carrier-hogging said OK ("no
     * virtual thread was seen holding its carrier"): the reader took a type the JVM did not have for one whose
     * settings do not say.
     */
    @Test
    void runDirectlyOnARecordingOfAJvmWithoutVirtualThreadsEachRuleSaysWhatLoomInspectSays() throws Exception {
        IItemCollection items =
                JfrLoaderToolkit.loadEvents(RECORDINGS.get("jdk17").toFile());
        Map<String, Finding> ours = ours(RECORDINGS.get("jdk17"));
        for (LoomJmcRule rule : jmcRules()) {
            var evaluation = rule.createEvaluation(
                    items, org.openjdk.jmc.common.util.IPreferenceValueProvider.DEFAULT_VALUES, null);
            evaluation.run();
            IResult result = evaluation.get();
            Finding finding = ours.get(rule.ruleId());
            assertThat(result.getSeverity())
                    .as(rule.ruleId() + ": " + result.getSummary())
                    .isEqualTo(expected(finding));
            assertThat(result.getSummary()).as(rule.ruleId()).isEqualTo(finding.summary());
        }
    }

    /**
     * Which rules JMC does not run, as docs/jmc.md lists them: the desktop shows Ignored a rule whose required events
     * fail {@code RulesToolkit.matchesEventAvailabilityMap} (its {@code RuleManager}). On a JDK 17 recording the five
     * that read a type that JDK lacks, not pool-candidate and wakeup-delay; on a loom run's recording made without the
     * scheduling profile none, queueing-delay included, which says N/A in its own words (loom registers its types in
     * every run). The doc said queueing-delay was Ignored there, and every virtual-thread rule on JDK 17.
     */
    @Test
    void jmcIgnoresOnlyTheRulesWhoseTypesTheRecordingLacks() throws Exception {
        IItemCollection jdk17 =
                JfrLoaderToolkit.loadEvents(RECORDINGS.get("jdk17").toFile());
        assertThat(notRun(jdk17))
                .containsExactlyInAnyOrder(
                        "pinning", "submit-failed", "carrier-hogging", "virtual-thread-census", "queueing-delay");
        assertThat(jmc(jdk17).get("wakeup-delay").getSummary()).startsWith("No virtual thread's sleep was recorded");
        IItemCollection loomRun =
                JfrLoaderToolkit.loadEvents(RECORDINGS.get("loom-run").toFile());
        assertThat(notRun(loomRun)).isEmpty();
        IResult queueing = jmc(loomRun).get("queueing-delay");
        assertThat(queueing.getSeverity()).isEqualTo(Severity.NA);
        assertThat(queueing.getSummary()).startsWith("No task's submission and start were both recorded");
    }

    /** Our rules JMC would not run on these items, by our ids. */
    private static List<String> notRun(IItemCollection items) {
        return jmcRules().stream()
                .filter(rule -> !RulesToolkit.matchesEventAvailabilityMap(items, rule.getRequiredEvents()))
                .map(LoomJmcRule::ruleId)
                .toList();
    }

    @Test
    void withoutTheirEventTypesEveryRuleIsNotApplicableAndSaysWhatIsMissing() throws Exception {
        Map<String, IResult> jmc = jmc(RECORDINGS.get("nothing"));
        assertThat(jmc.values()).extracting(IResult::getSeverity).containsOnly(Severity.NA);
        // in loom inspect's words, which say why: here the settings left them off (JMC's used to say "neither
        // events nor a setting that enabled them" also of settings that did not say)
        Map<String, Finding> ours = ours(RECORDINGS.get("nothing"));
        assertThat(jmc.get("pinning").getSummary())
                .isEqualTo(ours.get("pinning").summary())
                .isEqualTo("Not recorded: the recording's settings leave jdk.VirtualThreadPinned off.");
        assertThat(jmc.get("virtual-thread-census").getSummary())
                .isEqualTo(ours.get("virtual-thread-census").summary())
                .startsWith("Not recorded: ");
    }

    /**
     * A file that joins two JVMs' recordings, which JMC opens whole (docs/jmc.md) and loom inspect refuses: each rule
     * is N/A and says why. It read both JVMs' events as one JVM's, their threads by ids that each JVM counts from the
     * same small numbers: in a review, a cat of two runs had one pool blocked 4,023 ms of the 2,028 it was alive.
     */
    @Test
    void aFileOfTwoJvmsRecordingsIsNotReadAsOneJvms(@TempDir Path here) throws Exception {
        Path joined = here.resolve("two-jvms.jfr");
        Files.write(joined, Files.readAllBytes(RECORDINGS.get("socket-pool")));
        Files.write(
                joined,
                Files.readAllBytes(RECORDINGS.get("short-lived-pool")),
                java.nio.file.StandardOpenOption.APPEND);
        IItemCollection items = JfrLoaderToolkit.loadEvents(joined.toFile());
        assertThat(ItemCollectionReader.jvms(items)).hasSize(2);
        assertThat(ItemCollectionReader.jvms(JfrLoaderToolkit.loadEvents(
                        RECORDINGS.get("socket-pool").toFile())))
                .hasSize(1);

        assertThat(jmc(items)).allSatisfy((rule, result) -> {
            assertThat(result.getSeverity()).as(rule).isIn(Severity.NA, Severity.IGNORE);
            if (!result.getSummary().equals("Ignored")) { // JMC's own, for loom's events not in the file
                assertThat(result.getSummary())
                        .as(rule)
                        .startsWith("Not read: this file joins the recordings of 2 JVMs");
            }
        });
        assertThat(jmc(items).get("pool-candidate").getSeverity()).isEqualTo(Severity.NA);
    }

    /**
     * A platform thread in a program's own thread group named "VirtualThreads" is not virtual: JMC gives a thread
     * no virtual flag, and this reader took the group's name alone for one, so a program's spinning threads there
     * were "virtual threads holding their carriers" in JMC and not in loom inspect (a review's).
     */
    @Test
    void aProgramsGroupNamedVirtualThreadsHoldsPlatformThreads(@TempDir Path here) throws Exception {
        Path file = here.resolve("group.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO);
            recording.start();
            Thread platform = new Thread(
                    new ThreadGroup(ItemCollectionReader.VIRTUAL_THREAD_GROUP), () -> sleep(), "in-a-group-so-named");
            platform.start();
            Thread virtual = Thread.ofVirtual().name("a-virtual-one").start(() -> sleep());
            platform.join();
            virtual.join();
            recording.stop();
            recording.dump(file);
        }
        Map<String, Boolean> virtualByName = new LinkedHashMap<>();
        ItemCollectionReader.feed(
                JfrLoaderToolkit.loadEvents(file.toFile()), java.util.Set.of("jdk.ThreadSleep"), observation -> {
                    if (observation instanceof dev.loompatterns.analysis.Observation.Blocked blocked) {
                        virtualByName.put(
                                blocked.thread().name(), blocked.thread().virtual());
                    }
                });
        assertThat(virtualByName).containsEntry("in-a-group-so-named", false).containsEntry("a-virtual-one", true);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Why the rules require their events at {@code NONE} and check "enabled" themselves: JFR notes
     * each setting again in every chunk, and JMC 9.1.2 counts an event type as enabled only if it
     * finds exactly one note. On a recording of two chunks, an enabled type without events is
     * {@code NONE} to JMC; a rule that required it {@code ENABLED} would be ignored there, where
     * ours says what it found.
     */
    @Test
    void jmcsOwnEnabledCheckMissesEnabledTypesOnARecordingOfTwoChunks(@TempDir Path here) throws Exception {
        Path file = here.resolve("two-chunks.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ActiveSetting");
            recording.enable("jdk.VirtualThreadSubmitFailed");
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO);
            recording.start();
            try (Recording another = new Recording()) { // starting a recording rotates the chunk
                another.start();
            }
            recording.stop();
            recording.dump(file);
        }
        IItemCollection items = JfrLoaderToolkit.loadEvents(file.toFile());
        assertThat(RulesToolkit.getEventAvailability(items, "jdk.VirtualThreadSubmitFailed"))
                .isEqualTo(EventAvailability.NONE);
        assertThat(ItemCollectionReader.enabled(items, "jdk.VirtualThreadSubmitFailed"))
                .isEqualTo(dev.loompatterns.jfr.EventEnabled.ON);
        IResult submitFailed = jmc(items).get("submit-failed");
        assertThat(submitFailed.getSeverity()).isEqualTo(Severity.OK);
        assertThat(submitFailed.getSummary()).isEqualTo("No virtual thread failed to be scheduled.");
    }
}
