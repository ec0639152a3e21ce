package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.cli.LoomCli;
import dev.loompatterns.jfr.EventEnabled;
import dev.loompatterns.jfr.PinStream;
import dev.loompatterns.jfr.PinTaxonomy;
import dev.loompatterns.threaddump.MidRunDump;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolCandidateRuleTest {

    private static final long SECOND = 1_000_000_000L;

    /**
     * Threads of one name that wait most of their lives, fed to the rule: a candidate pool when they are
     * an application's, none when they are the JVM's, JFR's or loom's own. loom's run recordings showed
     * "first to move: loom-jfr-stop (9 threads, blocked 99%)", the threads that stop its event streams.
     */
    @Test
    void theJvmsJfrsAndLoomsOwnThreadsAreNoPoolToMove() {
        assertThat(candidates("worker-#", List.of("worker-1", "worker-2", "worker-3")))
                .as("an application's threads that mostly wait")
                .containsExactly("worker-#");
        for (List<String> own : List.of(
                List.of(PinStream.STOPPER_THREAD, PinStream.STOPPER_THREAD, PinStream.STOPPER_THREAD),
                List.of(LoomCli.CTRL_C_THREAD, LoomCli.CTRL_C_THREAD),
                List.of(MidRunDump.RUN_THREAD, MidRunDump.RUN_THREAD),
                List.of("JFR Periodic Tasks", "JFR Recorder Thread"),
                List.of("Common-Cleaner", "Common-Cleaner"))) {
            assertThat(candidates(own.getFirst(), own)).as(own.toString()).isEmpty();
        }
    }

    /**
     * A pool is threads whose names are alike but for their numbers: a lone thread named without a
     * number ({@code main}) is none, and is not listed among the other pools (it was, and drawn as one).
     */
    @Test
    void aLoneThreadWithoutANumberIsNoPool() {
        PoolCandidateRule rule = new PoolCandidateRule();
        long id = 100;
        for (String name : List.of("main", "reader-1", "loader", "loader")) {
            rule.accept(waitOf(
                    SECOND, SECOND / 10, new Observation.ThreadRef(id++, name, false), Observation.Blocked.Kind.SLEEP));
        }
        Finding finding = rule.finish(new Rule.Recording(SECOND, 2 * SECOND, 4, -1, "", Map.of()));

        assertThat(finding.list("other_pools"))
                .extracting(pool -> String.valueOf(((Map<?, ?>) pool).get("pool")))
                .containsExactlyInAnyOrder("reader-#", "loader");
        assertThat(finding.details()).containsEntry("other_pools_total", 2);
        assertThat(finding.details())
                .as("as docs/inspect.md's JSON fields say, also where something blocked")
                .containsEntry("blocked_events", 4L);
    }

    /**
     * Two of the JDK's executors, told apart by their pools' numbers: one blocked 90% of its threads'
     * time, one 10%. With every number replaced, both were {@code pool-#-thread-#}, blocked 50% on
     * average: a candidate only by luck of the threshold, and named for both.
     */
    @Test
    void poolsOfTwoExecutorsAreToldApartByTheirNumbers() {
        PoolCandidateRule rule = new PoolCandidateRule();
        long id = 100;
        for (int thread = 1; thread <= 3; thread++) {
            rule.accept(blocked(id++, "pool-1-thread-" + thread, SECOND * 9 / 10));
            rule.accept(blocked(id++, "pool-2-thread-" + thread, SECOND / 10));
        }
        Finding finding = rule.finish(new Rule.Recording(SECOND, 2 * SECOND, 6, -1, "", Map.of()));

        assertThat(finding.list("candidates"))
                .extracting(pool -> String.valueOf(((Map<?, ?>) pool).get("pool")))
                .containsExactly("pool-1-thread-#");
        assertThat(finding.list("other_pools"))
                .extracting(pool -> String.valueOf(((Map<?, ?>) pool).get("pool")))
                .containsExactly("pool-2-thread-#");
        assertThat(PoolCandidateRule.poolOf("ForkJoinPool-2-worker-13")).isEqualTo("ForkJoinPool-2-worker-#");
        assertThat(PoolCandidateRule.poolOf("worker-7-io")).isEqualTo("worker-#-io");
        assertThat(PoolCandidateRule.poolOf("main")).isEqualTo("main");
    }

    /**
     * A lone thread of a pool is no candidate, as a single-thread executor's one thread may be there to run its
     * tasks in turn; a {@code ForkJoinPool}'s one worker is (it keeps no order, and the common pool has one worker on
     * a 2-core machine). Where the common pool is a candidate the finding says how to move what runs in it.
     */
    @Test
    void aForkJoinPoolsOneWorkerIsAPoolAndTheCommonPoolIsToldHowToMove() {
        PoolCandidateRule rule = new PoolCandidateRule();
        rule.accept(blocked(101, "pool-1-thread-1", SECOND * 9 / 10));
        rule.accept(blocked(102, "ForkJoinPool.commonPool-worker-1", SECOND * 8 / 10));
        rule.accept(blocked(103, "ForkJoinPool-3-worker-2", SECOND * 7 / 10));
        Finding finding = rule.finish(new Rule.Recording(SECOND, 2 * SECOND, 3, -1, "", Map.of()));

        assertThat(finding.list("candidates"))
                .extracting(pool -> String.valueOf(((Map<?, ?>) pool).get("pool")))
                .containsExactly(PoolCandidateRule.COMMON_POOL, "ForkJoinPool-3-worker-#");
        assertThat(finding.list("other_pools"))
                .extracting(pool -> String.valueOf(((Map<?, ?>) pool).get("pool")))
                .containsExactly("pool-1-thread-#");
        assertThat(finding.summary())
                .contains("first to move: ForkJoinPool.commonPool-worker-# (1 thread, blocked 80%");
        assertThat(finding.explanation())
                .contains("ForkJoinPool.commonPool-worker-# is the common pool", "supplyAsync(task, executor)");

        PoolCandidateRule own = new PoolCandidateRule();
        own.accept(blocked(103, "ForkJoinPool-3-worker-2", SECOND * 7 / 10));
        assertThat(own.finish(new Rule.Recording(SECOND, 2 * SECOND, 1, -1, "", Map.of()))
                        .explanation())
                .as("a pool of the program's own is replaced as any other")
                .doesNotContain("common pool");
    }

    private static Observation.Blocked blocked(long id, String name, long nanos) {
        return waitOf(SECOND, nanos, new Observation.ThreadRef(id, name, false), Observation.Blocked.Kind.SLEEP);
    }

    /**
     * Where some wait events were not on, the finding names them: a pool blocked only in those is not seen
     * (under pinning.jfc, a pool in Object.wait and one in socket reads were an OK "No pool ... blocked").
     */
    @Test
    void namesTheWaitsItCouldNotSee() {
        Map<String, EventEnabled> settings = everyWaitOn();
        settings.put("jdk.ThreadStart", EventEnabled.ON);
        settings.put("jdk.ThreadEnd", EventEnabled.ON);
        settings.put("jdk.JavaMonitorWait", EventEnabled.OFF);
        Finding finding = oneShortSleep(settings);

        assertThat(finding.severity()).isEqualTo(Severity.OK);
        assertThat(finding.explanation()).endsWith("Not recorded as on, so not seen: jdk.JavaMonitorWait.");
        settings.put("jdk.JavaMonitorWait", EventEnabled.ON);
        assertThat(oneShortSleep(settings).explanation()).doesNotContain("not seen:");
        // on for part of the recording only (a second recording turned it on): its waits while off are not counted
        settings.put("jdk.JavaMonitorWait", EventEnabled.PART);
        settings.put("jdk.ThreadSleep", EventEnabled.PART);
        assertThat(oneShortSleep(settings).explanation())
                .endsWith(" On for part of the recording only, so their waits while off are not counted:"
                        + " jdk.ThreadSleep, jdk.JavaMonitorWait.")
                .doesNotContain("not seen:");
    }

    /**
     * Both the OK and the INFO say why the share is a lower bound and how to record what JDK 25's default throttle
     * drops: a review's pool blocked 96% of the time in socket reads read as 8% with the default settings.
     */
    @Test
    void saysHowToCountTheWaitsTheThrottleDrops() {
        Map<String, Set<String>> defaults = Map.of(
                "jdk.SocketRead", Set.of("100/s"),
                "jdk.SocketWrite", Set.of("100/s"),
                "jdk.FileRead", Set.of("100/s"),
                "jdk.FileWrite", Set.of("100/s"));
        for (Finding finding :
                List.of(twoWorkersBlocked(SECOND / 10, defaults), twoWorkersBlocked(SECOND * 9 / 10, defaults))) {
            assertThat(finding.explanation())
                    .as(finding.severity().toString())
                    .contains("so it is a lower bound")
                    .contains("at most 100 socket and 100 file reads and writes a second (throttle)")
                    .contains("jdk.SocketRead#throttle=off");
        }
    }

    /**
     * A recording made without jdk.ActiveSetting says nothing of its settings: a wait type with events in the file
     * was on, and is not named as unseen (a review's 10,000 sleeping virtual threads, "Not recorded as on, so not
     * seen: ... jdk.ThreadPark, jdk.ThreadSleep" beside 10,000 jdk.ThreadSleep events); one with none is not known,
     * and the throttle is spoken of as what the defaults do, not as what this recording did.
     */
    @Test
    void aRecordingThatDoesNotSayItsSettingsIsNotToldItsSeenWaitsWereOff() {
        PoolCandidateRule rule = new PoolCandidateRule();
        for (int i = 1; i <= 2; i++) {
            rule.accept(waitOf(
                    SECOND,
                    SECOND / 10,
                    new Observation.ThreadRef(100 + i, "worker-" + i, false),
                    Observation.Blocked.Kind.SLEEP));
        }
        rule.accept(
                waitOf(SECOND, SECOND / 10, new Observation.ThreadRef(200, "", true), Observation.Blocked.Kind.PARK));
        String explanation = rule.finish(new Rule.Recording(SECOND, 2 * SECOND, 2, -1, "", Map.of()))
                .explanation();

        assertThat(explanation)
                .doesNotContain("Not recorded as on")
                .contains("Not known: none of jdk.SocketRead, jdk.SocketWrite, jdk.FileRead, jdk.FileWrite,"
                        + " jdk.JavaMonitorEnter, jdk.JavaMonitorWait in the file, and the recording's settings do not"
                        + " say whether they were on.")
                .contains("the recording does not say whether its socket and file events were throttled")
                .contains("may show only some of them")
                .doesNotContain("shows only some");

        // the same from a JVM before JDK 21 (no virtual-thread events): no throttle there to turn off
        String older = rule.finish(new Rule.Recording(
                        SECOND, 2 * SECOND, 2, -1, "", Map.of("jdk.VirtualThreadPinned", EventEnabled.ABSENT)))
                .explanation();
        assertThat(older)
                .contains("the JVM that made it is older than JDK 21")
                .doesNotContain("#throttle=off")
                .doesNotContain("may show only some of them");
    }

    /**
     * A pool's thread seen starting that never waited is one of its threads, alive and not blocked: a review's pool
     * of 50 was counted as 48, and its share as theirs. Two of three workers sleep 0.9 s of a 1 s recording.
     */
    @Test
    void aPoolsThreadThatNeverWaitedCountsInItsShare() {
        PoolCandidateRule rule = new PoolCandidateRule();
        for (int i = 1; i <= 3; i++) {
            Observation.ThreadRef worker = new Observation.ThreadRef(100 + i, "worker-" + i, false);
            rule.accept(new Observation.ThreadStart(SECOND, worker));
            if (i <= 2) {
                rule.accept(waitOf(SECOND + SECOND / 20, SECOND * 9 / 10, worker, Observation.Blocked.Kind.SLEEP));
            }
        }
        rule.accept(new Observation.ThreadStart(SECOND, new Observation.ThreadRef(200, "other-1", false)));
        Map<String, EventEnabled> settings = everyWaitOn();
        settings.put("jdk.ThreadStart", EventEnabled.ON);
        settings.put("jdk.ThreadEnd", EventEnabled.ON);
        Finding finding = rule.finish(new Rule.Recording(SECOND, 2 * SECOND, 5, -1, "", settings));

        assertThat(finding.list("candidates")).singleElement().satisfies(pool -> {
            assertThat(((Map<?, ?>) pool).get("pool")).isEqualTo("worker-#");
            assertThat(((Map<?, ?>) pool).get("threads")).isEqualTo(3);
            assertThat(((Map<?, ?>) pool).get("blocked_share")).isEqualTo(0.6);
        });
        assertThat(finding.list("other_pools"))
                .as("a pool with no wait at all is not listed")
                .isEmpty();
    }

    /** The finding on a 1 s recording with these settings, in which one thread slept 10 ms. */
    private static Finding oneShortSleep(Map<String, EventEnabled> settings) {
        PoolCandidateRule rule = new PoolCandidateRule();
        rule.accept(waitOf(
                SECOND,
                SECOND / 100,
                new Observation.ThreadRef(100, "worker-1", false),
                Observation.Blocked.Kind.SLEEP));
        return rule.finish(new Rule.Recording(SECOND, 2 * SECOND, 1, -1, "", settings));
    }

    /** The candidate pools' names, given one thread a name, each sleeping 0.9 s of a 1 s recording. */
    private static List<String> candidates(String pool, List<String> names) {
        PoolCandidateRule rule = new PoolCandidateRule();
        for (int i = 0; i < names.size(); i++) {
            Observation.ThreadRef thread = new Observation.ThreadRef(100 + i, names.get(i), false);
            rule.accept(waitOf(SECOND + SECOND / 20, SECOND * 9 / 10, thread, Observation.Blocked.Kind.SLEEP));
        }
        Finding finding = rule.finish(new Rule.Recording(SECOND, 2 * SECOND, names.size(), -1, "", Map.of()));
        return finding.list("candidates").stream()
                .map(candidate -> String.valueOf(((Map<?, ?>) candidate).get("pool")))
                .toList();
    }

    /**
     * The blocked share is shown rounded down, so a pool shown at 0.5 is always a candidate: 0.499 showed
     * 0.5 in {@code other_pools}, a candidate's share, and was none.
     */
    @Test
    void aShareShownAtOneHalfIsACandidate() {
        Finding below = twoWorkersBlocked(SECOND * 499 / 1000);
        assertThat(below.list("candidates")).isEmpty();
        assertThat(below.list("other_pools"))
                .singleElement()
                .satisfies(pool ->
                        assertThat(((Map<?, ?>) pool).get("blocked_share")).isEqualTo(0.49));

        Finding half = twoWorkersBlocked(SECOND / 2);
        assertThat(half.list("candidates"))
                .singleElement()
                .satisfies(pool ->
                        assertThat(((Map<?, ?>) pool).get("blocked_share")).isEqualTo(0.5));
        assertThat(twoWorkersBlocked(SECOND * 57 / 100).list("candidates"))
                .singleElement()
                .satisfies(pool -> assertThat(((Map<?, ?>) pool).get("blocked_share"))
                        .as("floored in decimal: 0.57 * 100 is 56.99... in binary")
                        .isEqualTo(0.57));
    }

    /**
     * A recording made as advised, with the socket and file events' throttle off, is not told again to turn it
     * off; one with only some of them off is told the others, by name.
     */
    @Test
    void adviceOnTheThrottleNamesOnlyTheEventTypesStillThrottled() {
        Map<String, Set<String>> allOff = Map.of(
                "jdk.SocketRead", Set.of("off"),
                "jdk.SocketWrite", Set.of("off"),
                "jdk.FileRead", Set.of("off"),
                "jdk.FileWrite", Set.of("off"));
        for (long nanos : List.of(SECOND / 10, SECOND * 9 / 10)) {
            assertThat(twoWorkersBlocked(nanos, allOff).explanation())
                    .contains("so it is a lower bound")
                    .contains("this recording's settings throttle none of the socket and file events it had on")
                    .doesNotContain("#throttle=off")
                    .doesNotContain("at most 100");
        }
        Map<String, Set<String>> readsOff = Map.of(
                "jdk.SocketRead", Set.of("off"),
                "jdk.SocketWrite", Set.of("100/s"),
                "jdk.FileRead", Set.of("off"),
                // a setting changed during the recording: throttled for a while
                "jdk.FileWrite", Set.of("off", "100/s"));
        assertThat(twoWorkersBlocked(SECOND * 9 / 10, readsOff).explanation())
                .contains("record with jdk.SocketWrite#throttle=off (and jdk.FileWrite) to count them all.")
                .doesNotContain("jdk.SocketRead#");
    }

    /**
     * The thresholds that leave out a pool's short waits are named, with the settings that count them: a helper's
     * server sent 753 tasks that each slept 10 ms to the common pool, which read blocked 1% of its time with sleeps
     * recorded from 20 ms and 67%, a candidate, from 10 ms, and the explanation did not say which thresholds it had.
     * Thresholds of 1 ms or less, a lock's wait (not in the share) and an event off are not named.
     */
    @Test
    void thresholdsThatLeaveShortWaitsOutAreNamedWithHowToCountThem() {
        Map<String, EventEnabled> settings = everyWaitOn();
        settings.put("jdk.FileRead", EventEnabled.OFF);
        Map<String, Set<Duration>> coarse = Map.of(
                "jdk.ThreadPark", Set.of(Duration.ofMillis(20)),
                "jdk.ThreadSleep", Set.of(Duration.ofMillis(10), Duration.ofMillis(20)), // changed during the recording
                "jdk.JavaMonitorWait", Set.of(Duration.ofMillis(20)),
                "jdk.JavaMonitorEnter", Set.of(Duration.ofMillis(20)),
                "jdk.SocketRead", Set.of(Duration.ofMillis(1)),
                "jdk.FileRead", Set.of(Duration.ofMillis(20)));
        assertThat(withThresholds(settings, coarse).explanation())
                .contains("a wait shorter than its event's threshold is not recorded (here parks under 20 ms, sleeps"
                        + " under 20 ms and monitor waits under 20 ms), so a pool whose tasks wait in shorter"
                        + " ones reads low (record with jdk.ThreadPark#threshold=1 ms and the same for"
                        + " jdk.ThreadSleep and jdk.JavaMonitorWait to count them)");
        Map<String, Set<Duration>> fine = Map.of(
                "jdk.ThreadPark", Set.of(Duration.ZERO),
                "jdk.ThreadSleep", Set.of(Duration.ofMillis(1)),
                "jdk.JavaMonitorEnter", Set.of(Duration.ofMillis(20)),
                "jdk.FileRead", Set.of(Duration.ofMillis(20)));
        assertThat(withThresholds(settings, fine).explanation())
                .contains("a wait shorter than its event's threshold is not recorded;")
                .doesNotContain("#threshold=");
        assertThat(withThresholds(settings, Map.of()).explanation())
                .as("thresholds not known")
                .doesNotContain("#threshold=");
    }

    private static Finding withThresholds(Map<String, EventEnabled> settings, Map<String, Set<Duration>> thresholds) {
        return twoWorkersBlocked(SECOND / 10, settings, thresholds, Map.of());
    }

    /**
     * Settings that had the socket and file events on and name no throttle for them are a JVM's before JDK 25, which
     * throttles none (a JDK 17 recording was told to turn JDK 25's throttle off); events left off are named as not
     * seen, and their throttle not spoken of.
     */
    @Test
    void noThrottleIsSpokenOfWhereTheSettingsHadNoneOrTheEventsOff() {
        Map<String, EventEnabled> on = new java.util.HashMap<>();
        Map<String, EventEnabled> off = new java.util.HashMap<>();
        for (String type : List.of("jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite")) {
            on.put(type, EventEnabled.ON);
            off.put(type, EventEnabled.OFF);
        }
        assertThat(twoWorkersBlocked(SECOND * 9 / 10, on, Map.of()).explanation())
                .contains("this recording's settings throttle none of the socket and file events it had on")
                .doesNotContain("#throttle=off");
        assertThat(twoWorkersBlocked(SECOND * 9 / 10, off, Map.of()).explanation())
                .contains("a wait shorter than its event's threshold is not recorded.")
                .doesNotContain("throttle");
    }

    /**
     * A wait to take a lock is not counted as blocked: a pool of two threads each asleep {@code sleepMs} and waiting
     * for a lock {@code lockMs} of a 1 s recording is a candidate on its sleeps alone, no candidate but listed apart
     * when only both together reach half of it (OK, and said why), and one of the other pools below that.
     */
    @Test
    void aWaitToTakeALockIsNotCountedAsBlocked() {
        Finding locked = sleepingAndLocked(100, 800);
        assertThat(locked.severity()).isEqualTo(Severity.OK);
        assertThat(locked.summary())
                .isEqualTo("No pool of platform threads to move: 1 pool of platform threads waited most of its time,"
                        + " but was blocked less than half of it without its waits to take a lock, which virtual"
                        + " threads would wait for as long: worker-# (2 threads, waiting for a lock 80% of the time,"
                        + " otherwise blocked 10%).");
        assertThat(locked.list("candidates")).isEmpty();
        assertThat(locked.list("waiting_for_locks"))
                .singleElement()
                .satisfies(pool -> assertThat(asMap(pool))
                        .containsEntry("blocked_share", 0.1)
                        .containsEntry("lock_wait_share", 0.8)
                        .containsEntry("lock_wait_ms", 1600.0)
                        .containsEntry("blocked_in", Map.of("sleep", 200.0)));
        assertThat(locked.explanation())
                .startsWith("A thread waiting to take a lock another holds")
                .contains("JEP 491");

        Finding sleeping = sleepingAndLocked(600, 300);
        assertThat(sleeping.severity()).isEqualTo(Severity.INFO);
        assertThat(sleeping.list("candidates"))
                .singleElement()
                .satisfies(pool -> assertThat(asMap(pool))
                        .containsEntry("blocked_share", 0.6)
                        .containsEntry("lock_wait_share", 0.3));
        assertThat(sleeping.list("waiting_for_locks")).isEmpty();
        assertThat(sleeping.explanation())
                .doesNotContain("JEP 491")
                .as("where a candidate is named, whose idle waits it knows")
                .contains(PoolCandidateRule.IDLE_KNOWN);

        Finding neither = sleepingAndLocked(200, 200);
        assertThat(neither.summary()).startsWith("No pool of platform threads was blocked for most of the recording;");
        assertThat(neither.list("waiting_for_locks")).isEmpty();
        assertThat(neither.list("other_pools")).hasSize(1);
    }

    /**
     * Parks recorded with no stack may be a pool's idle wait for its next task, which only the stack tells: they are
     * not counted as blocked, and a pool that waited most of its time only with them counted is said to be unknown,
     * not "no pool blocked" nor a candidate. Where a pool is a candidate on its other waits, the explanation still
     * says what was not counted.
     */
    @Test
    void aParkWithNoStackIsNotCountedAndTheFindingSaysWhy() {
        Finding noStack = parkedWithNoStack(900, 0);
        assertThat(noStack.severity()).isEqualTo(Severity.OK);
        assertThat(noStack.summary())
                .isEqualTo("No pool of platform threads can be said to have spent most of its time blocked: worker-#"
                        + " (2 threads) waited 90% of the time, 100% of it in parks or monitor waits recorded with no"
                        + " stack, which alone tells a wait for the next task (idle) from a wait in one.");
        assertThat(noStack.list("candidates")).isEmpty();
        assertThat(noStack.list("other_pools"))
                .singleElement()
                .satisfies(pool -> assertThat(asMap(pool))
                        .containsEntry("blocked_share", 0.0)
                        .containsEntry("no_stack_wait_ms", 1800.0));
        assertThat(noStack.details()).containsEntry("no_stack_waits", 2L).containsEntry("no_stack_wait_ms", 1800.0);
        assertThat(noStack.explanation())
                .startsWith("2 park or monitor waits of platform threads (1.8 s) had no stack recorded")
                .contains("stackTrace=true");

        Finding candidate = parkedWithNoStack(300, 600);
        assertThat(candidate.severity()).isEqualTo(Severity.INFO);
        assertThat(candidate.list("candidates"))
                .singleElement()
                .satisfies(pool -> assertThat(asMap(pool))
                        .containsEntry("blocked_share", 0.6)
                        .containsEntry("no_stack_wait_ms", 600.0));
        assertThat(candidate.explanation()).contains("had no stack recorded");

        Finding few = parkedWithNoStack(100, 100);
        assertThat(few.summary())
                .as("a pool that waited little, even counting its waits with no stack, is none to tell of")
                .startsWith("No pool of platform threads was blocked for most of the recording;");
        assertThat(few.explanation()).contains("had no stack recorded");
    }

    /**
     * Parks whose stack the recording cut before any frame but the JDK's are not counted either, and the finding says
     * the stack depth cut them, not the stackTrace setting: an idle pool recorded 4 frames deep was a candidate,
     * blocked 99% of the time (a helper's hunt).
     */
    @Test
    void aParkWithAStackCutShortIsNotCountedAndTheFindingSaysWhy() {
        List<PinTaxonomy.Frame> cut = List.of(
                new PinTaxonomy.Frame("jdk.internal.misc.Unsafe", "park", 1, false, true),
                new PinTaxonomy.Frame("java.util.concurrent.locks.LockSupport", "parkNanos", 1, false, false));
        Finding idle = twoWorkersWaited(worker -> List.of(Observation.Blocked.of(
                SECOND, 900_000_000L, worker, Observation.Blocked.Kind.PARK, () -> cut, () -> true)));
        assertThat(idle.severity()).isEqualTo(Severity.OK);
        assertThat(idle.summary()) // as aParkWithNoStackIsNotCountedAndTheFindingSaysWhy's, and "or one cut short"
                .contains(" worker-# (2 threads) waited 90% of the time, 100% of it in parks or monitor waits recorded"
                        + " with no stack or one cut short, which alone tells");
        assertThat(idle.details()).containsEntry("no_stack_waits", 2L).containsEntry("no_stack_wait_ms", 1800.0);
        assertThat(idle.explanation())
                .startsWith("2 park or monitor waits of platform threads (1.8 s) had a stack the recording cut short")
                .contains("-XX:FlightRecorderOptions:stackdepth")
                .contains("record with the default stack depth or more to count them")
                .doesNotContain("stackTrace=true");

        Finding both = twoWorkersWaited(worker -> List.of(
                Observation.Blocked.of(
                        SECOND, 400_000_000L, worker, Observation.Blocked.Kind.PARK, () -> cut, () -> true),
                Observation.Blocked.of(SECOND, 500_000_000L, worker, Observation.Blocked.Kind.PARK, List::of)));
        assertThat(both.explanation())
                .startsWith("2 park or monitor waits of platform threads (1.0 s) had no stack recorded")
                .contains("2 park or monitor waits of platform threads (800 ms) had a stack the recording cut short")
                .contains("stackTrace=true (the JDK's settings do), and with the default stack depth or more, to count"
                        + " them.");
    }

    /**
     * A pool's parks and monitor waits are kept by the class they waited in, the three longest, longest first; a
     * candidate that waited half its blocked time or more for a Semaphore's permits is told that moving it does not
     * make it faster, and one that waited less is not.
     */
    @Test
    void aPoolsWaitsAreKeptByTheirClassAndAPermitBoundPoolIsToldWhy() {
        Finding permits = waitedIn(Map.of(
                PoolCandidateRule.SEMAPHORE,
                300L,
                "java.util.concurrent.CountDownLatch",
                100L,
                "app.Gate",
                80L,
                "java.util.concurrent.FutureTask",
                20L));
        Map<String, Object> pool = asMap(permits.list("candidates").getFirst());
        assertThat(asMap(pool.get("waited_in")))
                .containsExactly(
                        Map.entry(PoolCandidateRule.SEMAPHORE, 600.0),
                        Map.entry("java.util.concurrent.CountDownLatch", 200.0),
                        Map.entry("app.Gate", 160.0));
        assertThat(pool.get("blocked_in")).isEqualTo(Map.of("park", 1_000.0, "sleep", 100.0));
        assertThat(permits.explanation())
                .contains("worker-# spent 54% of its blocked time waiting for a Semaphore's permits")
                .contains("no more tasks run at once than there are permits");

        Finding under =
                waitedIn(Map.of(PoolCandidateRule.SEMAPHORE, 270L, "java.util.concurrent.CountDownLatch", 230L));
        assertThat(under.severity()).isEqualTo(Severity.INFO);
        assertThat(under.explanation()).as("49% for permits: not told").doesNotContain("Semaphore's permits");
    }

    /**
     * Pools waiting for connections, HikariCP's and an Apache Commons Pool's (DBCP's), as {@code waitedIn} names their
     * waits, are told so together; a pool that waited on a queue of its own is not.
     */
    @Test
    void poolsWaitingForConnectionsAreToldTogether() {
        Finding finding = poolsThatWaitedIn(Map.of(
                "hikari-", "java.util.concurrent.SynchronousQueue from com.zaxxer.hikari.util.ConcurrentBag",
                "dbcp-", "org.apache.commons.pool2.impl.LinkedBlockingDeque",
                "consumer-", "java.util.concurrent.SynchronousQueue from app.Consumer",
                "adder-", "sleep from com.zaxxer.hikari.util.UtilityElf"));

        assertThat(finding.list("candidates")).hasSize(4);
        assertThat(finding.explanation())
                .contains("hikari-# spent 100% of its blocked time waiting for a connection from HikariCP's pool")
                .contains("dbcp-# spent 100% of its blocked time waiting for an object from an Apache Commons Pool")
                .contains("than there are connections or pooled objects, so these pools go no faster unless those")
                .doesNotContain("consumer-# spent")
                .as("HikariCP's own sleep is no wait for a connection")
                .doesNotContain("adder-# spent");
    }

    /**
     * Tomcat JDBC's pool (its fair queue, the default, and the other), c3p0's and Agroal's, as {@code waitedIn} names
     * their waits recorded here: connections both, said once; a monitor's wait in Tomcat JDBC's own code (a connection
     * being set up, recorded so) is none.
     */
    @Test
    void tomcatJdbcsC3p0sAndAgroalsConnectionsAreLimitsToo() {
        Finding finding = poolsThatWaitedIn(Map.of(
                "fair-", "java.util.concurrent.CountDownLatch from org.apache.tomcat.jdbc.pool.FairBlockingQueue",
                "c3p0-", "com.mchange.v2.resourcepool.BasicResourcePool",
                "setup-", "org.apache.tomcat.jdbc.pool.ConnectionPool"));
        assertThat(finding.list("candidates")).hasSize(3);
        assertThat(poolsThatWaitedIn(Map.of(
                                "agroal-",
                                "io.agroal.pool.ConnectionPool",
                                "growing-",
                                "java.util.concurrent.FutureTask from io.agroal.pool.ConnectionPool",
                                "housekeeping-",
                                "java.util.concurrent.FutureTask from io.agroal.pool.util.PriorityScheduledExecutor"))
                        .explanation())
                .contains("agroal-# spent 100% of its blocked time waiting for a connection from Agroal's pool")
                .contains("growing-# spent 100% of its blocked time waiting for a connection from Agroal's pool")
                .doesNotContain("housekeeping-# spent");
        assertThat(finding.explanation())
                .contains("fair-# spent 100% of its blocked time waiting for a connection from Tomcat JDBC's pool")
                .contains("c3p0-# spent 100% of its blocked time waiting for a connection from c3p0's pool")
                .contains("than there are connections, so these pools go no faster unless the connections grow")
                .doesNotContain("setup-# spent");

        Finding unfair = poolsThatWaitedIn(Map.of(
                "unfair-", "java.util.concurrent.LinkedBlockingQueue from org.apache.tomcat.jdbc.pool.ConnectionPool"));
        assertThat(unfair.explanation())
                .contains("unfair-# spent 100% of its blocked time waiting for a connection from Tomcat JDBC's pool")
                .contains("so the pool goes no faster unless the connections grow");
    }

    /** Apache HttpClient's pools of connections, 5's and 4's, as {@code waitedIn} names their waits recorded here. */
    @Test
    void apacheHttpClientsConnectionsAreLimits() {
        Finding finding = poolsThatWaitedIn(Map.of(
                "hc5-", "org.apache.hc.core5.concurrent.BasicFuture from org.apache.hc.core5.pool.StrictConnPool",
                "hc4-", "org.apache.http.pool.AbstractConnPool",
                "async-", "org.apache.hc.core5.concurrent.BasicFuture from app.Client"));
        assertThat(finding.explanation())
                .contains("hc5-# spent 100% of its blocked time waiting for a connection from Apache HttpClient's pool")
                .contains("hc4-# spent 100% of its blocked time waiting for a connection from Apache HttpClient's pool")
                .contains("than there are connections, so these pools go no faster unless the connections grow")
                .as("a future of HttpClient's that the program waited on is no wait for a connection")
                .doesNotContain("async-# spent");
    }

    /**
     * Vibur DBCP's and Oracle UCP's pools wait for a connection on a {@code Semaphore}, as {@code waitedIn} names their
     * waits recorded here: their connections, not permits; a program's own semaphore, beside one of them, stays
     * permits.
     */
    @Test
    void viburAndUcpConnectionsAreToldFromAProgramsSemaphore() {
        Map<String, String> pools = Map.of(
                "Vibur DBCP's", "java.util.concurrent.Semaphore from org.vibur.objectpool.ConcurrentPool",
                "Oracle UCP's", "java.util.concurrent.Semaphore from oracle.ucp.common.CriStats");
        pools.forEach((pool, waitedIn) -> {
            String alone = poolsThatWaitedIn(Map.of("db-", waitedIn)).explanation();
            assertThat(alone)
                    .as(pool)
                    .contains("db-# spent 100% of its blocked time waiting for a connection from " + pool + " pool")
                    .contains("so the pool goes no faster unless the connections grow");
            String beside = poolsThatWaitedIn(
                            Map.of("db-", waitedIn, "app-", "java.util.concurrent.Semaphore from app.A"))
                    .explanation();
            assertThat(beside)
                    .as(pool + " beside the program's semaphore")
                    .contains("app-# spent 100% of its blocked time waiting for a Semaphore's permits")
                    .contains("than there are permits or connections, so these pools go no faster unless those grow");
        });
    }

    /**
     * MongoDB's driver 5.14.0 waits for a connection in its {@code ConcurrentPool}, as {@code waitedIn} names the wait
     * recorded here (8 threads on 2 connections); its server monitor's wait for its next check, in the same package,
     * and its waits through its {@code Timeout} class are none.
     */
    @Test
    void mongoDbsConnectionsAreLimits() {
        assertThat(poolsThatWaitedIn(Map.of("mongo-", "com.mongodb.internal.connection.ConcurrentPool"))
                        .explanation())
                .contains("mongo-# spent 100% of its blocked time waiting for a connection from the MongoDB driver's"
                        + " pool")
                .contains("so the pool goes no faster unless the connections grow");
        for (String other : List.of(
                "com.mongodb.internal.connection.DefaultServerMonitor",
                "java.util.concurrent.CountDownLatch from com.mongodb.internal.time.Timeout")) {
            assertThat(poolsThatWaitedIn(Map.of("driver-", other)).explanation())
                    .as(other)
                    .doesNotContain("driver-# spent");
        }
    }

    /** The finding on a 2 s recording in which two threads of each pool parked 0.8 s, each in its pool's class. */
    private static Finding poolsThatWaitedIn(Map<String, String> waits) {
        PoolCandidateRule rule = new PoolCandidateRule();
        long id = 100;
        for (Map.Entry<String, String> pool : waits.entrySet()) {
            for (int i = 1; i <= 2; i++) {
                Observation.ThreadRef thread = new Observation.ThreadRef(id++, pool.getKey() + i, false);
                rule.accept(new Observation.Blocked(
                        SECOND,
                        SECOND * 8 / 10,
                        thread,
                        Observation.Blocked.Kind.PARK,
                        Observation.Blocked.Wait.IN_TASK,
                        pool.getValue()));
            }
        }
        return rule.finish(new Rule.Recording(SECOND, 2 * SECOND, 8, -1, "", everyWaitOn()));
    }

    /**
     * The finding on a 1 s recording in which each of two threads of one pool parked in these classes this many ms,
     * and slept 50 ms.
     */
    private static Finding waitedIn(Map<String, Long> parkMs) {
        return twoWorkersWaited(worker -> {
            List<Observation.Blocked> waits = new java.util.ArrayList<>();
            parkMs.forEach((type, ms) -> waits.add(new Observation.Blocked(
                    SECOND,
                    ms * 1_000_000,
                    worker,
                    Observation.Blocked.Kind.PARK,
                    Observation.Blocked.Wait.IN_TASK,
                    type)));
            waits.add(waitOf(SECOND, 50_000_000, worker, Observation.Blocked.Kind.SLEEP));
            return waits;
        });
    }

    /**
     * The finding on a 1 s recording in which two threads of one pool each parked with no stack recorded and slept
     * this long.
     */
    private static Finding parkedWithNoStack(long parkMs, long sleepMs) {
        return twoWorkersWaited(worker -> List.of(
                Observation.Blocked.of(SECOND, parkMs * 1_000_000, worker, Observation.Blocked.Kind.PARK, List::of),
                waitOf(SECOND, sleepMs * 1_000_000, worker, Observation.Blocked.Kind.SLEEP)));
    }

    /**
     * The finding on a 1 s recording, every wait type on, in which each of two threads of one pool ({@code worker-1},
     * {@code worker-2}) waited as {@code waits} says.
     */
    private static Finding twoWorkersWaited(
            java.util.function.Function<Observation.ThreadRef, List<Observation.Blocked>> waits) {
        PoolCandidateRule rule = new PoolCandidateRule();
        for (int i = 1; i <= 2; i++) {
            waits.apply(new Observation.ThreadRef(100 + i, "worker-" + i, false))
                    .forEach(rule::accept);
        }
        return rule.finish(new Rule.Recording(SECOND, 2 * SECOND, 2, -1, "", everyWaitOn()));
    }

    /**
     * A pool that is idle most of its time and blocked most of the rest, its time at work, is no candidate (it is not
     * busy) but is named, with both shares: a helper's server sent its database calls, sleeps of 20 ms, to a fixed
     * pool of 4, which read blocked 20% of its time at ordinary load, an OK with no word of it, though all its tasks'
     * time was a wait. One blocked for less than a tenth of its time, or mostly computing at work, is not named.
     */
    @Test
    void aPoolBlockedForMostOfItsTimeAtWorkIsNamedThoughNotBusy() {
        Finding atWork = idleAndSleeping(700, 250);
        assertThat(atWork.severity()).isEqualTo(Severity.OK);
        assertThat(atWork.list("candidates")).isEmpty();
        assertThat(atWork.list("other_pools")).hasSize(1);
        // a second of each thread's life: 700 ms idle, 250 ms of its 300 ms at work blocked
        Map<String, Object> pool = asMap(atWork.list("other_pools").getFirst());
        assertThat(pool).containsEntry("blocked_share", 0.25).containsEntry("idle_ms", 1400.0);
        assertThat(pool).containsEntry("blocked_share_of_work", 0.83);
        assertThat(atWork.explanation())
                .startsWith("worker-# (2 threads) was idle for much of its time and blocked for 83% of the rest, its"
                        + " time at work (25% of its time alive): its tasks mostly wait, so it would move too,"
                        + " though it is not busy enough now to be blocked most of its time.");

        assertThat(idleAndSleeping(900, 50).explanation())
                .as("blocked 5% of its time: a few waits of an idle pool")
                .doesNotContain("its time at work");
        Finding computing = idleAndSleeping(300, 250);
        assertThat(asMap(computing.list("other_pools").getFirst())).containsEntry("blocked_share_of_work", 0.35);
        assertThat(computing.explanation()).as("mostly computing at work").doesNotContain("its time at work");
    }

    /** The finding on a 1 s recording in which two threads of a pool each waited for a task, then slept, this long. */
    private static Finding idleAndSleeping(long idleMs, long sleepMs) {
        return twoWorkersWaited(worker -> List.of(
                new Observation.Blocked(
                        SECOND,
                        idleMs * 1_000_000,
                        worker,
                        Observation.Blocked.Kind.PARK,
                        Observation.Blocked.Wait.FOR_WORK),
                waitOf(SECOND + idleMs * 1_000_000, sleepMs * 1_000_000, worker, Observation.Blocked.Kind.SLEEP)));
    }

    /** A wait of a thread in a task: not a pool's wait for its next one, nor one to take a lock. */
    private static Observation.Blocked waitOf(
            long time, long nanos, Observation.ThreadRef thread, Observation.Blocked.Kind kind) {
        return new Observation.Blocked(time, nanos, thread, kind, Observation.Blocked.Wait.IN_TASK);
    }

    /** A pool's entry in a finding's details. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object pool) {
        return (Map<String, Object>) pool;
    }

    /** The finding on a 1 s recording in which two threads of one pool each slept and waited for a lock this long. */
    private static Finding sleepingAndLocked(long sleepMs, long lockMs) {
        return twoWorkersWaited(worker -> List.of(
                waitOf(SECOND, sleepMs * 1_000_000, worker, Observation.Blocked.Kind.SLEEP),
                new Observation.Blocked(
                        SECOND,
                        lockMs * 1_000_000,
                        worker,
                        Observation.Blocked.Kind.MONITOR_ENTER,
                        Observation.Blocked.Wait.FOR_LOCK)));
    }

    /** The finding on a 1 s recording in which two threads of one pool each blocked this long. */
    private static Finding twoWorkersBlocked(long nanos) {
        return twoWorkersBlocked(nanos, Map.of());
    }

    /** The same, on a recording whose settings gave these throttles. */
    private static Finding twoWorkersBlocked(long nanos, Map<String, Set<String>> throttles) {
        return twoWorkersBlocked(nanos, Map.of(), throttles);
    }

    /** The same, on a recording whose settings said these and gave these throttles. */
    private static Finding twoWorkersBlocked(
            long nanos, Map<String, EventEnabled> settings, Map<String, Set<String>> throttles) {
        return twoWorkersBlocked(nanos, settings, Map.of(), throttles);
    }

    /** The same, on a recording whose settings said these and gave these thresholds and throttles. */
    private static Finding twoWorkersBlocked(
            long nanos,
            Map<String, EventEnabled> settings,
            Map<String, Set<Duration>> thresholds,
            Map<String, Set<String>> throttles) {
        PoolCandidateRule rule = new PoolCandidateRule();
        for (int i = 1; i <= 2; i++) {
            rule.accept(waitOf(
                    SECOND,
                    nanos,
                    new Observation.ThreadRef(100 + i, "worker-" + i, false),
                    Observation.Blocked.Kind.SLEEP));
        }
        return rule.finish(
                new Rule.Recording(SECOND, 2 * SECOND, 2, -1, "", settings, thresholds, Map.of(), throttles, false));
    }

    /**
     * Without jdk.ThreadStart and jdk.ThreadEnd (jfr-profiles/pinning.jfc leaves them off) each thread is taken as
     * alive for the whole recording: a pool that lived for a tenth of it, blocked nearly all that while, reads as
     * blocked a tenth of the time. The finding says its threads' lives were not recorded, rather than an OK "no pool
     * spent most of its time blocked"; with them on, the pool is judged by its life and is a candidate.
     */
    @Test
    void aPoolJudgedWithoutItsThreadsLivesSaysSo() {
        Map<String, EventEnabled> settings = everyWaitOn();
        settings.put("jdk.ThreadStart", EventEnabled.OFF);
        settings.put("jdk.ThreadEnd", EventEnabled.OFF);

        Finding unknown = briefPool(settings, false);
        assertThat(unknown.severity()).isEqualTo(Severity.OK);
        assertThat(unknown.summary())
                .isEqualTo("No pool of platform threads was blocked for most of the recording; their threads' starts"
                        + " and ends were not recorded, so a pool that lived for part of it may have been.");
        assertThat(unknown.explanation()).contains("jdk.ThreadStart and jdk.ThreadEnd were not recorded as on");
        assertThat(unknown.details()).containsEntry("lifetimes", PoolCandidateRule.LIFETIMES_NOT_RECORDED);

        settings.put("jdk.ThreadStart", EventEnabled.ON);
        settings.put("jdk.ThreadEnd", EventEnabled.ON);
        Finding known = briefPool(settings, true);
        assertThat(known.severity()).isEqualTo(Severity.INFO);
        assertThat(known.explanation()).doesNotContain("jdk.ThreadStart");
        assertThat(known.details()).containsEntry("lifetimes", "recorded");
    }

    /**
     * A 10 s recording in which two threads of one pool lived 1 s each, from 1 s, and slept 0.9 s of it; their starts
     * and ends fed to the rule if {@code lives}.
     */
    private static Finding briefPool(Map<String, EventEnabled> settings, boolean lives) {
        PoolCandidateRule rule = new PoolCandidateRule();
        for (int i = 1; i <= 2; i++) {
            Observation.ThreadRef thread = new Observation.ThreadRef(100 + i, "worker-" + i, false);
            if (lives) {
                rule.accept(new Observation.ThreadStart(SECOND, thread));
                rule.accept(new Observation.ThreadEnd(2 * SECOND, thread));
            }
            rule.accept(waitOf(SECOND + SECOND / 20, SECOND * 9 / 10, thread, Observation.Blocked.Kind.SLEEP));
        }
        return rule.finish(new Rule.Recording(0, 10 * SECOND, 6, -1, "", settings));
    }

    /** Settings with every wait event this rule reads on, to which a test adds or changes others. */
    private static Map<String, EventEnabled> everyWaitOn() {
        Map<String, EventEnabled> settings = new java.util.HashMap<>();
        for (Observation.Blocked.Kind kind : Observation.Blocked.Kind.values()) {
            settings.put(kind.eventType(), EventEnabled.ON);
        }
        return settings;
    }
}
