package dev.loompatterns.daemonthreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
        Check check = DaemonThreadsPattern.check(reports);
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aNonDaemonTickerKeepsTheJvmAliveAfterMainAndADaemonDoesNot() throws Exception {
        List<ChildReport> reports = TickerChild.run(List.of(Scenario.PLATFORM_NON_DAEMON, Scenario.PLATFORM_DAEMON), 2);

        ChildReport nonDaemon = only(reports, Scenario.PLATFORM_NON_DAEMON);
        assertThat(nonDaemon.line(Ticker.MAIN_RETURNING)).contains("ticker-alive=true daemon=false");
        // the ticker ran its whole tail, which is the ticks printed after main's line, and ended first
        assertThat(nonDaemon.ticksAfterMain()).as(nonDaemon.lines().toString()).isEqualTo(Ticker.TICKS_AFTER_MAIN);
        assertThat(nonDaemon.lines().indexOf(Ticker.TICKER_ENDED))
                .isPositive()
                .isLessThan(nonDaemon.lines().indexOf(Ticker.JVM_EXITING));

        ChildReport daemon = only(reports, Scenario.PLATFORM_DAEMON);
        assertThat(daemon.line(Ticker.MAIN_RETURNING)).contains("ticker-alive=true daemon=true");
        assertThat(daemon.lines()).doesNotContain(Ticker.TICKER_ENDED).contains(Ticker.JVM_EXITING); // no finally ran
    }

    /**
     * A JVM slow to begin its exit (as one beside a CPU-bound process can be) gets the same verdict: a ticker the
     * JVM must not wait for still runs when the exit begins. The slow exit is made, not hoped for: in
     * {@link SlowToExit}, a non-daemon thread keeps the JVM alive for {@link SlowToExit#DELAY} after main
     * has returned, longer than the 300 ms that every ticker once had left, so this fails if such a ticker
     * can end first.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // backstop
    void aJvmSlowToExitStillExitsUnderATickerItMustNotWaitFor() throws Exception {
        List<Scenario> notWaitedFor =
                Stream.of(Scenario.values()).filter(s -> s.tickerRunsAtExit).toList();
        List<ChildReport> reports = TickerChild.run(SlowToExit.class, notWaitedFor, 2);

        assertThat(reports).hasSize(2).allSatisfy(report -> {
            assertThat(report.lines()).contains(SlowToExit.DELAYED);
            assertThat(report.tickerRanAtExit())
                    .as(report.scenario() + ": " + report.lines())
                    .isTrue();
        });
        Check check = DaemonThreadsPattern.check(reports);
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
    }

    /** {@link TickerChild}'s program, with the JVM's exit held back by a non-daemon thread until a delay after main. */
    public static final class SlowToExit {
        /** Over three times the old 300 ms tail; the 10 s tail leaves 9 s for the rest of the exit, however loaded. */
        static final Duration DELAY = Duration.ofSeconds(1);

        static final String DELAYED = "exit-delayed";

        public static void main(String[] args) throws Exception {
            Thread main = Thread.currentThread();
            Thread.ofPlatform().daemon(false).name("slow-exit").start(() -> {
                try {
                    main.join(); // BLOCKS-UNTIL: main (and the child launcher's report after it) has returned
                    Thread.sleep(DELAY);
                    Ticker.say(DELAYED);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            TickerChild.main(args);
        }
    }

    /**
     * A main slow to say it returns (as one beside a CPU-bound process can be) still has a tick after its
     * line where the JVM must wait for the ticker: the non-daemon ticker's tail begins after main's line, not
     * when main saw its ticks. {@link SlowMain} holds main back longer than the 300 ms tail; with the tail
     * counted from the ticks main waited for, the ticker ended first and the check failed ("no tick came
     * after main returned").
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // backstop
    void aMainSlowToReturnStillHasTheNonDaemonTickerTickAfterIt() throws Exception {
        List<ChildReport> reports = TickerChild.run(SlowMain.class, List.of(Scenario.PLATFORM_NON_DAEMON), 2);

        ChildReport report = reports.getFirst();
        assertThat(report.ticksAfterMain()).as(report.lines().toString()).isPositive();
        Check check = DaemonThreadsPattern.check(reports);
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
    }

    /**
     * {@link TickerChild}'s program with a ticker that holds main back between seeing its ticks and saying it
     * returns: the forms themselves, unchanged, run with it.
     */
    public static final class SlowMain {
        /** Over three times the 300 ms tail. */
        static final Duration DELAY = Duration.ofSeconds(1);

        public static void main(String[] args) throws Exception {
            Scenario scenario = Scenario.parse(args[0]);
            TickerChild.runProgram(scenario, new Ticker(scenario, Integer.parseInt(args[1])) {
                @Override
                void awaitTicks() throws InterruptedException {
                    super.awaitTicks();
                    Thread.sleep(DELAY); // the slowness made, not hoped for
                }
            });
        }
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
        assertThat(detail(daemonThatWaited)).contains("the JVM waited for the ticker");

        ChildReport nonDaemonThatDidNot = exited(
                Scenario.PLATFORM_NON_DAEMON, "tick 1", "main-returning ticker-alive=true daemon=false", "jvm-exiting");
        assertThat(detail(nonDaemonThatDidNot)).contains("exited while the ticker ran");

        ChildReport nonDaemonWithoutEvidence = exited(
                Scenario.PLATFORM_NON_DAEMON,
                "tick 1",
                "ticker-ended",
                "main-returning ticker-alive=false daemon=false",
                "jvm-exiting");
        assertThat(detail(nonDaemonWithoutEvidence)).contains("no tick came after main returned");

        ChildReport stuck = new ChildReport(Scenario.STRUCTURED, List.of("tick 1"), false, 143);
        Check stuckCheck = DaemonThreadsPattern.check(List.of(stuck));
        assertThat(stuckCheck.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(stuckCheck.detail()).startsWith("structured: the JVM did not exit within 60 s");

        ChildReport crashed = new ChildReport(Scenario.STRUCTURED, List.of("tick 1"), true, 1);
        assertThat(detail(crashed)).startsWith("structured: exit status 1");

        ChildReport mainNeverReturned = exited(Scenario.PLATFORM_DAEMON, "tick 1", "ticker-ended", "jvm-exiting");
        assertThat(detail(mainNeverReturned)).startsWith("platform-daemon: main never returned");

        ChildReport forkOutlivedMain = exited(
                Scenario.STRUCTURED,
                "tick 1",
                "main-returning ticker-alive=true daemon=true",
                "ticker-ended",
                "jvm-exiting");
        assertThat(detail(forkOutlivedMain))
                .startsWith("structured: the forked ticker was still running when main returned");

        ChildReport virtualAccepted = exited(
                Scenario.VIRTUAL_MAIN_RETURNS,
                "set-daemon-false accepted",
                "tick 1",
                "main-returning ticker-alive=true daemon=false",
                "jvm-exiting");
        assertThat(detail(virtualAccepted)).contains("setDaemon(false)");
    }

    /** A daemon's pass says how many ticks the JVM took to begin exiting: those between the two lines only. */
    @Test
    void aDaemonsPassCountsTheTicksBetweenMainReturningAndTheExit() {
        ChildReport daemon = exited(
                Scenario.PLATFORM_DAEMON,
                "tick 1",
                "main-returning ticker-alive=true daemon=true",
                "tick 2",
                "jvm-exiting",
                "tick 3"); // a daemon ticks on while the shutdown hooks run
        Check check = DaemonThreadsPattern.check(List.of(daemon));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail())
                .isEqualTo("platform-daemon: JVM exited while the ticker ran"
                        + " (1 ticks between main returning and the JVM exiting)");
    }

    /** The check's detail for this one child. */
    private static String detail(ChildReport report) {
        return DaemonThreadsPattern.check(List.of(report)).detail();
    }

    /** A child that exited by itself (status 0) after printing {@code lines}. */
    private static ChildReport exited(Scenario scenario, String... lines) {
        return new ChildReport(scenario, List.of(lines), true, 0);
    }
}
