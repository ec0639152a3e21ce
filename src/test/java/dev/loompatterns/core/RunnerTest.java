package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        @Override public String id() { return "scripted"; }
        @Override public String title() { return "scripted"; }
        @Override public String tutorial() { return "none"; }
        @Override public int number() { return 99; }
        @Override public int defaultTasks() { return 3; }
        @Override public Check run(Mode mode, Variant variant, Workload workload) throws Exception { return body.run(workload); }
    }

    private static RunReport run(Scripted pattern) throws InterruptedException {
        return new Runner().run(pattern, Mode.VIRTUAL, Variant.DEFAULT, Workload.resolve(pattern, Mode.VIRTUAL, null, Map.of()));
    }

    @Test
    void countsTheVirtualThreadsARunStarts() throws InterruptedException {
        RunReport report = run(new Scripted(EnumSet.allOf(Mode.class), workload -> {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                threads.add(Thread.startVirtualThread(() -> { }));
            }
            Threads.joinAll(threads);
            return Check.passed("started 25");
        }));
        assertThat(report.virtualThreads()).isEqualTo(25);
        assertThat(report.check().verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    void countsPlatformThreadsAliveAtOnceBeyondThoseBeforeTheRun() throws InterruptedException {
        RunReport report = run(new Scripted(EnumSet.allOf(Mode.class), workload -> {
            CountDownLatch release = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            release.countDown(); // all ten were alive together: each blocks on the latch until here
            Threads.joinAll(threads);
            return Check.passed("ten at once");
        }));
        assertThat(report.peakPlatformThreads()).isGreaterThanOrEqualTo(10);
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
        assertThatThrownBy(() -> run(pattern)).isInstanceOf(UsageException.class).hasMessageContaining("no virtual mode");
    }
}
