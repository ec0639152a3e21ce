package dev.loompatterns.threadconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.testing.InterruptAfterStarts;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThreadConfigTest {

    static Stream<Arguments> modesAndInheritance() {
        return Stream.of(Mode.values()).flatMap(mode -> Stream.of(Arguments.of(mode, true), Arguments.of(mode, false)));
    }

    private static List<WorkerReport> sorted(Outcome result) {
        return result.reports().stream()
                .sorted(Comparator.comparingInt(WorkerReport::worker))
                .toList();
    }

    @ParameterizedTest(name = "{0} inherit={1}")
    @MethodSource("modesAndInheritance")
    void everyThreadCarriesTheNameCounterAndLocalsAskedFor(Mode mode, boolean inherit) throws Exception {
        ThreadConfig config = new ThreadConfig("job-", true, 7, inherit);
        Outcome result = ThreadConfigPattern.FORMS.of(mode).runAll(6, config);

        List<WorkerReport> observed = sorted(result);
        assertThat(observed)
                .extracting(WorkerReport::name)
                .containsExactly("job-0", "job-1", "job-2", "job-3", "job-4", "job-5");
        assertThat(observed)
                .extracting(WorkerReport::argument)
                .containsExactly("arg-0", "arg-1", "arg-2", "arg-3", "arg-4", "arg-5");
        assertThat(observed).allSatisfy(o -> {
            assertThat(o.inherited()).isEqualTo(inherit ? Worker.REQUEST_VALUE : null);
            assertThat(o.daemon()).isTrue();
            assertThat(o.virtual()).isEqualTo(mode != Mode.PLATFORM);
        });
        assertThat(ThreadConfigPattern.check(mode, 6, config, result).verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(Worker.REQUEST.get())
                .as("the caller's local is removed after the run")
                .isNull();
    }

    /** JEP 444: setPriority on a virtual thread is ignored; a platform thread keeps the value asked for. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void priorityIsKeptByPlatformThreadsAndIgnoredByVirtualOnes(Mode mode) throws Exception {
        Outcome result =
                ThreadConfigPattern.FORMS.of(mode).runAll(3, new ThreadConfig("p-", true, Thread.MAX_PRIORITY, true));
        assertThat(result.reports())
                .extracting(WorkerReport::priority)
                .containsOnly(mode == Mode.PLATFORM ? Thread.MAX_PRIORITY : Thread.NORM_PRIORITY);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailureReachesTheHandlerUnlessASubtaskKeepsIt(Mode mode) throws Exception {
        Outcome result = ThreadConfigPattern.FORMS.of(mode).runAll(4, new ThreadConfig("f-", true, 5, true));
        if (mode == Mode.STRUCTURED) {
            assertThat(result.uncaught()).isEmpty();
            assertThat(result.captured())
                    .singleElement()
                    .extracting(Throwable::getMessage)
                    .isEqualTo("worker 3 fails on purpose");
        } else {
            assertThat(result.captured()).isEmpty();
            assertThat(result.uncaught()).singleElement().satisfies(u -> {
                assertThat(u.thread()).isEqualTo("f-3");
                assertThat(u.failure())
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("worker 3 fails on purpose");
            });
        }
    }

    @Test
    void aPlatformThreadCanBeANonDaemon() throws Exception {
        ThreadConfig config = new ThreadConfig("n-", false, 5, false);
        Outcome result = new PlatformThreadConfig().runAll(2, config);
        assertThat(result.reports()).extracting(WorkerReport::daemon).containsOnly(false);
        assertThat(ThreadConfigPattern.check(Mode.PLATFORM, 2, config, result).verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    /** A worker reports the argument its creator handed it, not one it works out for itself. */
    @Test
    void aWorkerReportsTheArgumentItWasHanded() throws Exception {
        Queue<WorkerReport> observed = new ConcurrentLinkedQueue<>();
        WorkerReport report = Worker.observe(0, "handed-to-0", 2, observed);
        assertThat(report.argument()).isEqualTo("handed-to-0");
        assertThat(observed).containsExactly(report);
    }

    /**
     * The daemon flag asked for is the opposite of the creator's, which a platform thread would take
     * if its builder did not set one: so the flag the workers show is the builder's, from any caller.
     */
    @ParameterizedTest(name = "creator daemon={0}")
    @ValueSource(booleans = {true, false})
    void platformWorkersShowTheDaemonFlagAskedForNotTheirCreators(boolean creatorDaemon) throws Exception {
        Map.Entry<ThreadConfig, Outcome> run;
        try (ExecutorService creator = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon(creatorDaemon).factory())) {
            run = creator.submit(() -> {
                        ThreadConfig config = ThreadConfigPattern.configFor(ThreadConfigPattern.INHERIT_LOCALS);
                        return Map.entry(config, new PlatformThreadConfig().runAll(3, config));
                    })
                    .get();
        }
        assertThat(run.getKey().daemon()).isEqualTo(!creatorDaemon);
        assertThat(run.getValue().reports()).extracting(WorkerReport::daemon).containsOnly(!creatorDaemon);
        assertThat(ThreadConfigPattern.check(Mode.PLATFORM, 3, run.getKey(), run.getValue())
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    void checkFailsWhenAThreadCarriesTheWrongSetting() {
        ThreadConfig config = new ThreadConfig("w-", true, 8, true);
        Worker.Uncaught failure = new Worker.Uncaught("w-1", new IllegalStateException("worker 1 fails on purpose"));
        WorkerReport good = new WorkerReport(0, "arg-0", "w-0", true, 8, false, Worker.REQUEST_VALUE);
        WorkerReport last = new WorkerReport(1, "arg-1", "w-1", true, 8, false, Worker.REQUEST_VALUE);
        // the second worker's report varies; the first and the failing worker's failure do not
        java.util.function.BiFunction<WorkerReport, List<Worker.Uncaught>, Check> withSecond =
                (second, failures) -> ThreadConfigPattern.check(
                        Mode.PLATFORM, 2, config, new Outcome(List.of(good, second), failures, List.of()));
        assertThat(withSecond.apply(last, List.of(failure)).verdict()).isEqualTo(Check.Verdict.PASSED);
        WorkerReport lowPriority = new WorkerReport(1, "arg-1", "w-1", true, 5, false, Worker.REQUEST_VALUE);
        assertThat(withSecond.apply(lowPriority, List.of(failure)).detail()).contains("had priority 5, not 8");
        WorkerReport misnamed = new WorkerReport(1, "arg-1", "Thread-7", true, 8, false, Worker.REQUEST_VALUE);
        assertThat(withSecond.apply(misnamed, List.of(failure)).detail()).contains("was named Thread-7");
        WorkerReport wrongArgument = new WorkerReport(1, "arg-0", "w-1", true, 8, false, Worker.REQUEST_VALUE);
        assertThat(withSecond.apply(wrongArgument, List.of(failure)).detail())
                .isEqualTo("worker 1 got argument arg-0, not arg-1");
        WorkerReport notDaemon = new WorkerReport(1, "arg-1", "w-1", false, 8, false, Worker.REQUEST_VALUE);
        assertThat(withSecond.apply(notDaemon, List.of(failure)).detail()).isEqualTo("worker 1 had daemon false");
        WorkerReport onVirtual = new WorkerReport(1, "arg-1", "w-1", true, 8, true, Worker.REQUEST_VALUE);
        assertThat(withSecond.apply(onVirtual, List.of(failure)).detail())
                .isEqualTo("worker 1 ran on a virtual thread");
        WorkerReport inheritedNothing = new WorkerReport(1, "arg-1", "w-1", true, 8, false, null);
        assertThat(withSecond.apply(inheritedNothing, List.of(failure)).detail())
                .isEqualTo("worker 1 inherited null, not request-42");
        assertThat(withSecond.apply(good, List.of(failure)).detail())
                .isEqualTo("worker 0 ran twice or was not asked for");
        WorkerReport outOfRange = new WorkerReport(2, "arg-2", "w-2", true, 8, false, Worker.REQUEST_VALUE);
        assertThat(withSecond.apply(outOfRange, List.of(failure)).detail())
                .isEqualTo("worker 2 ran twice or was not asked for");
        assertThat(ThreadConfigPattern.check(
                                Mode.PLATFORM, 2, config, new Outcome(List.of(good), List.of(failure), List.of()))
                        .detail())
                .isEqualTo("1 of 2 workers did not run");
        assertThat(withSecond.apply(last, List.of()).verdict()).isEqualTo(Check.Verdict.FAILED);
    }

    /** In a scope the failure belongs to its subtask: a handler that saw it as well fails the check. */
    @Test
    void checkFailsWhenAStructuredFailureAlsoReachedTheHandler() {
        ThreadConfig config = new ThreadConfig("w-", true, 8, false);
        List<WorkerReport> reports = List.of(
                new WorkerReport(0, "arg-0", "w-0", true, 5, true, null),
                new WorkerReport(1, "arg-1", "w-1", true, 5, true, null));
        IllegalStateException failure = new IllegalStateException("worker 1 fails on purpose");
        assertThat(ThreadConfigPattern.check(
                                Mode.STRUCTURED, 2, config, new Outcome(reports, List.of(), List.of(failure)))
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        Check both = ThreadConfigPattern.check(
                Mode.STRUCTURED,
                2,
                config,
                new Outcome(reports, List.of(new Worker.Uncaught("w-1", failure)), List.of(failure)));
        assertThat(both.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(both.detail()).isEqualTo("expected the failure in its subtask only; handler saw 1, subtasks kept 1");
    }

    /** Ctrl-C in the start loop: the caller starts no more workers, and those started end (every mode). */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptedCallerStartsNoMoreWorkers(Mode mode) {
        InterruptAfterStarts.assertStopsStarting(
                10,
                2_000,
                () -> ThreadConfigPattern.FORMS.of(mode).runAll(2_000, new ThreadConfig("c-", true, 5, true)));
    }
}
