package dev.loompatterns.engine;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/** A one-line progress indicator on stderr, shown only when a person is watching a terminal. */
public final class Progress {

    private final PrintWriter err;
    private final boolean enabled;
    /** The terminal's width, or 0 where it is not known: a line is cut to one column less. */
    private final int columns;

    @GuardedBy("SHOWING")
    private int lastWidth;

    private Progress(PrintWriter err, boolean enabled, int columns) {
        this.err = err;
        this.enabled = enabled;
        this.columns = columns;
    }

    /**
     * Shows progress only if stderr, where it goes, is a terminal, whatever stdout is: with
     * {@code ./loom compare > out.txt} the rows go to the file and the progress to the screen.
     * Java cannot tell whether stderr alone is a terminal ({@code System.console().isTerminal()}
     * asks about stdin and stdout), so the launcher, which can ({@code [ -t 2 ]}), says so in
     * {@value #STDERR_IS_TERMINAL}; without the launcher, the console's answer stands. Never under CI.
     */
    public static Progress onTerminal(PrintWriter err) {
        return new Progress(err, stderrIsTerminal(), columns(System.getenv(COLUMNS)));
    }

    /** The environment variable the launcher sets to 1 when stderr is a terminal, 0 when it is not. */
    static final String STDERR_IS_TERMINAL = "LOOM_STDERR_TTY";

    /** The environment variable the launcher sets to the terminal's width, when stderr is a terminal. */
    static final String COLUMNS = "LOOM_COLUMNS";

    /** The width in {@code value}, or 0 (not known) for none, a non-number, or one too narrow to use. */
    static int columns(String value) {
        try {
            int columns = value == null ? 0 : Integer.parseInt(value.strip());
            return columns >= 20 ? columns : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A progress line shown on a terminal {@code columns} wide (0: not known), for tests. */
    static Progress onTerminal(PrintWriter err, int columns) {
        return new Progress(err, true, columns);
    }

    public static boolean stderrIsTerminal() {
        if (System.getenv("CI") != null) {
            return false;
        }
        String launcher = System.getenv(STDERR_IS_TERMINAL);
        if (launcher != null) {
            return launcher.equals("1");
        }
        var console = System.console();
        return console != null && console.isTerminal();
    }

    static Progress none(PrintWriter err) {
        return new Progress(err, false, 0);
    }

    /** A line that a thread of the progress's own keeps showing ({@link #ticking}) until closed. */
    public interface Ticking extends AutoCloseable {
        /** Stops the showing, and returns once the thread that showed it has ended. */
        @Override
        void close();
    }

    /**
     * Shows the line now, then again each second with the whole seconds since, until closed: for a step that
     * takes long with nothing to count (a scale row of 50 s, run in a JVM of its own). Where the progress is not
     * shown, no thread starts.
     */
    public Ticking ticking(int done, int total, String label) {
        return ticking(done, total, label, System::nanoTime, Duration.ofSeconds(1));
    }

    /** The same, on {@code clock} (nanoseconds) and shown again every {@code every}, for tests. */
    Ticking ticking(int done, int total, String label, LongSupplier clock, Duration every) {
        show(done, total, label);
        if (!enabled) {
            return () -> {};
        }
        long start = clock.getAsLong();
        Thread ticker = Thread.ofPlatform().daemon().name(TICKER).start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(every);
                    long seconds = (clock.getAsLong() - start) / 1_000_000_000L;
                    show(done, total, label + ", " + seconds + " s");
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
        return () -> {
            ticker.interrupt();
            boolean interrupted = false;
            while (ticker.isAlive()) {
                try {
                    ticker.join();
                } catch (InterruptedException e) { // a Ctrl-C while closing: end the ticker first, keep the interrupt
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** The name of {@link #ticking}'s thread. */
    static final String TICKER = "loom-progress";

    /**
     * What every progress line is shown under, whatever the command: the signal's hook takes it once after
     * {@link Cancellation#request()}, so that no line comes after its stopping line. A ticker's "[2/9] url-fetch
     * platform faults, 1 s" came after Ctrl-C's "loom: stopping on a signal" and read as a run started after it (CI,
     * beside a busy machine, 2026-12-07).
     */
    private static final Object SHOWING = new Object();

    /**
     * Returns once no line is being shown: one shown after this sees {@link Cancellation#requested()}, set before,
     * and is not shown. For the signal's hook, before its stopping line; not for the heap watch, which a line held up
     * by a stalled terminal (Ctrl-S) would hold from stopping the command (a helper's review).
     */
    public static void awaitLineShown() {
        synchronized (SHOWING) {
            // nothing to do: taking the lock is the wait, and its release publishes the request to the next show
        }
    }

    /** Shows the line in place of the last, unless a stop was requested: nothing is shown after it. */
    public void show(int done, int total, String label) {
        synchronized (SHOWING) {
            if (enabled && !Cancellation.requested()) {
                String line = "[" + done + "/" + total + "] " + label;
                if (columns > 0) { // a line as wide as the terminal wraps on some terminals: one column less
                    line = ReportFormat.fit(line, columns - 1);
                }
                err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
                err.flush();
                lastWidth = line.length();
            }
        }
    }

    public void clear() {
        synchronized (SHOWING) {
            if (enabled && lastWidth > 0) {
                err.print("\r" + " ".repeat(lastWidth) + "\r");
                err.flush();
                lastWidth = 0;
            }
        }
    }
}
