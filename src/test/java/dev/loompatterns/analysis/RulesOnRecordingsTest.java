package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.analysis.jfr.RecordingReader;
import dev.loompatterns.jfr.PinTaxonomy;
import dev.loompatterns.jfr.RecordingSummary;
import dev.loompatterns.testing.Jdk21Pins;
import dev.loompatterns.testing.PinRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules on recordings of small programs that are not part of the catalogue, each recorded in a
 * JVM of its own with plain {@code -XX:StartFlightRecording} and read with the JDK's parser.
 */
@Timeout(300) // backstop only
class RulesOnRecordingsTest {

    static Map<String, Finding> findings(Path file) throws Exception {
        return RecordingReader.analyze(file, events -> {}).findings().stream()
                .collect(Collectors.toMap(Finding::rule, Function.identity()));
    }

    @Test
    void findsThePinsOfAnFfmUpcallWithTheirReasonAndApplicationFrame(@TempDir Path dir) throws Exception {
        Map<String, Finding> found =
                findings(Programs.record(Programs.UpcallSleeper.class, dir.resolve("upcall.jfr"), "default"));

        Finding pinning = found.get("pinning");
        assertThat(pinning.severity()).isEqualTo(Severity.WARNING);
        assertThat(pinning.summary())
                .contains("native or VM frame")
                .contains(Programs.UpcallSleeper.class.getName() + ".compare");
        assertThat(pinning.list("groups")).first().satisfies(group -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> g = (Map<String, Object>) group;
            assertThat(g).containsEntry("cause", "native-frame").containsEntry("origin", "code");
            assertThat((String) g.get("where")).startsWith(Programs.UpcallSleeper.class.getName() + ".compare");
            assertThat((Long) g.get("count")).isGreaterThanOrEqualTo(4);
        });
        assertThat(pinning.details()).containsEntry("cut_short_pins", 0L);
        assertThat(pinning.explanation()).doesNotContain("cut short");
    }

    /**
     * The same pins recorded with stacks cut 3 frames deep, JDK frames only: named by the innermost, marked as cut
     * short, with how to record the rest, where the JDK's frame read as the place the program pinned (a stack deeper
     * than JFR's 64 frames in the JDK's own calls does the same). Cut 1 frame deep, the one frame kept is the JVM's
     * hidden {@code postPinnedEvent}: named so, marked, where it read "(no stack trace recorded)" (a helper's hunt).
     * {@code loom run}'s summary of the file names the same frame.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void pinsWhoseStackWasCutBeforeTheProgramsFramesAreSaidToBe(int depth, @TempDir Path dir) throws Exception {
        Path cut = Programs.record(
                Programs.UpcallSleeper.class,
                dir.resolve("cut.jfr"),
                "default",
                "-XX:FlightRecorderOptions:stackdepth=" + depth);
        Finding pinning = findings(cut).get("pinning");
        assertThat(pinning.severity()).as(pinning.summary()).isEqualTo(Severity.WARNING);
        assertThat(pinning.summary()).contains(PinTaxonomy.CUT_SHORT).doesNotContain(Programs.class.getName());
        assertThat(pinning.list("groups"))
                .isNotEmpty()
                .allSatisfy(group ->
                        assertThat((String) ((Map<?, ?>) group).get("where")).endsWith(PinTaxonomy.CUT_SHORT));
        assertThat((Long) pinning.details().get("cut_short_pins")).isGreaterThanOrEqualTo(4); // each sorter pins
        assertThat(pinning.explanation())
                .contains(
                        "had a stack the recording cut short, JDK frames only:",
                        "stack depth of " + (depth == 1 ? "1 frame " : depth + " frames"),
                        "record with stackdepth=256");
        String where = pinning.list("groups").stream()
                .map(group -> (Map<?, ?>) group)
                .filter(group -> group.get("cause").equals("native-frame"))
                .map(group -> (String) group.get("where"))
                .findFirst()
                .orElseThrow();
        assertThat(where).doesNotContain("(no stack trace recorded)");
        assertThat(RecordingSummary.read(cut).pinsByCause().keySet())
                .as("what loom run prints of the file: the sorters' pins at the same frame, marked the same")
                .filteredOn(key -> key.startsWith("native-frame at "))
                .containsExactly("native-frame at " + where);
    }

    /**
     * A virtual thread that computes for 2 s is found, first, at its own frame. How long its longest stretch
     * is, is not asserted: on a loaded machine JFR's sampler can itself wait over 100 ms between samples,
     * which ends a stretch (a fresh clone's .ci/run beside other work saw 268 ms of a 1 s spin, and the old
     * test wanted a WARNING, 500 ms); CarrierHoggingRuleTest judges stretches from made-up samples.
     */
    @Test
    void findsAVirtualThreadThatHogsItsCarrier(@TempDir Path dir) throws Exception {
        Map<String, Finding> found = findings(Programs.record(
                Programs.Hog.class, dir.resolve("hog.jfr"), "profile", "-Djdk.virtualThreadScheduler.parallelism=1"));

        Finding hogging = found.get("carrier-hogging");
        assertThat(hogging.severity()).as(hogging.summary()).isIn(Severity.INFO, Severity.WARNING);
        assertThat(hogging.summary()).contains("hog");
        assertThat(hogging.list("threads")).first().satisfies(row -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) row;
            assertThat(t).containsEntry("thread", "hog");
            assertThat((String) t.get("top_frame")).contains(Programs.Hog.class.getName());
        });
    }

    /**
     * A virtual thread kept from the one carrier about 200 ms past its sleep's time ({@link Programs.LateSleeper}) is
     * a warning of wakeup-delay, named with the sleep's delay; the hog that kept it is carrier-hogging's.
     */
    @Test
    void findsAVirtualThreadThatWokeLateFromItsSleep(@TempDir Path dir) throws Exception {
        Map<String, Finding> found = findings(Programs.record(
                Programs.LateSleeper.class,
                dir.resolve("late.jfr"),
                "default",
                "-Djdk.virtualThreadScheduler.parallelism=1"));

        Finding wakeups = found.get("wakeup-delay");
        assertThat(wakeups.severity()).as(wakeups.summary()).isEqualTo(Severity.WARNING);
        assertThat(wakeups.summary()).startsWith("Virtual threads woke 10 ms or more late from 1 of 1 sleep, up to ");
        @SuppressWarnings("unchecked")
        Map<String, Object> virtual = (Map<String, Object>) wakeups.details().get("virtual");
        assertThat(virtual)
                .containsEntry("longest_thread", "sleeper")
                .containsEntry("longest_asked_ms", 30.0)
                .containsEntry("late_100ms", 1L);
        assertThat((Double) virtual.get("longest_ms")).isGreaterThan(150.0);
        assertThat(wakeups.details()).containsEntry("threshold_ms", 20.0).containsEntry("threshold_known", true);
    }

    /**
     * A sleep for ever ({@link Programs.ForeverSleepers}) is read, and its end, by an interrupt, counted as early: the
     * JDK's parser gives its {@code time} as {@code ChronoUnit.FOREVER}'s duration, whose nanoseconds overflowed a
     * long, and the whole file was refused as damaged (a helper's hunt). The copy for JMC reads it too.
     */
    @Test
    void aSleepForEverIsReadAndCountedAsInterrupted(@TempDir Path dir) throws Exception {
        Path file = Programs.record(
                Programs.ForeverSleepers.class, dir.resolve("forever.jfr"), "default,jdk.ThreadSleep#threshold=0ms");

        Finding wakeups = findings(file).get("wakeup-delay");
        for (String kind : List.of("virtual", "platform")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> side = (Map<String, Object>) wakeups.details().get(kind);
            assertThat(side).as(kind).containsEntry("ended_early", 1L);
        }
        assertThat(wakeups.summary()).contains("before its time (interrupted)");
        Path copy = dir.resolve("slim.jfr");
        dev.loompatterns.inspect.Slim.write(file, copy, java.util.Set.of());
        assertThat(findings(copy).get("wakeup-delay").severity()).isEqualTo(wakeups.severity());
    }

    /**
     * A virtual thread that sleeps between its runs of 50 ms is no hog, and the one that computes for
     * a second after it still is: the sleeps (jdk.ThreadSleep) end the stretches of its samples.
     * Before, its samples, never 100 ms apart, made one stretch of more than a second, a warning. The
     * copy for JMC ({@code loom inspect --slim}) keeps the sampled threads' sleeps: the same finding.
     */
    @Test
    void aVirtualThreadThatSleepsBetweenItsRunsIsNoHogBesideOneThatIs(@TempDir Path dir) throws Exception {
        Path file = Programs.record(Programs.SpinsBetweenSleeps.class, dir.resolve("spins.jfr"), "profile");
        RecordingReader.Result read = RecordingReader.analyze(file, events -> {});
        Path slim = dir.resolve("spins-slim.jfr");
        dev.loompatterns.inspect.Slim.write(file, slim, read.sampledVirtualThreads());

        Finding hogging = read.findings().stream()
                .filter(finding -> finding.rule().equals("carrier-hogging"))
                .findFirst()
                .orElseThrow();
        assertThat(findings(slim).get("carrier-hogging")).isEqualTo(hogging);
        assertThat(hogging.list("threads"))
                .as(hogging.summary())
                .extracting(row -> (Object) ((Map<?, ?>) row).get("thread"))
                .contains((Object) "hog");
        assertThat(hogging.list("threads"))
                .filteredOn(row -> "spinner".equals(((Map<?, ?>) row).get("thread")))
                .allSatisfy(row -> assertThat((Double) ((Map<?, ?>) row).get("longest_run_ms"))
                        .as("a run of 50 ms would need a stall of 450 ms to reach a warning")
                        .isLessThan(CarrierHoggingRule.WARNED / 1e6));
        assertThat((Long) hogging.details().get("releases_of_sampled_threads")).isGreaterThanOrEqualTo(15);
        // the reader hands the rule the sampler's period from the settings (profile: 10 ms), which the density
        // of a stretch is judged by; without it the rule cannot tell a queue's waits from the sampler's rhythm
        assertThat(hogging.details()).containsEntry("sampling_period_ms", 10.0);
    }

    @Test
    void findsAPoolBlockedOnSockets(@TempDir Path dir) throws Exception {
        Map<String, Finding> found =
                findings(Programs.record(Programs.SocketPool.class, dir.resolve("pool.jfr"), "default"));

        Finding pools = found.get("pool-candidate");
        assertThat(pools.summary()).containsPattern("pool-\\d+-thread-#");
        assertThat(blockedInOfTheFirstCandidate(pools, EXECUTORS_POOL, 4)).contains("socket read");
        assertThat(((Map<?, ?>) ((Map<?, ?>) pools.list("candidates").getFirst()).get("waited_in"))
                        .keySet().stream().map(String::valueOf).toList())
                .as("JFR records a read from the code that called the JDK's")
                .contains("socket read" + Observation.Blocked.FROM + Programs.class.getName());
    }

    /**
     * Pools that wait most of their time only with their waits to take a lock counted are no candidate: a virtual
     * thread waits for the lock as long. The {@code synchronized} pool's waits are JFR's monitor enters, the
     * {@code ReentrantLock} pool's are parks, told from other parks by the stack. Their shares are of the same run, so a slow machine moves both alike: one
     * thread in four sleeps holding the lock, the others wait for it or, at the end, for a task.
     */
    @Test
    void aPoolWaitingForALockIsNoCandidate(@TempDir Path dir) throws Exception {
        Finding pools = findings(Programs.record(Programs.LockedPool.class, dir.resolve("locked.jfr"), "default"))
                .get("pool-candidate");

        assertThat(pools.severity()).as(pools.summary()).isEqualTo(Severity.OK);
        assertThat(pools.summary()).startsWith("No pool of platform threads to move: 2 pools of platform threads");
        assertThat(pools.list("candidates")).isEmpty();
        assertThat(pools.list("waiting_for_locks")).hasSize(2).allSatisfy(entry -> {
            Map<?, ?> pool = (Map<?, ?>) entry;
            assertThat(String.valueOf(pool.get("pool"))).matches(EXECUTORS_POOL);
            assertThat(pool.get("threads")).isEqualTo(Programs.LockedPool.THREADS);
            assertThat((Double) pool.get("lock_wait_share"))
                    .as("waiting for the lock: %s", pool)
                    .isGreaterThan((Double) pool.get("blocked_share"));
            assertThat(((Map<?, ?>) pool.get("blocked_in")).keySet().stream().map(String::valueOf))
                    .as("the holder's sleep is blocked; the waits for the lock are not")
                    .containsExactly("sleep");
        });
        assertThat(pools.explanation()).contains("waits as long on a virtual thread", "JEP 491");
    }

    /**
     * A pool whose threads wait for another thread's class initializer is no candidate: the wait is for the JVM's lock
     * of the class, which a virtual thread waits for as long (and, on JDK 25, pinned). It counted as blocked in a
     * monitor's wait, and an idle {@code HttpClient} pool waiting 500 ms for a class read as blocked.
     */
    @Test
    void aPoolWaitingForAClassInitializerIsNoCandidate(@TempDir Path dir) throws Exception {
        Finding pools = findings(Programs.record(Programs.InitializingPool.class, dir.resolve("init.jfr"), "default"))
                .get("pool-candidate");

        assertThat(pools.list("candidates")).as(pools.summary()).isEmpty();
        assertThat(pools.list("waiting_for_locks")).singleElement().satisfies(entry -> {
            Map<?, ?> pool = (Map<?, ?>) entry;
            assertThat(pool.get("threads")).isEqualTo(Programs.InitializingPool.THREADS);
            assertThat((Double) pool.get("lock_wait_ms"))
                    .as(
                            "three threads waited for the initializer's %s ms sleep at least: %s",
                            Programs.InitializingPool.HOLD_MS, pool)
                    .isGreaterThanOrEqualTo(3.0 * Programs.InitializingPool.HOLD_MS);
            assertThat(((Map<?, ?>) pool.get("blocked_in")).keySet().stream().map(String::valueOf))
                    .as("the initializer's own waits are blocked; the waits for it are not")
                    .doesNotContain("monitor wait");
        });
        assertThat(pools.explanation()).contains("class initializer");
    }

    /**
     * Tasks that sleep in the common pool ({@code CompletableFuture.supplyAsync} with no executor), its parallelism 1
     * as on a 2-core machine: its one worker is a pool to move, unlike a lone thread of another pool, and the finding
     * says how, since the program never created that pool.
     */
    @Test
    void theCommonPoolsOneWorkerIsACandidate(@TempDir Path dir) throws Exception {
        Finding pools = findings(Programs.record(
                        Programs.CommonPool.class,
                        dir.resolve("common.jfr"),
                        "default",
                        "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1"))
                .get("pool-candidate");

        assertThat(blockedInOfTheFirstCandidate(pools, "ForkJoinPool\\.commonPool-worker-#", 1))
                .containsExactly("sleep");
        assertThat(pools.summary()).contains("first to move: ForkJoinPool.commonPool-worker-# (1 thread, blocked");
        assertThat(pools.explanation()).contains("is the common pool", "supplyAsync(task, executor)");
    }

    /**
     * An idle pool recorded with {@code jdk.ThreadPark}'s stack off: its parks waiting for a task cannot be told from
     * waits in one, and are not counted as blocked (it read as blocked 99% of the time, and first to move); with the
     * stack on, as the JDK's settings have it, they are told idle.
     */
    @Test
    void parksWithNoStackAreNotCountedAsBlocked(@TempDir Path dir) throws Exception {
        Finding noStack = findings(Programs.record(
                        Programs.IdlePool.class, dir.resolve("nostack.jfr"), "default,jdk.ThreadPark#stackTrace=false"))
                .get("pool-candidate");
        assertThat(noStack.severity()).as(noStack.summary()).isEqualTo(Severity.OK);
        assertThat(noStack.summary())
                .startsWith("No pool of platform threads can be said to have spent most of its time blocked: pool-");
        assertThat(noStack.list("candidates")).isEmpty();
        assertThat((Long) noStack.details().get("no_stack_waits")).isGreaterThanOrEqualTo(Programs.IdlePool.THREADS);

        // stacks cut 4 frames deep, before ThreadPoolExecutor.getTask: the pool read as blocked 99% (a helper's hunt)
        Finding cut = findings(Programs.record(
                        Programs.IdlePool.class,
                        dir.resolve("cut.jfr"),
                        "default",
                        "-XX:FlightRecorderOptions:stackdepth=4"))
                .get("pool-candidate");
        assertThat(cut.severity()).as(cut.summary()).isEqualTo(Severity.OK);
        assertThat(cut.summary()).contains("recorded with no stack or one cut short");
        assertThat(cut.explanation()).contains("had a stack the recording cut short");
        assertThat(cut.list("candidates")).isEmpty();

        Finding told = findings(Programs.record(Programs.IdlePool.class, dir.resolve("stack.jfr"), "default"))
                .get("pool-candidate");
        assertThat(told.list("candidates")).as(told.summary()).isEmpty();
        assertThat(told.details()).containsEntry("no_stack_waits", 0L);
        assertThat(told.summary()).doesNotContain("can be said");
    }

    /**
     * A pool's parks and monitor waits are named by the class the task called and the task's class: the Semaphore,
     * the SynchronousQueue (whose take parks in LinkedTransferQueue's code), the CompletableFuture, each from the
     * program, and the program's own class whose {@code wait()} it was; the pool that waited for a Semaphore's permits
     * is told it would go no faster.
     */
    @Test
    void aPoolsWaitsAreNamedByTheClassItsTasksWaitedIn(@TempDir Path dir) throws Exception {
        Finding pools = findings(Programs.record(Programs.Waits.class, dir.resolve("waits.jfr"), "default"))
                .get("pool-candidate");

        assertThat(pools.severity()).as(pools.summary()).isEqualTo(Severity.INFO);
        Map<String, List<String>> waitedIn = new java.util.TreeMap<>();
        for (Object candidate : pools.list("candidates")) {
            Map<?, ?> pool = (Map<?, ?>) candidate;
            waitedIn.put(
                    String.valueOf(pool.get("pool")),
                    ((Map<?, ?>) pool.get("waited_in"))
                            .keySet().stream().map(String::valueOf).toList());
        }
        String from = Observation.Blocked.FROM + Programs.class.getName();
        assertThat(waitedIn)
                .containsEntry("permits-#", List.of("java.util.concurrent.Semaphore" + from))
                .containsEntry("handoff-#", List.of("java.util.concurrent.SynchronousQueue" + from))
                .containsEntry("future-#", List.of("java.util.concurrent.CompletableFuture" + from))
                .containsEntry("gate-#", List.of(Programs.class.getName()));
        assertThat(pools.explanation())
                .containsPattern("permits-# spent \\d+% of its blocked time waiting for a Semaphore's permits")
                .doesNotContain("handoff-# spent");
    }

    /** How {@code Executors}' pools are named as the rule names them: the pool's number kept, the thread's not. */
    private static final String EXECUTORS_POOL = "pool-\\d+-thread-#";

    /**
     * What the first candidate pool blocked in, having checked it is the INFO finding's first, with its
     * threads, named as {@code pool} (a regular expression) says.
     */
    private static List<String> blockedInOfTheFirstCandidate(Finding pools, String pool, int threads) {
        assertThat(pools.severity()).as(pools.summary()).isEqualTo(Severity.INFO);
        @SuppressWarnings("unchecked")
        Map<String, Object> first =
                (Map<String, Object>) pools.list("candidates").getFirst();
        assertThat(String.valueOf(first.get("pool"))).matches(pool);
        assertThat(first).containsEntry("threads", threads);
        return ((Map<?, ?>) first.get("blocked_in"))
                .keySet().stream().map(String::valueOf).toList();
    }

    /**
     * A pool judged by its threads' lives, not the recording's length: 4 threads that slept through
     * their short lives in a recording several times longer are a candidate (by the recording's
     * length they were blocked a tenth of the time); timer threads waiting for their next task all
     * along ({@code java.util.Timer}'s, and JDK 25's {@code ForkJoinPool-N-delayScheduler}) are idle, not
     * blocked. The delay schedulers were a candidate pool before.
     */
    @Test
    void judgesAPoolByItsThreadsLivesAndTimerThreadsAsIdle(@TempDir Path dir) throws Exception {
        Map<String, Finding> found =
                findings(Programs.record(Programs.ShortLivedPool.class, dir.resolve("short.jfr"), "default"));

        Finding pools = found.get("pool-candidate");
        assertThat(blockedInOfTheFirstCandidate(pools, EXECUTORS_POOL, 4)).containsExactly("sleep");
        assertThat(pools.list("candidates"))
                .as("the timers' threads are no candidate")
                .hasSize(1);
    }

    /**
     * OK; N/A for the census, whose events the JDK's default settings leave off, for queueing-delay,
     * whose events only loom's own runs record, and for carrier-hogging where the short run took no
     * execution sample (it depends on the machine: one run here took 2, one under load none). Wake-up delay is OK
     * unless the recording holds a virtual thread's sleep that woke 10 ms late or more, read here from the events
     * themselves: the program's 5 ms sleeps are recorded only where they lasted the default settings' 20 ms, and
     * beside other work one woke 33 ms late (a helper's full suite at load 10 to 19, 2026-12-08): then INFO, or
     * WARNING from 100 ms, is the rule telling what the JVM did, not a clean recording's finding.
     */
    @Test
    void staysAtOkOnACleanRecording(@TempDir Path dir) throws Exception {
        Path recording = Programs.record(Programs.Clean.class, dir.resolve("clean.jfr"), "default");
        Map<String, Finding> found = findings(recording);
        long latestWake = latestVirtualWake(recording).toMillis();
        Severity wakeups = latestWake >= 100 ? Severity.WARNING : latestWake >= 10 ? Severity.INFO : Severity.OK;

        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(Analysis.ruleIds());
        assertThat(found.values()).allSatisfy(finding -> {
            boolean nothingToLookAt = List.of("queueing-delay", "virtual-thread-census")
                            .contains(finding.rule())
                    || finding.rule().equals("carrier-hogging")
                            && Integer.valueOf(0).equals(finding.details().get("samples"));
            Severity expected =
                    nothingToLookAt ? Severity.NA : finding.rule().equals("wakeup-delay") ? wakeups : Severity.OK;
            assertThat(finding.severity())
                    .as(finding.rule() + ": " + finding.summary() + " (latest virtual wake-up " + latestWake + " ms)")
                    .isEqualTo(expected);
        });
    }

    /** How late the latest-waking virtual thread's sleep in {@code recording} woke: its length less what it asked. */
    private static java.time.Duration latestVirtualWake(Path recording) throws java.io.IOException {
        java.time.Duration latest = java.time.Duration.ZERO;
        for (jdk.jfr.consumer.RecordedEvent event : jdk.jfr.consumer.RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("jdk.ThreadSleep")
                    && event.getThread() != null
                    && event.getThread().isVirtual()) {
                java.time.Duration late = event.getDuration().minusNanos(event.getLong("time"));
                latest = late.compareTo(latest) > 0 ? late : latest;
            }
        }
        return latest;
    }

    /**
     * A recording started after the program's threads ({@code jcmd JFR.start} in a review): the census counts the
     * lives of the threads it saw only end from the recording's start, its first {@code jdk.ActiveSetting}, not from
     * the first event a rule reads. The review's 100 threads seen for 4.2 s read "median lifetime at least 2.5 ms",
     * counted from the first of their ends. Both readers take the same start.
     */
    @Test
    void threadsAliveBeforeTheRecordingStartedAreCountedFromItsStart(@TempDir Path dir) throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            threads.add(Thread.ofVirtual().name("before-" + i).start(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Path file = dir.resolve("late.jfr");
        java.time.Duration seen;
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.ActiveSetting");
            recording.enable("jdk.VirtualThreadStart");
            recording.enable("jdk.VirtualThreadEnd");
            java.time.Instant beforeStart = java.time.Instant.now(); // JFR notes the settings while start() runs
            recording.start();
            Thread.sleep(300); // a stretch of the recording with no event any rule reads: the threads wait
            release.countDown();
            for (int i = 0; i < 10; i++) { // threads whose whole lives it sees: lifetimes are known
                threads.add(Thread.ofVirtual().name("during-" + i).start(() -> {}));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            seen = java.time.Duration.between(beforeStart, java.time.Instant.now());
            recording.stop();
            recording.dump(file);
        } finally { // a failure above leaves no thread waiting
            release.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
        }

        Finding census = findings(file).get("virtual-thread-census");

        assertThat((Long) census.details().get("lifetimes_cut_at_edges")).isGreaterThanOrEqualTo(50);
        assertThat((Double) census.details().get("lifetime_median_ms"))
                .as(census.summary())
                .isGreaterThanOrEqualTo(300.0)
                // not from long before the recording (the test JVM's start): at most the time since start() was
                // called, however long a loaded machine made start() take; 100 ms for JFR's clock against Instant's
                .isLessThanOrEqualTo((double) seen.toMillis() + 100);
        assertThat(jmcCensusSummary(file)).as("JMC's reader").isEqualTo(census.summary());
    }

    /**
     * A second recording in the same JVM turned the virtual threads' starts, ends and pins on in this one for a while
     * ({@link Programs.PartlyRecorded}): both readers say so ({@code EventEnabled.PART}), the census counts the starts
     * and ends it saw and says nothing of how many were alive, and pinning, with no pin seen, does not know. Read as on
     * all along, the 40 threads that slept while they were off counted "alive throughout": a helper's {@code jcmd}
     * recording of 30 ms threads read "at least 9,400 alive at once; median lifetime at least 7.8 s", and one whose
     * pins came while they were off read OK, "jdk.VirtualThreadPinned was on".
     */
    @Test
    void eventsOnForPartOfTheRecordingAreSaidSo(@TempDir Path dir) throws Exception {
        Path file = Programs.record(
                Programs.PartlyRecorded.class,
                dir.resolve("partly.jfr"),
                "default,jdk.VirtualThreadStart#enabled=false,jdk.VirtualThreadEnd#enabled=false,"
                        + "jdk.VirtualThreadPinned#enabled=false");
        List<String> part = List.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd", "jdk.VirtualThreadPinned");
        Map<String, Finding> found = findings(file);

        Finding census = found.get("virtual-thread-census");
        assertThat(census.severity()).isEqualTo(Severity.INFO);
        assertThat(census.summary())
                .as("the starts and ends while they were on: more than the sleepers, if the JDK started its own")
                .matches("\\d+ virtual threads started, \\d+ ended; how many were alive at once and how long they"
                        + " lived is not known: jdk.VirtualThreadStart and jdk.VirtualThreadEnd were on for part of the"
                        + " recording only\\.");
        assertThat((Long) census.details().get("started")).isGreaterThanOrEqualTo(Programs.PartlyRecorded.DURING);
        assertThat(census.details())
                .containsEntry("part_only", part.subList(0, 2))
                .doesNotContainKey("alive_throughout")
                .containsEntry("peak_alive", null)
                .containsEntry("alive_at_end", null)
                .containsEntry("lifetime_median_ms", null)
                .containsEntry("alive_over_time", List.of());
        assertThat(census.explanation()).contains("JFR records with the union of the settings");

        Finding pinning = found.get("pinning");
        assertThat(pinning.severity()).as(pinning.summary()).isEqualTo(Severity.NA);
        assertThat(pinning.summary())
                .isEqualTo("Not known: no jdk.VirtualThreadPinned event, and jdk.VirtualThreadPinned was on for part"
                        + " of the recording only.");
        assertThat(pinning.explanation())
                .startsWith(BaseRule.PART_ONLY + " Record with jdk.VirtualThreadPinned on from the recording's start");

        org.openjdk.jmc.common.item.IItemCollection items =
                org.openjdk.jmc.flightrecorder.JfrLoaderToolkit.loadEvents(file.toFile());
        for (String type : part) {
            assertThat(dev.loompatterns.analysis.jmc.ItemCollectionReader.enabled(items, type))
                    .as("JMC's reader, " + type)
                    .isEqualTo(dev.loompatterns.jfr.EventEnabled.PART);
        }
        assertThat(dev.loompatterns.analysis.jmc.ItemCollectionReader.enabled(items, "jdk.ThreadSleep"))
                .as("on all along")
                .isEqualTo(dev.loompatterns.jfr.EventEnabled.ON);
        assertThat(jmcCensusSummary(file)).as("JMC's reader").isEqualTo(census.summary());
    }

    /** What loom's census rule says of the file inside JMC, its reader and not the JDK's. */
    private static String jmcCensusSummary(Path file) throws Exception {
        var evaluation = new dev.loompatterns.analysis.jmc.VirtualThreadCensusJmcRule()
                .createEvaluation(
                        org.openjdk.jmc.flightrecorder.JfrLoaderToolkit.loadEvents(file.toFile()),
                        org.openjdk.jmc.common.util.IPreferenceValueProvider.DEFAULT_VALUES,
                        null);
        evaluation.run();
        return evaluation.get().getSummary();
    }

    /**
     * A recording started beside virtual threads that sleep through all of it ({@code jcmd JFR.start} on a running
     * server): their sleeps name them, so the census counts them alive through it, in both readers. A review's 2,000
     * such threads read "virtual threads ran: 1 pin or sample of theirs", and 1,000 beside 50 short ones "at least 100
     * alive".
     */
    @Test
    void threadsThatSleepThroughTheRecordingAreCountedAliveThroughIt(@TempDir Path dir) throws Exception {
        int sleepers = 40;
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean recording = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(sleepers);
        java.util.concurrent.CountDownLatch sleptInIt = new java.util.concurrent.CountDownLatch(sleepers);
        List<Thread> threads = new java.util.ArrayList<>();
        Path file = dir.resolve("late-sleepers.jfr");
        try {
            for (int i = 0; i < sleepers; i++) {
                threads.add(Thread.ofVirtual().name("sleeper-" + i).start(() -> {
                    running.countDown();
                    boolean counted = false;
                    while (!stop.get()) {
                        boolean during = recording.get(); // read before the sleep: then the sleep is in it
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                        if (during && !counted) {
                            counted = true;
                            sleptInIt.countDown();
                        }
                    }
                }));
            }
            running.await();
            try (jdk.jfr.Recording jfr = new jdk.jfr.Recording()) {
                jfr.enable("jdk.ActiveSetting");
                jfr.enable("jdk.VirtualThreadStart");
                jfr.enable("jdk.VirtualThreadEnd");
                jfr.enable("jdk.ThreadSleep").withThreshold(java.time.Duration.ZERO);
                jfr.start();
                recording.set(true);
                sleptInIt.await();
                Thread shortLived = Thread.ofVirtual().start(() -> {}); // its whole life in the recording
                shortLived.join();
                jfr.stop();
                jfr.dump(file);
            }
        } finally {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
        }

        Finding census = findings(file).get("virtual-thread-census");

        assertThat((Long) census.details().get("alive_throughout"))
                .as(census.summary())
                .isEqualTo(sleepers);
        assertThat((Long) census.details().get("peak_alive")).isGreaterThanOrEqualTo(sleepers + 1);
        assertThat(census.summary()).contains("at least " + (sleepers + 1) + " alive at once");
        assertThat(jmcCensusSummary(file)).as("JMC's reader").isEqualTo(census.summary());
    }

    /**
     * A recording in which JFR's sampler fell behind ({@code recordings/starved-sampler.jfr}): a virtual thread spun
     * 3 s beside 30 spinning platform threads on 2 cores, and the sampler took 77 samples in all, 1 of it. The rule
     * said OK, "No virtual thread was seen holding its carrier"; the CPU loads show the JVM kept both CPUs busy, so it
     * now says it cannot know. The same recording without its jdk.CPULoad is OK, as before: the loads tell.
     */
    @Test
    void aSamplerThatFellBehindOnBusyCpusMakesCarrierHoggingNotKnown(@TempDir Path dir) throws Exception {
        Path starved = Programs.starvedSamplerRecording(dir);

        Finding hogging = findings(starved).get("carrier-hogging");

        assertThat(hogging.severity()).as(hogging.summary()).isEqualTo(Severity.INFO);
        assertThat(hogging.summary())
                .startsWith("Not known: no virtual thread was seen holding its carrier for 100 ms or more, but for")
                .contains("JFR's sampler fell behind");
        assertThat((Double) hogging.details().get("sampler_starved_ms")).isGreaterThan(2000.0);
        assertThat(hogging.explanation()).contains("samples a period of 10 ms among", "fewer than one in 4 periods");

        Path withoutLoads = dir.resolve("no-cpu-load.jfr");
        try (jdk.jfr.consumer.RecordingFile file = new jdk.jfr.consumer.RecordingFile(starved)) {
            file.write(withoutLoads, event -> !event.getEventType().getName().equals("jdk.CPULoad"));
        }
        Finding blind = findings(withoutLoads).get("carrier-hogging");
        assertThat(blind.severity()).as(blind.summary()).isEqualTo(Severity.OK);
        assertThat(blind.details()).containsEntry("sampler_starved_ms", null);
        assertThat(blind.details().get("samples")).isEqualTo(hogging.details().get("samples"));
    }

    /**
     * A recording by JDK 17 ({@code recordings/jdk17-sleep.jfr}, how it was made is beside it): its
     * JVM had no virtual-thread events, which the file's metadata shows, so the rules that read them
     * say so, N/A. Before, pinning said OK "No virtual thread pinned its carrier." and advised
     * recording at 0 ms, and submit-failed said OK; JMC ignores these rules on such a file.
     */
    @Test
    void aRecordingByAJvmWithoutVirtualThreadEventsSaysSo(@TempDir Path dir) throws Exception {
        Map<String, Finding> found = findings(Programs.jdk17Recording(dir));

        assertThat(found.get("pinning").summary())
                .isEqualTo("Not recorded: the JVM that made this recording has no jdk.VirtualThreadPinned (a JDK from"
                        + " before virtual threads, JEP 444).");
        assertThat(found.get("pinning").explanation())
                .startsWith("Record on a JDK with virtual threads (21 or later) with jdk.VirtualThreadPinned on ");
        assertThat(found.get("submit-failed").summary())
                .startsWith("Not recorded: the JVM that made this recording has no jdk.VirtualThreadSubmitFailed");
        assertThat(found.get("virtual-thread-census").summary())
                .startsWith("Not recorded: the JVM that made this recording has no jdk.VirtualThreadStart and"
                        + " jdk.VirtualThreadEnd");
        // JDK 17 has execution samples, but no virtual thread to hog a carrier
        assertThat(found.get("carrier-hogging").summary())
                .startsWith("Not recorded: the JVM that made this recording has no virtual threads");
        assertThat(found.values())
                .filteredOn(
                        finding -> !List.of("pool-candidate", "wakeup-delay").contains(finding.rule()))
                .allSatisfy(finding ->
                        assertThat(finding.severity()).as(finding.rule()).isEqualTo(Severity.NA));
        // its one sleep was recorded: those rules had something to look at; a platform thread's delay, whatever it
        // was, is no virtual thread's
        assertThat(found.get("pool-candidate").applicable()).isTrue();
        assertThat(found.get("wakeup-delay").severity()).isEqualTo(Severity.OK);
        assertThat(found.get("wakeup-delay").summary())
                .startsWith("No virtual thread's sleep was recorded (platform threads woke ")
                .containsPattern(" from (1 of )?1 sleep");
    }

    /**
     * A recording without pins, submit failures or waits says which it is, from its settings
     * (jdk.ActiveSetting): the event was on and none happened (OK), the settings left it off (N/A,
     * and how to record it), or the recording does not say (jdk.ActiveSetting off: N/A, not known).
     * Before, every one said "was not recorded, or nothing pinned"; then the last two were OK, with a
     * green badge for a rule that had seen nothing, where JMC says N/A.
     */
    @Test
    void withoutPinsTheRecordingsSettingsTellNothingPinnedFromNotRecorded(@TempDir Path dir) throws Exception {
        Map<String, Finding> on =
                findings(Programs.record(Programs.NoVirtualThreads.class, dir.resolve("on.jfr"), "default"));
        Map<String, Finding> off = findings(Programs.record(
                Programs.NoVirtualThreads.class,
                dir.resolve("off.jfr"),
                settings(dir, "off.jfc", true).toString()));
        Map<String, Finding> silent = findings(Programs.record(
                Programs.NoVirtualThreads.class,
                dir.resolve("silent.jfr"),
                settings(dir, "silent.jfc", false).toString()));

        // the threshold in the summary too: pins under it happen unrecorded, and it said nothing had pinned
        assertThat(on.get("pinning").summary())
                .isEqualTo("No virtual thread pinned its carrier for as long as the recording's threshold, 20 ms"
                        + " (JFR leaves shorter pins out).");
        assertThat(on.get("pinning").explanation())
                .startsWith("jdk.VirtualThreadPinned was on, and nothing pinned for as long as its threshold, 20 ms.")
                .contains("Record with a threshold of 0 ms")
                .doesNotContain("not recorded");
        // the recording's own threshold, not the JDK's default: at 0 ms every pin is recorded, so there was none,
        // and the advice to record at 0 ms would be wrong (it was given before, whatever the threshold)
        Map<String, Finding> everyPin = findings(Programs.record(
                Programs.NoVirtualThreads.class,
                dir.resolve("every-pin.jfr"),
                Path.of("jfr-profiles", "pinning.jfc").toAbsolutePath().toString()));
        assertThat(everyPin.get("pinning").explanation())
                .isEqualTo("jdk.VirtualThreadPinned was on with a threshold of 0 ms, which records every pin:"
                        + " nothing pinned while it was on.");
        assertThat(everyPin.get("pinning").summary()).isEqualTo("No virtual thread pinned its carrier.");
        assertThat(on.get("submit-failed").summary()).isEqualTo("No virtual thread failed to be scheduled.");
        assertThat(on.get("submit-failed").explanation())
                .as("an executor's rejections are not what it sees")
                .contains("a task an executor of yours rejected (RejectedExecutionException) records no JFR event");

        assertThat(off.get("pinning").summary())
                .isEqualTo("Not recorded: the recording's settings leave jdk.VirtualThreadPinned off.");
        assertThat(off.get("pinning").explanation())
                .contains("-XX:StartFlightRecording:jdk.VirtualThreadPinned#enabled=true");
        assertThat(off.get("submit-failed").summary())
                .isEqualTo("Not recorded: the recording's settings leave jdk.VirtualThreadSubmitFailed off.");
        assertThat(off.get("pool-candidate").summary())
                .isEqualTo("Not recorded: the recording's settings leave jdk.SocketRead/Write, jdk.FileRead/Write,"
                        + " jdk.ThreadPark, jdk.ThreadSleep and jdk.JavaMonitorEnter/Wait off.");
        assertThat(off.values())
                .filteredOn(finding ->
                        List.of("pinning", "submit-failed", "pool-candidate").contains(finding.rule()))
                .allSatisfy(finding -> {
                    assertThat(finding.severity()).as(finding.rule()).isEqualTo(Severity.NA);
                    assertThat(finding.applicable()).as(finding.rule()).isFalse();
                });

        assertThat(silent.get("pinning").summary())
                .isEqualTo("Not known: no jdk.VirtualThreadPinned event, and the recording's settings do not say"
                        + " whether it was on (no jdk.ActiveSetting for it).");
        assertThat(silent.get("pinning").explanation()).startsWith("Record with jdk.VirtualThreadPinned on ");
        assertThat(silent.get("submit-failed").summary()).startsWith("Not known: no jdk.VirtualThreadSubmitFailed");
        assertThat(silent.get("pool-candidate").summary())
                .isEqualTo("Not known: no jdk.SocketRead/Write, jdk.FileRead/Write, jdk.ThreadPark, jdk.ThreadSleep and"
                        + " jdk.JavaMonitorEnter/Wait events, and the recording's settings do not say whether they were"
                        + " on (no jdk.ActiveSetting for them).");
        assertThat(silent.values())
                .filteredOn(finding ->
                        List.of("pinning", "submit-failed", "pool-candidate").contains(finding.rule()))
                .allSatisfy(finding ->
                        assertThat(finding.severity()).as(finding.rule()).isEqualTo(Severity.NA));
        assertThat(on.values())
                .filteredOn(finding ->
                        List.of("pinning", "submit-failed", "pool-candidate").contains(finding.rule()))
                .allSatisfy(finding ->
                        assertThat(finding.severity()).as(finding.rule()).isEqualTo(Severity.OK));
    }

    /** Settings that leave the pin, submit-failure and wait events off, and jdk.ActiveSetting on or off. */
    private static Path settings(Path dir, String name, boolean activeSetting) throws java.io.IOException {
        StringBuilder events = new StringBuilder("<event name=\"jdk.ActiveSetting\"><setting name=\"enabled\">"
                + activeSetting + "</setting></event>\n");
        Stream.concat(
                        Stream.of("jdk.VirtualThreadPinned", "jdk.VirtualThreadSubmitFailed"),
                        Arrays.stream(Observation.Blocked.Kind.values()).map(Observation.Blocked.Kind::eventType))
                .forEach(type -> events.append("<event name=\"")
                        .append(type)
                        .append("\"><setting name=\"enabled\">false</setting></event>\n"));
        return java.nio.file.Files.writeString(
                dir.resolve(name),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration version=\"2.0\">\n" + events
                        + "</configuration>\n");
    }

    @Test
    void ruleIdsAreAContract() {
        assertThat(Analysis.ruleIds())
                .containsExactly(
                        "pinning",
                        "submit-failed",
                        "carrier-hogging",
                        "pool-candidate",
                        "queueing-delay",
                        "wakeup-delay",
                        "virtual-thread-census");
    }

    @Test
    void theCensusPairsStartsAndEndsInAnyOrder() {
        VirtualThreadCensusRule census = new VirtualThreadCensusRule();
        Observation.ThreadRef a = new Observation.ThreadRef(1, "a", true);
        Observation.ThreadRef b = new Observation.ThreadRef(2, "b", true);
        census.accept(new Observation.VirtualEnd(3_000_000_000L, a)); // read before its start
        census.accept(new Observation.VirtualStart(1_000_000_000L, a));
        census.accept(new Observation.VirtualStart(2_000_000_000L, b));
        census.accept(new Observation.VirtualEnd(2_500_000_000L, b));
        Finding finding = census.finish(new Rule.Recording(1_000_000_000L, 3_000_000_000L, 4, 100, "x.jfr", Map.of()));
        assertThat(finding.details())
                .containsEntry("started", 2L)
                .containsEntry("ended", 2L)
                .containsEntry("peak_alive", 2L)
                .containsEntry("ended_without_start", 0L)
                .containsEntry("alive_at_end", 0);
    }

    /**
     * The command to copy names a recording whose path has spaces and a quote as one word, and its copy as
     * another: a shell reads them back whole. Before, they were pasted in as they are and came apart.
     */
    @Test
    void theCensusCommandKeepsAPathWithSpacesAndAQuoteWhole() throws Exception {
        VirtualThreadCensusRule census = slowInJmc();
        String file = "/tmp/it's my run/p.jfr";
        Finding finding = census.finish(new Rule.Recording(0, 2_000_000_000L, 100_000, 100, file, Map.of()));
        String command = (String) finding.details().get("slim_command");
        Process shell = new ProcessBuilder("bash", "-c", "printf '%s\\n' " + command)
                .redirectErrorStream(true)
                .start();
        String words;
        try {
            shell.getOutputStream().close();
            words = new String(shell.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(shell.waitFor()).as(words).isZero();
        } finally {
            shell.destroyForcibly().waitFor();
        }
        assertThat(words.lines())
                .containsExactly(
                        "jfr",
                        "scrub",
                        "--exclude-events",
                        "jdk.VirtualThreadStart,jdk.VirtualThreadEnd,jdk.ThreadSleep,jdk.ThreadPark",
                        file,
                        "/tmp/it's my run/p-slim.jfr");
        assertThat(finding.explanation()).endsWith(command);
    }

    /** jfr scrub replaces its output without asking: the copy the census's command names is no file already there. */
    @Test
    void theCensusCommandNamesACopyThatIsNotThereYet(@TempDir Path dir) throws Exception {
        VirtualThreadCensusRule census = slowInJmc();
        Files.writeString(dir.resolve("p-slim.jfr"), "an earlier copy");
        String file = dir.resolve("p.jfr").toString();
        Finding finding = census.finish(new Rule.Recording(0, 2_000_000_000L, 100_000, 100, file, Map.of()));
        assertThat((String) finding.details().get("slim_command"))
                .endsWith(" " + dir.resolve("p.jfr") + " " + dir.resolve("p-slim-2.jfr"));
    }

    /**
     * A killed JVM's chunk or repository folder, read through a finished copy, is no file jfr scrub reads: the command
     * is loom's own --slim, which writes the copy from what loom read.
     */
    @Test
    void theCensusCommandForAFileReadThroughACopyIsLoomsSlim(@TempDir Path dir) {
        VirtualThreadCensusRule census = slowInJmc();
        String folder = dir.resolve("2026_12_02_17_19_50_24169").toString();
        Finding finding = census.finish(new Rule.Recording(
                0, 2_000_000_000L, 100_000, 100, folder, Map.of(), Map.of(), Map.of(), Map.of(), true));
        String command = (String) finding.details().get("slim_command");
        assertThat(command).isEqualTo("loom inspect " + folder + " --slim " + folder + "-slim.jfr");
        assertThat(finding.explanation())
                .contains("jfr cannot read this recording as it is")
                .doesNotContain("jfr scrub")
                .endsWith(command);
    }

    /**
     * A killed JVM's chunk, read through a copy, has its slim copy named in the current folder: beside the chunk, in
     * its repository folder, the copy was read as one more chunk by a later {@code loom inspect} of the folder, and
     * its events counted twice.
     */
    @Test
    void theCensusCommandForAKilledChunkWritesTheCopyOutsideItsRepositoryFolder(@TempDir Path dir) {
        VirtualThreadCensusRule census = slowInJmc();
        String chunk = dir.resolve("2026_12_02_17_19_50_24169")
                .resolve("2026_12_02_17_19_50.jfr")
                .toString();
        Finding finding = census.finish(new Rule.Recording(
                0, 2_000_000_000L, 100_000, 100, chunk, Map.of(), Map.of(), Map.of(), Map.of(), true));
        assertThat((String) finding.details().get("slim_command"))
                .isEqualTo("loom inspect " + chunk + " --slim 2026_12_02_17_19_50-slim.jfr");
    }

    /** The JDK's jfr reads only names that end in .jfr ("filename must end with '.jfr'"): for others, loom's --slim. */
    @Test
    void theCensusCommandForANameJfrRefusesIsLoomsSlim(@TempDir Path dir) {
        VirtualThreadCensusRule census = slowInJmc();
        String file = dir.resolve("mix.rec").toString();
        Finding finding = census.finish(new Rule.Recording(0, 2_000_000_000L, 100_000, 100, file, Map.of()));
        String command = (String) finding.details().get("slim_command");
        assertThat(command).isEqualTo("loom inspect " + file + " --slim " + file + "-slim.jfr");
        assertThat(finding.explanation())
                .contains("jfr reads only a file whose name ends in .jfr")
                .endsWith(command);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 499, 500, 501, 999, 1000, 1001, 12_345})
    void theCensusKeepsAtMost500PointsEndingWithTheLast(int buckets) {
        VirtualThreadCensusRule census = new VirtualThreadCensusRule();
        for (int i = 0; i < buckets; i++) {
            census.accept(new Observation.VirtualStart(
                    (i + 1) * VirtualThreadCensusRule.BUCKET, new Observation.ThreadRef(i, "v", true)));
        }
        Finding finding = census.finish(
                new Rule.Recording(0, (buckets + 1) * VirtualThreadCensusRule.BUCKET, buckets, 1, "", Map.of()));
        List<Object> points = finding.list("alive_over_time");
        assertThat(points).hasSizeBetween(Math.min(buckets, 250), 500);
        assertThat(points.getLast())
                .isEqualTo(Map.of("time", buckets * VirtualThreadCensusRule.BUCKET, "alive", (long) buckets));
    }

    @Test
    void submitFailuresAreAWarning() {
        SubmitFailedRule rule = new SubmitFailedRule();
        rule.accept(new Observation.SubmitFailed(
                1, Observation.ThreadRef.UNKNOWN, "java.util.concurrent.RejectedExecutionException"));
        Finding finding = rule.finish(new Rule.Recording(0, 1, 1, 1, "", Map.of()));
        assertThat(finding.severity()).isEqualTo(Severity.WARNING); // its words: CountsInWordsTest
    }

    @Test
    void firstUsePinsAloneAreNeverAWarning() {
        PinningRule rule = new PinningRule();
        rule.accept(new Observation.Pinned(
                1,
                5_000_000,
                new Observation.ThreadRef(3, "", true),
                "c",
                "Freeze or preempt failed (2)",
                "Contended monitor enter",
                List.of(new dev.loompatterns.jfr.PinTaxonomy.Frame(
                        "java.lang.ClassLoader", "loadClass", 1, false, false)),
                false));
        Finding finding = rule.finish(new Rule.Recording(0, 1, 1, 1, "", Map.of()));
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.details()).containsEntry("code_pins", 0L).containsEntry("first_use_or_recorder_pins", 1L);
    }

    @Test
    void jmcLoadTimeIsReadFromTheMeasuredPoints() {
        assertThat(VirtualThreadCensusRule.jmcLoad(5_000)).isEqualTo("under a second");
        assertThat(VirtualThreadCensusRule.jmcLoad(30_000)).isEqualTo("about 1 s");
        assertThat(VirtualThreadCensusRule.jmcLoad(100_000)).isEqualTo("about 6 s");
        // just past 100,000 it said "minutes or more", where a review's 120,000 loaded in 6 s
        assertThat(VirtualThreadCensusRule.jmcLoad(120_000)).isEqualTo("about 10 s");
        assertThat(VirtualThreadCensusRule.jmcLoad(300_000)).isEqualTo("about 106 s");
        assertThat(VirtualThreadCensusRule.jmcLoad(1_000_000)).startsWith("minutes or more");
    }

    /**
     * A program's own events named as the JDK's or loom's, with fields of other names and types, are read as far as
     * their fields allow, and a task event without loom's {@code long taskId} is left out: the file was refused as
     * cut short or damaged, though {@code jfr print} reads it (a helper's hunt).
     */
    @Test
    void eventsNamedAsTheJdksWithFieldsOfTheirOwnAreNoDamage(@TempDir Path dir) throws Exception {
        // the program's events last no time: under the default thresholds of the JDK's names, none would be kept
        String instantsKept = "default,jdk.VirtualThreadStart#enabled=true,jdk.VirtualThreadPinned#threshold=0ms,"
                + "jdk.ThreadSleep#threshold=0ms";
        Path file = Programs.record(Programs.ImpostorEvents.class, dir.resolve("impostors.jfr"), instantsKept);
        assertThat(jdk.jfr.consumer.RecordingFile.readAllEvents(file).stream()
                        .map(e -> e.getEventType().getName())
                        .filter(name -> name.startsWith("loompatterns.") || name.startsWith("jdk.VirtualThread")))
                .as("the program's events are in the file")
                .contains("loompatterns.TaskSubmitted", "loompatterns.TaskStarted", "jdk.VirtualThreadPinned");

        Map<String, Finding> found = findings(file);

        assertThat(found.get("queueing-delay").severity())
                .as("no task event of loom's: " + found.get("queueing-delay"))
                .isEqualTo(Severity.NA);
        assertThat(found.get("pinning").details())
                .as("the pin is read, its carrier and reason unknown")
                .containsEntry("pins", 1L);
    }

    /** The catalogue's own scheduling run, recorded with its profile: our TaskSubmitted/TaskStarted events pair up. */
    @Test
    void measuresQueueingDelayFromTheCataloguesSchedulingRun(@TempDir Path dir) throws Exception {
        dev.loompatterns.core.Pattern scheduling =
                dev.loompatterns.core.Catalogue.load().find("scheduling");
        dev.loompatterns.core.Variant variant = scheduling.variant("queueing-delay");
        Path file = dir.resolve("s.jfr");
        try (dev.loompatterns.jfr.Recorder recorder =
                dev.loompatterns.jfr.Recorder.start(dev.loompatterns.jfr.Profiles.load("scheduling"), file)) {
            dev.loompatterns.core.RunReport run = new dev.loompatterns.core.Runner()
                    .run(
                            scheduling,
                            dev.loompatterns.core.Mode.VIRTUAL,
                            variant,
                            dev.loompatterns.core.Workload.resolve(
                                    scheduling, dev.loompatterns.core.Mode.VIRTUAL, 8, Map.of()));
            assertThat(run.check().ok()).as(run.check().detail()).isTrue();
            recorder.finish();
        }
        Finding queueing = findings(file).get("queueing-delay");
        assertThat(queueing.severity()).isIn(Severity.INFO, Severity.WARNING);
        assertThat(queueing.details()).containsEntry("tasks", 8L).containsEntry("unpaired", 0);
    }

    /** JDK 21's pin event has no pinnedReason: an event type of that shape, committed inside an initializer. */
    @Test
    void classifiesAPinWithoutPinnedReasonFromItsStack(@TempDir Path dir) throws Exception {
        Path file = PinRecording.record(dir.resolve("jdk21.jfr"), Jdk21Pins::inAnInitializer);
        Finding pinning = findings(file).get("pinning");
        assertThat(pinning.severity()).isEqualTo(Severity.WARNING);
        assertThat(pinning.list("groups")).singleElement().satisfies(group -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> g = (Map<String, Object>) group;
            assertThat(g)
                    .containsEntry("cause", "class-init")
                    .containsEntry("where", Jdk21Pins.CommitsInItsInitializer.class.getName())
                    .containsEntry("classified_from", "stack (no pinnedReason in the event)");
        });
    }

    /**
     * Where the run writes the copy ({@code --slim}), the explanation says so: it said "jfr scrub cannot tell virtual
     * threads from platform ones, so this drops every thread's:" before the loom command, which keeps the platform
     * threads' sleeps and parks.
     */
    @Test
    void theCensusExplanationOfACopyTheRunWritesIsNotAScrubs(@TempDir Path dir) {
        String file = dir.resolve("big.jfr").toString();
        Path copy = dir.resolve("big-slim.jfr");
        VirtualThreadCensusRule census = slowInJmc(new Pasted("jfr", "loom", Set.of(copy), copy));
        Finding finding = census.finish(new Rule.Recording(0, 2_000_000_000L, 100_000, 100, file, Map.of()));
        String command = (String) finding.details().get("slim_command");
        assertThat(command).isEqualTo("loom inspect " + file + " --slim " + copy);
        assertThat(finding.explanation())
                .contains("; this run writes that copy: " + command)
                .doesNotContain("jfr scrub");
    }

    /** A census of {@link VirtualThreadCensusRule#SLOW_IN_JMC} started virtual threads: enough for its JMC advice. */
    private static VirtualThreadCensusRule slowInJmc() {
        return slowInJmc(Pasted.PLAIN);
    }

    /** The same, the commands to paste made as {@code pasted} says. */
    private static VirtualThreadCensusRule slowInJmc(Pasted pasted) {
        VirtualThreadCensusRule census = new VirtualThreadCensusRule(pasted);
        for (int i = 0; i < VirtualThreadCensusRule.SLOW_IN_JMC; i++) {
            census.accept(new Observation.VirtualStart(1_000_000_000L + i, new Observation.ThreadRef(i, "v", true)));
        }
        return census;
    }
}
