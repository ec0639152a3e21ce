package dev.loompatterns.daemonthreads;

import java.util.List;

/**
 * What the parent saw of one child JVM: its output lines in order, and how it ended.
 *
 * @param scenario       the program the child ran
 * @param lines          everything it printed (stdout and stderr), in order
 * @param exitedByItself true if it exited before the parent's backstop had to destroy it
 * @param exitCode       its exit status
 */
public record ChildReport(Scenario scenario, List<String> lines, boolean exitedByItself, int exitCode) {

    public ChildReport {
        lines = List.copyOf(lines);
    }

    private int indexOf(String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean before(int first, int second) {
        return first >= 0 && (second < 0 || first < second);
    }

    /**
     * The JVM began to exit while the ticker still ran: {@code jvm-exiting} came and {@code ticker-ended} did not
     * precede it.
     */
    public boolean tickerRanAtExit() {
        return before(indexOf(Ticker.JVM_EXITING), indexOf(Ticker.TICKER_ENDED));
    }

    /** The ticker ended before main returned (the structured form's promise). */
    public boolean tickerEndedBeforeMainReturned() {
        return before(indexOf(Ticker.TICKER_ENDED), indexOf(Ticker.MAIN_RETURNING));
    }

    /** Ticks printed after main said it was returning: the JVM outlived main by this many. */
    public long ticksAfterMain() {
        int main = indexOf(Ticker.MAIN_RETURNING);
        return main < 0 ? 0 : ticks(main, lines.size());
    }

    /**
     * Ticks printed after main said it was returning and before the JVM said it was exiting: how long, in
     * ticks, the JVM took to begin exiting (0 if either line is missing).
     */
    public long ticksBeforeExit() {
        int main = indexOf(Ticker.MAIN_RETURNING);
        int exiting = indexOf(Ticker.JVM_EXITING);
        return main < 0 || exiting < main ? 0 : ticks(main, exiting);
    }

    private long ticks(int from, int to) {
        return lines.subList(from, to).stream()
                .filter(l -> l.startsWith(Ticker.TICK_LINE))
                .count();
    }

    /** The line that starts with {@code prefix}, or an empty string. */
    public String line(String prefix) {
        int i = indexOf(prefix);
        return i < 0 ? "" : lines.get(i);
    }
}
