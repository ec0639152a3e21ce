package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RunnerTest {

    /** A pattern whose run is given by the test. */
    private record Scripted(Set<Mode> modes, Body body) implements Pattern {
        interface Body {
            Check run(Workload workload) throws Exception;
        }

        @Override
        public PatternInfo info() {
            return PatternInfo.of(99, "scripted", "scripted", "none", 3).build();
        }

        @Override
        public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
            return body.run(workload);
        }
    }

    private static RunReport run(Scripted pattern) throws InterruptedException {
        return new Runner()
                .run(pattern, Mode.VIRTUAL, Variant.DEFAULT, Workload.resolve(pattern, Mode.VIRTUAL, null, Map.of()));
    }

    @Test
    void countsTheVirtualThreadsARunStarts() throws InterruptedException {
        RunReport report = run(new Scripted(EnumSet.allOf(Mode.class), workload -> {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                threads.add(Thread.startVirtualThread(() -> {}));
            }
            Threads.joinAll(threads);
            return Check.passed("started 25");
        }));
        assertThat(report.virtualThreads()).isEqualTo(25);
        assertThat(report.check().verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    void countsPlatformThreadsAliveAtOnceBeyondThoseBeforeTheRun() throws InterruptedException {
        RunReport report = run(new Scripted(EnumSet.allOf(Mode.class), workload -> tenAtOnce()));
        assertThat(report.peakPlatformThreads()).isGreaterThanOrEqualTo(10);
        assertThat(report.virtualThreads()).isZero();
    }

    /**
     * A thread alive before the run that ends during it, before the run's own threads start, takes none off them.
     * Subtracted as the count before the run, it took one: the test above read 9 in a fresh clone's CI, where a thread
     * of another test class had ended while it ran.
     */
    @Test
    void aThreadOfBeforeTheRunThatEndsDuringItDoesNotLowerTheCount() throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CountDownLatch end = new CountDownLatch(1);
        Thread before = Thread.ofPlatform().start(() -> awaitQuietly(end));
        try {
            RunReport report = run(new Scripted(EnumSet.allOf(Mode.class), workload -> {
                int withIt = mx.getThreadCount();
                end.countDown();
                before.join();
                // a joined thread stays in the JVM's live count for a moment: the ten start once it has left it
                long backstop = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (mx.getThreadCount() >= withIt && System.nanoTime() < backstop) {
                    Thread.onSpinWait();
                }
                return tenAtOnce();
            }));
            assertThat(report.peakPlatformThreads()).isGreaterThanOrEqualTo(10);
        } finally {
            end.countDown();
            before.join();
        }
    }

    /** Starts ten platform threads that a latch holds until all have started, and joins them. */
    private static Check tenAtOnce() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            threads.add(Thread.ofPlatform().start(() -> awaitQuietly(release)));
        }
        release.countDown(); // all ten were alive together: each blocks on the latch until here
        Threads.joinAll(threads);
        return Check.passed("ten at once");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Children run at once start no thread in this JVM that the row counts: their output was read on virtual
     * threads, so daemon-threads' platform row said 2 virtual threads (a new user's review).
     */
    @Test
    void childJvmsRunAtOnceAddNoVirtualThreadOfTheirOwn() throws InterruptedException {
        RunReport report = run(new Scripted(EnumSet.allOf(Mode.class), workload -> {
            List<ChildJvm.Ended> ended = ChildJvm.runAll(
                    List.of(),
                    ChildJvmTest.Child.class,
                    List.of(List.of("a"), List.of("b")),
                    java.time.Duration.ofMinutes(1));
            return Check.expect(
                    ended.stream()
                            .allMatch(child ->
                                    child.exitCode() == 0 && child.lines().contains("to stderr")),
                    ended.toString());
        }));
        assertThat(report.check().verdict()).as(report.check().detail()).isEqualTo(Check.Verdict.PASSED);
        assertThat(report.virtualThreads()).isZero();
    }

    @Test
    void aRunThatThrowsIsAFailedCheckNamingTheException() throws InterruptedException {
        RunReport report = run(new Scripted(EnumSet.allOf(Mode.class), workload -> {
            throw new IllegalStateException("boom", new java.io.IOException("disk"));
        }));
        assertThat(report.check().verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(report.check().detail()).isEqualTo("threw IllegalStateException: boom (cause IOException: disk)");
    }

    @Test
    void anInterruptIsPassedOnNotReportedAsAFailure() {
        Scripted pattern = new Scripted(EnumSet.allOf(Mode.class), workload -> {
            throw new InterruptedException("cancelled");
        });
        assertThatThrownBy(() -> run(pattern)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aModeThePatternLacksIsAUsageError() {
        Scripted pattern = new Scripted(EnumSet.of(Mode.PLATFORM), workload -> Check.passed("x"));
        assertThatThrownBy(() -> run(pattern))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no virtual mode");
    }
    /** A pattern with a set-up step, given by the test. */
    private record WithSetUp(SetUp setUp) implements Pattern {
        interface SetUp {
            Pattern.Prepared prepare() throws Exception;
        }

        @Override
        public PatternInfo info() {
            return PatternInfo.of(99, "with-set-up", "with set-up", "none", 1).build();
        }

        @Override
        public Check run(Mode mode, Variant variant, Workload workload) {
            throw new AssertionError("prepare() is used");
        }

        @Override
        public Prepared prepare(Mode mode, Variant variant, Workload workload) throws Exception {
            return setUp.prepare();
        }
    }

    private static RunReport run(WithSetUp pattern) throws InterruptedException {
        return new Runner()
                .run(pattern, Mode.VIRTUAL, Variant.DEFAULT, Workload.resolve(pattern, Mode.VIRTUAL, null, Map.of()));
    }

    @Test
    void setUpThreadsAreNotCountedAsTheRunsAndAreClosedAfterIt() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> setUpThreads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean closedAfterRun = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        RunReport report = run(new WithSetUp(() -> {
            for (int i = 0; i < 8; i++) {
                setUpThreads.add(Thread.ofPlatform().start(() -> awaitQuietly(release)));
            }
            return new Pattern.Prepared() {
                @Override
                public Check run() {
                    ran.set(true);
                    return Check.passed("ran");
                }

                @Override
                public void close() throws InterruptedException {
                    closedAfterRun.set(ran.get());
                    release.countDown();
                    Threads.joinAll(setUpThreads);
                }
            };
        }));
        assertThat(report.check().verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(report.peakPlatformThreads())
                .as("the set-up's 8 threads were alive before the run began")
                .isLessThan(8);
        assertThat(closedAfterRun).isTrue();
        assertThat(setUpThreads).noneMatch(Thread::isAlive);
    }

    @Test
    void setUpIsClosedWhenTheRunIsInterrupted() {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        WithSetUp pattern = new WithSetUp(() -> new Pattern.Prepared() {
            @Override
            public Check run() throws InterruptedException {
                throw new InterruptedException("cancelled");
            }

            @Override
            public void close() {
                closed.set(true);
            }
        });
        assertThatThrownBy(() -> run(pattern)).isInstanceOf(InterruptedException.class);
        assertThat(closed).isTrue();
    }

    @Test
    void aFailingSetUpOrTearDownIsAFailedCheck() throws InterruptedException {
        RunReport setUp = run(new WithSetUp(() -> {
            throw new java.io.IOException("no port");
        }));
        assertThat(setUp.check().detail()).isEqualTo("threw IOException: no port");

        RunReport tearDown = run(new WithSetUp(() -> new Pattern.Prepared() {
            @Override
            public Check run() {
                return Check.passed("ran");
            }

            @Override
            public void close() {
                throw new IllegalStateException("stuck");
            }
        }));
        assertThat(tearDown.check().verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(tearDown.check().detail()).isEqualTo("set-up did not close: threw IllegalStateException: stuck");
    }

    @Test
    void reportsTheJitsCompileTimeWhileTheClockRan() throws InterruptedException {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        assumeTrue(
                compiler != null && compiler.isCompilationTimeMonitoringSupported(),
                "this JVM does not measure compile time");
        long[] sink = {0};
        RunReport report = run(new Scripted(EnumSet.allOf(Mode.class), workload -> {
            long before = compiler.getTotalCompilationTime();
            // Fresh code run hot until the JIT has compiled something: observable state, not a guess at how long.
            long backstop = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (compiler.getTotalCompilationTime() == before) {
                sink[0] += java.util.stream.LongStream.range(0, 1_000)
                        .map(i -> i * 31 + sink[0] % 7)
                        .sum();
                if (System.nanoTime() > backstop) {
                    return Check.failed("the JIT compiled nothing in 30 s");
                }
            }
            return Check.passed("compiled");
        }));
        assertThat(report.check().ok()).as(report.check().detail()).isTrue();
        assertThat(report.jit()).isPositive();
    }

    /** Blocks in its initializer: pins once, cause class-init, of this package (the scripted pattern's own). */
    static final class SlowInit {
        static {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {}
    }

    /** A child JVM's program: three virtual threads, one of which pins in an initializer. */
    public static final class ChildThatPins {
        public static void main(String[] args) throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            threads.add(Thread.ofVirtual().start(SlowInit::touch));
            threads.add(Thread.ofVirtual().start(() -> {}));
            threads.add(Thread.ofVirtual().start(() -> {}));
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    @Test
    void aChildJvmsVirtualThreadsAndPinsCountWithTheRunsOwn() throws InterruptedException {
        RunReport report = run(new Scripted(EnumSet.allOf(Mode.class), workload -> {
            ChildJvm.Result child =
                    ChildJvm.run(List.of(), ChildThatPins.class, List.of(), java.time.Duration.ofMinutes(1));
            return Check.expect(child.exitCode() == 0, "child exited " + child.exitCode() + ": " + child.stderr());
        }));
        assertThat(report.check().ok()).as(report.check().detail()).isTrue();
        assertThat(report.virtualThreads()).isGreaterThanOrEqualTo(3);
        assertThat(report.pinned()).as(report.pins().toString()).isEqualTo(1);
    }

    @Test
    void aPinWhileAClassLoadsIsCountedApartFromThePatterns() throws InterruptedException {
        RunReport report = run(new Scripted(EnumSet.allOf(Mode.class), workload -> {
            // what the virtual thread throws reaches the run
            dev.loompatterns.testing.PinRecording.onAVirtualThread(dev.loompatterns.testing.Natives::loadSlowly);
            return Check.passed("loaded");
        }));
        assertThat(report.pinned()).isZero();
        assertThat(report.pins().firstUse()).isEqualTo(1);
        assertThat(report.pins().apart()).containsEntry("class-loading", 1L);
    }
}
