package dev.loompatterns.daemonthreads;

import dev.loompatterns.core.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM's entry point: {@code TickerChild <scenario> <ticks>}. Runs one mode's program
 * and lets the JVM end (or not) by the ordinary rules; a shutdown hook marks the moment it begins
 * to exit. Not for direct use: {@link #run} starts it, with the project's one child-JVM launcher
 * ({@link ChildJvm}), because a JVM's exit is the thing under test and cannot be shown in-process.
 */
public final class TickerChild {

    /**
     * Backstop only: a healthy child is done in well under a second of ticking. Longer than a ticker the JVM
     * should not have waited for ({@link Ticker#TICKS_NOT_WAITED_FOR}), so a JVM that waited for it is
     * reported as such.
     */
    static final Duration BACKSTOP = Duration.ofSeconds(60);

    private TickerChild() {}

    public static void main(String[] args) throws Exception {
        Scenario scenario = Scenario.parse(args[0]);
        runProgram(scenario, new Ticker(scenario, Integer.parseInt(args[1])));
    }

    /** The scenario's program with this ticker: a test's child passes one that holds main back. */
    static void runProgram(Scenario scenario, Ticker ticker) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Ticker.say(Ticker.JVM_EXITING)));
        DaemonThreadsPattern.FORMS.of(scenario.mode).runInChild(scenario, ticker);
    }

    /**
     * Runs each scenario in its own child JVM, all at once, and reports each in the order given. No
     * child outlives the call: one still alive after {@link #BACKSTOP} is destroyed (reported as not
     * having exited by itself).
     */
    static List<ChildReport> run(List<Scenario> scenarios, int ticks) throws InterruptedException {
        return run(TickerChild.class, scenarios, ticks);
    }

    /** {@link #run(List, int)} with another entry point that takes the same arguments (a test's). */
    static List<ChildReport> run(Class<?> mainClass, List<Scenario> scenarios, int ticks) throws InterruptedException {
        List<ChildJvm.Ended> ended = ChildJvm.runAll(
                List.of(),
                mainClass,
                scenarios.stream()
                        .map(scenario -> List.of(scenario.id(), Integer.toString(ticks)))
                        .toList(),
                BACKSTOP);
        List<ChildReport> reports = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            ChildJvm.Ended child = ended.get(i);
            reports.add(new ChildReport(scenarios.get(i), child.lines(), child.exitedByItself(), child.exitCode()));
        }
        return reports;
    }
}
