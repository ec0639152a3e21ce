package dev.loompatterns.cli;

import java.io.PrintWriter;

/** A one-line progress indicator on stderr, shown only when a person is watching a terminal. */
final class Progress {

    private final PrintWriter err;
    private final boolean enabled;
    private int lastWidth;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Shows progress only if the console is a terminal (not when output is piped or redirected). */
    static Progress onTerminal(PrintWriter err) {
        var console = System.console();
        return new Progress(err, console != null && console.isTerminal() && System.getenv("CI") == null);
    }

    static Progress none(PrintWriter err) {
        return new Progress(err, false);
    }

    void show(int done, int total, String label) {
        if (enabled) {
            String line = "[" + done + "/" + total + "] " + label;
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            err.flush();
            lastWidth = line.length();
        }
    }

    void clear() {
        if (enabled && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
