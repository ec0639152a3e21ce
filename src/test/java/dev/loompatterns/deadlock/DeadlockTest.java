package dev.loompatterns.deadlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Threads;
import dev.loompatterns.testing.Background;
import dev.loompatterns.threaddump.ThreadDump;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Detection in every mode, the break, the fix; and what ThreadMXBean reports on JDK 25. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // backstop only
class DeadlockTest {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    /** The dump sees every pair in every mode; each is broken; the global order completes. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyDeadlockIsSeenBrokenAndTheGlobalOrderCompletes(Mode mode) throws Exception {
        Form form = DeadlockPattern.FORMS.of(mode);
        List<LockPair> opposite = LockPair.pairs(3, LockPair.Order.OPPOSITE);
        Watchdog watchdog = new Watchdog(opposite);
        form.run(LockPair.workersOf(opposite), watchdog);
        List<LockPair> global = LockPair.pairs(3, LockPair.Order.GLOBAL);
        Watchdog guard = Watchdog.guarding(global);
        form.run(LockPair.workersOf(global), guard);

        Detection dump = watchdog.detections().get(1);
        assertThat(dump.cycles())
                .hasSize(3)
                .allSatisfy(cycle -> assertThat(cycle).hasSize(2));
        if (mode == Mode.STRUCTURED) {
            assertThat(dump.evidence()).contains("container '" + StructuredDeadlock.SCOPE_NAME);
        }
        assertThat(opposite).allSatisfy(p -> {
            assertThat(p.result(0)).isEqualTo(LockPair.Result.COMPLETED);
            assertThat(p.result(1)).isEqualTo(LockPair.Result.BACKED_OFF);
            assertThat(p.a.isLocked() || p.b.isLocked()).isFalse();
        });
        assertThat(global).allSatisfy(p -> assertThat(p.criticalSections()).isEqualTo(2));
        assertThat(guard.broken()).isEmpty();
        Check check = DeadlockPattern.check(mode, opposite, watchdog.detections(), global, guard.broken());
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail())
                .contains("JSON thread dump listed all 6 parked, owners read from the locks (6 parked in"
                        + " lockInterruptibly")
                .endsWith("global order: no cycle seen, 6 of 6 completed");
    }

    /**
     * Were the global order broken, the run would not hang: the guard sees the cycle, breaks it and
     * the check fails naming the pair. Here the "global" pairs take their locks in opposite order.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDeadlockInTheGlobalPhaseIsBrokenAndFailsTheCheck(Mode mode) throws Exception {
        List<LockPair> notGlobal = LockPair.pairs(2, LockPair.Order.OPPOSITE);
        Check check = DeadlockPattern.run(
                DeadlockPattern.FORMS.of(mode), mode, LockPair.pairs(1, LockPair.Order.OPPOSITE), notGlobal);

        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).isEqualTo("global order: pair 0 deadlocked (2 of 2 pairs); the watchdog broke it");
        assertThat(notGlobal).allSatisfy(p -> {
            assertThat(p.result(1)).isEqualTo(LockPair.Result.BACKED_OFF);
            assertThat(p.a.isLocked() || p.b.isLocked()).isFalse();
        });
    }

    /**
     * The dump must see every pair in every mode, ThreadMXBean in platform mode too (in virtual mode it is
     * not asked to): one real deadlock, then each detection in turn swapped for one that saw nothing.
     */
    @Test
    void checkFailsWhenADetectorItReliesOnMissedAPair() throws Exception {
        List<LockPair> opposite = LockPair.pairs(1, LockPair.Order.OPPOSITE);
        Watchdog watchdog = new Watchdog(opposite);
        DeadlockPattern.FORMS.of(Mode.PLATFORM).run(LockPair.workersOf(opposite), watchdog);
        Detection mx = watchdog.detections().get(0);
        Detection dump = watchdog.detections().get(1);
        List<Detection> mxMissed = List.of(new Detection(MxBeanDetector.NAME, List.of(), "nothing"), dump);
        List<Detection> dumpMissed = List.of(mx, new Detection(ThreadDumpDetector.NAME, List.of(), "nothing"));

        Check platform = DeadlockPattern.check(Mode.PLATFORM, opposite, mxMissed, List.of(), List.of());
        assertThat(platform.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(platform.detail()).isEqualTo("ThreadMXBean.findDeadlockedThreads saw 0 of 1 pairs: nothing");
        assertThat(DeadlockPattern.check(Mode.VIRTUAL, opposite, mxMissed, List.of(), List.of())
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        for (Mode mode : Mode.values()) {
            Check check = DeadlockPattern.check(mode, opposite, dumpMissed, List.of(), List.of());
            assertThat(check.verdict()).as(mode.toString()).isEqualTo(Check.Verdict.FAILED);
            assertThat(check.detail()).isEqualTo("JSON thread dump and the locks' owners gave 0 of 1 cycles: nothing");
        }
    }

    /**
     * A run that never gets where the watchdog waits for it to (only worker a of the pair is started, so it
     * waits at the latch for b for ever) ends when the watchdog gives up: every worker is interrupted and
     * backs off, and the watchdog fails saying what it waited for. A zero limit gives up at the first look.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWatchdogPastItsLimitInterruptsEveryWorkerAndFails(boolean deadlocksExpected) throws Exception {
        LockPair pair = new LockPair(0, deadlocksExpected ? LockPair.Order.OPPOSITE : LockPair.Order.GLOBAL);
        Watchdog watchdog = new Watchdog(List.of(pair), deadlocksExpected, Duration.ZERO);
        try (Background<Object> a = Background.start(() -> {
            pair.workers().getFirst().run();
            return pair.result(0);
        })) {
            a.awaitState(Thread.State.WAITING); // at the latch, for a worker b that never comes

            assertThatThrownBy(watchdog::watchAndBreak)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("gave up after 0 s waiting until "
                            + (deadlocksExpected ? "every pair deadlocked" : "every worker ended"));
            assertThat(a.join()).isEqualTo(LockPair.Result.BACKED_OFF);
        }
        assertThat(pair.a.isLocked() || pair.b.isLocked()).isFalse();
        assertThat(watchdog.broken()).isEmpty();
    }

    /**
     * A pair not broken cleanly fails the check: here pairs that took their locks in the global
     * order (both completed) are handed over as the deadlocked ones, with their cycles as seen; and
     * broken pairs handed over as the global ones fail it too.
     */
    @Test
    void checkFailsWhenAPairWasNotBrokenCleanlyOrAGlobalWorkerDidNotComplete() throws Exception {
        Form form = DeadlockPattern.FORMS.of(Mode.PLATFORM);
        List<LockPair> completed = LockPair.pairs(1, LockPair.Order.GLOBAL);
        form.run(LockPair.workersOf(completed), Watchdog.guarding(completed));
        LockPair pair = completed.getFirst();
        List<Set<Long>> cycle =
                List.of(Set.of(pair.worker(0).threadId(), pair.worker(1).threadId()));
        List<Detection> seen = List.of(
                new Detection(MxBeanDetector.NAME, cycle, "mx"), new Detection(ThreadDumpDetector.NAME, cycle, "dump"));

        Check check = DeadlockPattern.check(Mode.PLATFORM, completed, seen, List.of(), List.of());
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail())
                .isEqualTo("pair 0 not broken cleanly: a COMPLETED, b COMPLETED, 2 critical sections");

        List<LockPair> broken = LockPair.pairs(1, LockPair.Order.OPPOSITE);
        Watchdog watchdog = new Watchdog(broken);
        form.run(LockPair.workersOf(broken), watchdog);
        Check global = DeadlockPattern.check(Mode.PLATFORM, broken, watchdog.detections(), broken, List.of());
        assertThat(global.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(global.detail()).isEqualTo("global order, pair 0: a COMPLETED, b BACKED_OFF");
    }

    /** Platform threads: findDeadlockedThreads follows ReentrantLocks (ownable synchronizers) and names owners. */
    @Test
    void threadMxBeanSeesPlatformThreadsDeadlockedOnReentrantLocks() throws Exception {
        withOneDeadlockedPair(Thread.ofPlatform(), pair -> {
            long a = pair.worker(0).threadId();
            long b = pair.worker(1).threadId();
            assertThat(MX.findDeadlockedThreads()).containsExactlyInAnyOrder(a, b);
            // monitors only: a ReentrantLock cycle is not a monitor deadlock
            assertThat(MX.findMonitorDeadlockedThreads()).isNull();
            ThreadInfo info = MX.getThreadInfo(new long[] {a}, false, true)[0];
            assertThat(info.getThreadState()).isEqualTo(Thread.State.WAITING);
            assertThat(info.getLockName()).startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@");
            assertThat(info.getLockOwnerId()).isEqualTo(b);
            assertThat(Arrays.stream(info.getLockedSynchronizers()).map(LockInfo::getClassName))
                    .containsExactly("java.util.concurrent.locks.ReentrantLock$NonfairSync");
        });
    }

    /** Virtual threads, JDK 25: ThreadMXBean does not see them at all, deadlocked or not. */
    @Test
    void threadMxBeanDoesNotSeeDeadlockedVirtualThreads() throws Exception {
        assumeTrue(Runtime.version().feature() == 25, "measured on JDK 25; later JDKs may add support");
        withOneDeadlockedPair(Thread.ofVirtual(), pair -> {
            long a = pair.worker(0).threadId();
            assertThat(MX.findDeadlockedThreads()).isNull();
            assertThat(MX.getThreadInfo(a)).isNull();
            assertThat(MX.getAllThreadIds()).doesNotContain(a);
        });
    }

    /** What the JDK 25 JSON dump holds for a thread parked on a ReentrantLock: no owner. */
    @Test
    void jsonDumpNamesTheParkBlockerButNotItsOwner() throws Exception {
        assumeTrue(Runtime.version().feature() == 25, "the dump's fields as of JDK 25");
        withOneDeadlockedPair(Thread.ofVirtual(), pair -> {
            Detection seen = ThreadDumpDetector.look(
                    Map.of(
                            pair.worker(0).threadId(),
                            pair.worker(0),
                            pair.worker(1).threadId(),
                            pair.worker(1)),
                    List.of(pair.a, pair.b));
            assertThat(seen.cycles())
                    .containsExactly(
                            Set.of(pair.worker(0).threadId(), pair.worker(1).threadId()));
            assertThat(seen.evidence()).contains("(virtual) WAITING, parkBlocker ReentrantLock$NonfairSync@");
        });
    }

    @Test
    void dumpReaderIgnoresThreadsNotParkedInALock() throws Exception {
        LockPair pair = new LockPair(0, LockPair.Order.OPPOSITE);
        Thread self = Thread.currentThread();
        ThreadDump dump = new ThreadDump(List.of(new ThreadDump.Container(
                "<root>",
                null,
                null,
                List.of(new ThreadDump.DumpedThread(
                        Long.toString(self.threadId()),
                        "x",
                        "WAITING",
                        false,
                        "java.util.concurrent.CountDownLatch$Sync@1",
                        List.of("java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:1)"))))));
        Detection seen = ThreadDumpDetector.read(dump, Map.of(self.threadId(), self), List.of(pair.a, pair.b));
        assertThat(seen.cycles()).isEmpty();
        assertThat(seen.evidence()).startsWith("0 parked");
    }

    @Test
    void waitForGraphFindsEachCycleOnce() {
        // 1 <-> 2 is a cycle; 3 -> 4 -> 5 -> 3 is a cycle; 6 -> 1 waits on a cycle but is not in it; 7 -> 8 is a chain
        Map<Long, Long> edges = Map.of(1L, 2L, 2L, 1L, 3L, 4L, 4L, 5L, 5L, 3L, 6L, 1L, 7L, 8L);
        assertThat(WaitForGraph.cycles(edges)).containsExactlyInAnyOrder(Set.of(1L, 2L), Set.of(3L, 4L, 5L));
        assertThat(WaitForGraph.cycles(Map.of(7L, 8L))).isEmpty();
    }

    private interface PairCheck {
        void accept(LockPair pair) throws Exception;
    }

    /** Deadlocks one pair on the builder's threads, runs the checks, then breaks it and joins both. */
    private static void withOneDeadlockedPair(Thread.Builder builder, PairCheck checks) throws Exception {
        LockPair pair = new LockPair(0, LockPair.Order.OPPOSITE);
        List<Thread> threads = pair.workers().stream().map(builder::start).toList();
        try {
            // polled, so the class's @Timeout ends a pair that neither deadlocks nor ends (a spin would not hear it)
            Background.awaitUntil(() -> pair.deadlocked() || pair.anyEnded());
            assertThat(pair.anyEnded())
                    .as("a worker of the pair ended instead of deadlocking")
                    .isFalse();
            checks.accept(pair);
        } finally {
            threads.forEach(Thread::interrupt);
            Threads.joinUninterruptibly(threads);
        }
    }
}
