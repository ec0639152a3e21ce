package dev.loompatterns.threadconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

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
        assertThat(withSecond.apply(last, List.of()).verdict()).isEqualTo(Check.Verdict.FAILED);
    }
}
