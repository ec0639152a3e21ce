package dev.loompatterns.deadlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Threads;
import dev.loompatterns.threaddump.ThreadDump;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
        form.run(LockPair.workersOf(global), null);

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
        assertThat(DeadlockPattern.check(mode, opposite, watchdog.detections(), global)
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
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

    @Test
    void checkFailsWhenTheDumpMissedAPair() throws Exception {
        List<LockPair> opposite = LockPair.pairs(1, LockPair.Order.OPPOSITE);
        Watchdog watchdog = new Watchdog(opposite);
        DeadlockPattern.FORMS.of(Mode.VIRTUAL).run(LockPair.workersOf(opposite), watchdog);
        Detection nothing = new Detection(ThreadDumpDetector.NAME, List.of(), "nothing");
        Check check = DeadlockPattern.check(
                Mode.VIRTUAL, opposite, List.of(watchdog.detections().get(0), nothing), List.of());
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).startsWith("JSON thread dump saw 0 of 1");
    }

    private interface PairCheck {
        void accept(LockPair pair) throws Exception;
    }

    /** Deadlocks one pair on the builder's threads, runs the checks, then breaks it and joins both. */
    private static void withOneDeadlockedPair(Thread.Builder builder, PairCheck checks) throws Exception {
        LockPair pair = new LockPair(0, LockPair.Order.OPPOSITE);
        List<Thread> threads = pair.workers().stream().map(builder::start).toList();
        try {
            while (!pair.deadlocked()) {
                assertThat(pair.anyEnded()).isFalse();
                Thread.onSpinWait();
            }
            checks.accept(pair);
        } finally {
            threads.forEach(Thread::interrupt);
            Threads.joinUninterruptibly(threads);
        }
    }
}
