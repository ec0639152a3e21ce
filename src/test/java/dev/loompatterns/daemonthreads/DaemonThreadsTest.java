package dev.loompatterns.daemonthreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each mode's child JVMs end (or wait for the ticker) as the mode promises. */
class DaemonThreadsTest {

    private static ChildReport only(List<ChildReport> reports, Scenario scenario) {
        return reports.stream()
                .filter(r -> r.scenario() == scenario)
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // backstop
    void everyChildExitsByItselfAsItsModePromises(Mode mode) throws Exception {
        List<ChildReport> reports = TickerChild.run(Scenario.of(mode), 2);

        assertThat(reports).isNotEmpty().allSatisfy(report -> {
            assertThat(report.exitedByItself()).as(report.lines().toString()).isTrue();
            assertThat(report.exitCode()).isZero();
            assertThat(report.tickerRanAtExit())
                    .as(report.scenario() + ": " + report.lines())
                    .isEqualTo(report.scenario().tickerRunsAtExit);
        });
        assertThat(DaemonThreadsPattern.check(reports).verdict())
                .as(DaemonThreadsPattern.check(reports).detail())
                .isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aNonDaemonTickerKeepsTheJvmAliveAfterMainAndADaemonDoesNot() throws Exception {
        List<ChildReport> reports = TickerChild.run(List.of(Scenario.PLATFORM_NON_DAEMON, Scenario.PLATFORM_DAEMON), 2);

        ChildReport nonDaemon = only(reports, Scenario.PLATFORM_NON_DAEMON);
        assertThat(nonDaemon.line(Ticker.MAIN_RETURNING)).contains("ticker-alive=true daemon=false");
        assertThat(nonDaemon.ticksAfterMain()).isPositive();
        assertThat(nonDaemon.lastTick()).isEqualTo(2 + Ticker.TICKS_AFTER_MAIN); // the ticker ran to its end

        ChildReport daemon = only(reports, Scenario.PLATFORM_DAEMON);
        assertThat(daemon.line(Ticker.MAIN_RETURNING)).contains("ticker-alive=true daemon=true");
        assertThat(daemon.lines()).doesNotContain(Ticker.TICKER_ENDED).contains(Ticker.JVM_EXITING); // no finally ran
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theStructuredTickerEndsBeforeMainReturns() throws Exception {
        ChildReport report = TickerChild.run(List.of(Scenario.STRUCTURED), 2).getFirst();
        assertThat(report.tickerEndedBeforeMainReturned())
                .as(report.lines().toString())
                .isTrue();
        assertThat(report.line(Ticker.MAIN_RETURNING)).contains("ticker-alive=false");
    }

    /** JEP 444: every virtual thread is a daemon thread. */
    @Test
    void aVirtualThreadIsAlwaysADaemonAndRefusesToBeAnythingElse() {
        Thread thread = Thread.ofVirtual().unstarted(() -> {});
        assertThat(thread.isDaemon()).isTrue();
        assertThatThrownBy(() -> thread.setDaemon(false)).isInstanceOf(IllegalArgumentException.class);
        thread.setDaemon(true); // allowed, and a no-op
    }

    @Test
    void checkFailsWhenTheJvmWaitedOrDidNotWaitAgainstItsScenario() {
        ChildReport daemonThatWaited = exited(
                Scenario.PLATFORM_DAEMON,
                "tick 1",
                "main-returning ticker-alive=true daemon=true",
                "tick 2",
                "ticker-ended",
                "jvm-exiting");
        assertThat(DaemonThreadsPattern.check(List.of(daemonThatWaited)).detail())
                .contains("the JVM waited for the ticker");

        ChildReport nonDaemonThatDidNot = exited(
                Scenario.PLATFORM_NON_DAEMON, "tick 1", "main-returning ticker-alive=true daemon=false", "jvm-exiting");
        assertThat(DaemonThreadsPattern.check(List.of(nonDaemonThatDidNot)).detail())
                .contains("exited while the ticker ran");

        ChildReport nonDaemonWithoutEvidence = exited(
                Scenario.PLATFORM_NON_DAEMON,
                "tick 1",
                "ticker-ended",
                "main-returning ticker-alive=false daemon=false",
                "jvm-exiting");
        assertThat(DaemonThreadsPattern.check(List.of(nonDaemonWithoutEvidence)).detail())
                .contains("no tick came after main returned");

        ChildReport stuck = new ChildReport(Scenario.STRUCTURED, List.of("tick 1"), false, 137);
        assertThat(DaemonThreadsPattern.check(List.of(stuck)).verdict()).isEqualTo(Check.Verdict.FAILED);

        ChildReport virtualAccepted = exited(
                Scenario.VIRTUAL_MAIN_RETURNS,
                "set-daemon-false accepted",
                "tick 1",
                "main-returning ticker-alive=true daemon=false",
                "jvm-exiting");
        assertThat(DaemonThreadsPattern.check(List.of(virtualAccepted)).detail())
                .contains("setDaemon(false)");
    }

    /** A child that exited by itself (status 0) after printing {@code lines}. */
    private static ChildReport exited(Scenario scenario, String... lines) {
        return new ChildReport(scenario, List.of(lines), true, 0);
    }
}
