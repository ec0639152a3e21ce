package dev.loompatterns.daemonthreads;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.ArrayList;
import java.util.List;

/** Catalogue entry for {@code daemon-threads}; see the package documentation. */
public final class DaemonThreadsPattern extends AbstractPattern {

    /** Ticks main waits for: each is {@link Ticker#TICK}, so 50 keep a child's run to half a second. */
    static final int MAX_TICKS = 50;

    /** Tasks are the ticks main waits for before returning, so the ticker is known to be running. */
    static final PatternInfo INFO =
            PatternInfo.fromCatalogue("daemon-threads").maxTasks(MAX_TICKS).build();

    /**
     * Every form runs a background ticker beside {@code main} in a child JVM. Platform: on a non-daemon, then
     * a daemon, platform thread; virtual: on a virtual thread, whose {@code setDaemon(false)} is refused,
     * with {@code main} returning at once or joining it first; structured: as a fork beside the work,
     * cancelled by the scope once the work is done.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformDaemonThreads::new, VirtualDaemonThreads::new, StructuredDaemonThreads::new);

    /**
     * Runs each of the mode's scenarios in its own child JVM, whose {@code main} waits for {@code tasks}
     * ticks, and checks that every child exited by itself and that its JVM waited for the ticker exactly when
     * the scenario says it should.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        List<ChildReport> reports = TickerChild.run(Scenario.of(mode), workload.tasks());
        return check(reports);
    }

    /** Every child exited by itself, and its JVM waited for the ticker exactly when its scenario says it should. */
    static Check check(List<ChildReport> reports) {
        List<String> seen = new ArrayList<>();
        for (ChildReport report : reports) {
            Scenario scenario = report.scenario();
            String problem = problem(report);
            if (problem != null) {
                return Check.failed(scenario.id() + ": " + problem + "; child printed " + tail(report.lines()));
            }
            seen.add(scenario.id() + ": " + outcome(report));
        }
        return Check.passed(String.join("; ", seen));
    }

    private static String problem(ChildReport report) {
        Scenario scenario = report.scenario();
        if (!report.exitedByItself()) {
            return "the JVM did not exit within " + TickerChild.BACKSTOP.toSeconds() + " s";
        }
        if (report.exitCode() != 0) {
            return "exit status " + report.exitCode();
        }
        if (report.line(Ticker.MAIN_RETURNING).isEmpty()) {
            return "main never returned";
        }
        if (report.tickerRanAtExit() != scenario.tickerRunsAtExit) {
            return scenario.tickerRunsAtExit ? "the JVM waited for the ticker" : "the JVM exited while the ticker ran";
        }
        if (scenario == Scenario.PLATFORM_NON_DAEMON && report.ticksAfterMain() == 0) {
            return "no tick came after main returned, so nothing showed the JVM outliving main";
        }
        if (scenario.mode == Mode.VIRTUAL
                && !report.line(Ticker.SET_DAEMON_FALSE).endsWith("threw IllegalArgumentException")) {
            return "setDaemon(false) on a virtual thread: " + report.line(Ticker.SET_DAEMON_FALSE);
        }
        if (scenario.mode == Mode.STRUCTURED && !report.tickerEndedBeforeMainReturned()) {
            return "the forked ticker was still running when main returned";
        }
        return null;
    }

    private static String outcome(ChildReport report) {
        return switch (report.scenario()) {
            case PLATFORM_NON_DAEMON ->
                "JVM exited only after the ticker ended (" + report.ticksAfterMain() + " ticks after main returned)";
            case PLATFORM_DAEMON -> "JVM exited while the ticker ran (" + ticksToExit(report) + ")";
            case VIRTUAL_MAIN_RETURNS ->
                "setDaemon(false) threw IllegalArgumentException; JVM exited while the ticker ran ("
                        + ticksToExit(report) + ")";
            case VIRTUAL_MAIN_JOINS -> "main joined the ticker, so the JVM exited after it ended";
            case STRUCTURED -> "the scope cancelled the ticker before main returned; nothing left in the background";
        };
    }

    private static String ticksToExit(ChildReport report) {
        return report.ticksBeforeExit() + " ticks between main returning and the JVM exiting";
    }

    private static String tail(List<String> lines) {
        return lines.isEmpty()
                ? "nothing"
                : "'" + String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size())) + "'";
    }
}
