package dev.loompatterns.daemonthreads;

/**
 * The child JVM's entry point: {@code TickerChild <scenario> <ticks>}. Runs one mode's program
 * and lets the JVM end (or not) by the ordinary rules; a shutdown hook marks the moment it begins
 * to exit. Not for direct use: {@link ChildJvm} starts it.
 */
public final class TickerChild {

    private TickerChild() {
    }

    public static void main(String[] args) throws Exception {
        Scenario scenario = Scenario.parse(args[0]);
        Ticker ticker = new Ticker(Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Ticker.say(Ticker.JVM_EXITING)));
        DaemonThreadsPattern.FORMS.of(scenario.mode).runInChild(scenario, ticker);
    }
}
