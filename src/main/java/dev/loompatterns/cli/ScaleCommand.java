package dev.loompatterns.cli;

import dev.loompatterns.core.Limits;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.engine.Notes;
import dev.loompatterns.engine.Progress;
import dev.loompatterns.engine.ReportFormat;
import dev.loompatterns.engine.Statistics;
import dev.loompatterns.scale.SleeperRun;
import dev.loompatterns.scale.SleeperRun.Kind;
import dev.loompatterns.scale.SleeperRun.Result;
import dev.loompatterns.scale.SleeperRun.Wait;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loom scale}: the JEP 444 comparison measured here. Many tasks that each sleep, on a
 * virtual thread each, on a platform thread each, and on a fixed pool of platform threads. Each
 * row runs in a child JVM of its own, started with this JVM's options, so its peak resident
 * memory (VmHWM) is its own; set scheduler or GC options with {@code LOOM_JAVA_OPTS}.
 */
@Command(
        name = "scale",
        description = {
            "Many sleeping tasks: a virtual thread each, a platform thread each, a fixed pool of platform threads.",
            "Reports wall time, wake-ups per second, peak resident memory (VmHWM) and peak heap; each row runs in a"
                    + " JVM of its own."
        },
        footer = {
            "",
            "Rows run with this JVM's options: set scheduler or GC options with LOOM_JAVA_OPTS, e.g.",
            "  LOOM_JAVA_OPTS=-Djdk.virtualThreadScheduler.parallelism=1 \\",
            "      loom scale --platform-tasks 0",
            "The defaults take about a minute: the pool row alone is 10000 sleeps of 1 s, 200 at a time.",
            "Examples:",
            "  loom scale",
            "  loom scale --tasks 100000 --sleep-ms 500 --repeat 3"
        })
final class ScaleCommand extends LoomCommand {

    static final int MAX_SLEEP_MS = 60_000;
    static final int MAX_REPEAT = 20;
    static final int MAX_WARMUP = 10;

    @Option(
            names = "--tasks",
            paramLabel = "N",
            defaultValue = "1000000",
            description =
                    "virtual threads, each sleeping once: 1 to " + Limits.MAX_TASKS + " (default ${DEFAULT-VALUE})")
    int tasks;

    @Option(
            names = "--platform-tasks",
            paramLabel = "P",
            defaultValue = "10000",
            description = "tasks for the two platform rows: 0 to skip them, up to " + Limits.MAX_PLATFORM_THREADS
                    + " (default ${DEFAULT-VALUE})")
    int platformTasks;

    @Option(
            names = "--pool",
            paramLabel = "S",
            defaultValue = "200",
            description = "the fixed pool's size: 1 to " + Limits.MAX_PLATFORM_THREADS + " (default ${DEFAULT-VALUE})")
    int pool;

    @Option(
            names = "--sleep-ms",
            paramLabel = "M",
            defaultValue = "1000",
            description = "how long each task sleeps: 0 to " + MAX_SLEEP_MS + " (default ${DEFAULT-VALUE})")
    int sleepMs;

    @Option(
            names = "--wait",
            paramLabel = "sleep|park",
            defaultValue = "sleep",
            description =
                    "how a task waits: sleep (Thread.sleep) or park (LockSupport.parkNanos) (default ${DEFAULT-VALUE})")
    Wait wait;

    @Option(
            names = "--warmup",
            paramLabel = "W",
            defaultValue = "0",
            description = "warm-up rounds in each row's JVM before the measured run, so its code is compiled: 0 to "
                    + MAX_WARMUP + " (default ${DEFAULT-VALUE}: a cold JVM)")
    int warmup;

    @Option(
            names = "--repeat",
            paramLabel = "K",
            defaultValue = "1",
            description =
                    "runs per row; a row is then the run of median wall time (the upper of the two middle ones for"
                            + " an even K), with the spread of wall time: 1 to " + MAX_REPEAT
                            + " (default ${DEFAULT-VALUE})")
    int repeat;

    @Mixin
    TableOptions table;

    /** The table's columns, in this order. */
    static final List<String> COLUMNS = List.of(
            "row",
            "tasks",
            "wall_ms",
            "start_ms",
            "wakeups_per_s",
            "tasks_per_s",
            "peak_rss_mb",
            "peak_heap_mb",
            "check");

    /** The default table's headers, short where the column's name is long; a legend under the table names them. */
    static final List<String> SHORT_HEADERS =
            List.of("row", "tasks", "wall_ms", "start_ms", "wake/s", "tasks/s", "rss", "heap", "check");

    /** The least width of a figure's column: a default run's figures fit it, so its rows line up. */
    static final int FIGURE_WIDTH = 5;

    /** The row whose JVM ran out of heap, or null. */
    private String outOfHeapIn;

    @Override
    String doingInWords() {
        return outOfHeapIn == null ? "" : " in the " + outOfHeapIn + " row's JVM";
    }

    @Override
    public Integer call() throws Exception {
        validate();
        requireTemporaryFolder("each row's JVM writes its result there");
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(Kind.VIRTUAL, tasks, 0));
        if (platformTasks > 0) {
            rows.add(new Row(Kind.PLATFORM, platformTasks, 0));
            rows.add(new Row(Kind.POOL, platformTasks, pool));
        }
        PrintWriter out = out();
        Progress progress = Progress.onTerminal(err());
        List<String> jvmOptions = SleeperRun.childJvmOptions();
        boolean allWoke = true;
        boolean cut = false;
        int done = 0;
        List<String> headers = table.wide ? COLUMNS : SHORT_HEADERS;
        int[] widths = widths(headers, rows);
        boolean headed = false; // printed with the first row: a run stopped before it printed a bare header
        Map<String, Started> started = new LinkedHashMap<>(); // each row's median run's, for startingNote
        try {
            for (Row row : rows) {
                List<Result> runs = new ArrayList<>();
                for (int r = 0; r < repeat; r++) {
                    // a row's JVM says nothing until it ends (the pool row's 10,000 sleeps take 50 s): the seconds
                    try (Progress.Ticking ticking = progress.ticking(
                            ++done, rows.size() * repeat, row.label() + ", " + row.tasks() + " tasks")) {
                        runs.add(SleeperRun.inChildJvm(
                                row.kind(), row.tasks(), row.pool(), sleepMs, wait, warmup, jvmOptions));
                    }
                }
                Result median = Statistics.medianBy(runs, Comparator.comparingLong(Result::wallNanos));
                RowCells line = cells(row, median, runs);
                if (median.tasks() > 1) {
                    started.put(
                            row.label(),
                            new Started(median.tasks(), wholeMs(median.startNanos()), median.wakeUpsPerSecond()));
                }
                allWoke &= line.passed();
                progress.clear();
                if (!headed) {
                    printLine(headers, widths, table.wide, out);
                    headed = true;
                }
                cut |= printLine(line.cells(), widths, table.wide, out);
                if (repeat > 1) {
                    out.println(spreadLine(median, runs));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            // stopped (Ctrl-C) after a row: the rows printed keep their notes, as when scale ends
            notesUnder(progress, headed, cut, started, jvmOptions, out);
            throw e;
        } catch (SleeperRun.OutOfHeapException e) {
            outOfHeapIn = e.row(); // for LoomCli's line, which names it
            notesUnder(progress, headed, cut, started, jvmOptions, out);
            throw e;
        } catch (SleeperRun.RowKilled e) { // one line, not "unexpected error" with an empty reason
            notesUnder(progress, headed, cut, started, jvmOptions, out);
            err().println("loom: scale: " + LoomCli.oneLine(e.getMessage()));
            return LoomCli.EXIT_CHECK_FAILED;
        } finally {
            progress.clear();
        }
        notesUnder(progress, headed, cut, started, jvmOptions, out);
        return allWoke ? LoomCli.EXIT_OK : LoomCli.EXIT_CHECK_FAILED;
    }

    /**
     * Under the rows printed, when scale ends and when it ends early (stopped, a row's JVM out of heap or killed): the
     * legend of the short headers and the notes, the start-rate note of the rows printed among them; nothing where no
     * row was. A stopped scale kept the legend alone, and a platform row's 2,836 ms of starting 5,000 threads lost the
     * note that its wake/s was their start rate (a review).
     */
    private void notesUnder(
            Progress progress,
            boolean headed,
            boolean cut,
            Map<String, Started> started,
            List<String> jvmOptions,
            PrintWriter out) {
        progress.clear(); // the progress line, on a terminal shared with out, is taken back first
        if (!headed) {
            out.flush();
            return;
        }
        if (!table.wide) {
            Notes.note(out, legend(cut));
        }
        out.println();
        Notes.note(
                out,
                String.format(
                        Locale.ROOT,
                        "Each task sleeps %d ms (%s). wall_ms: first start to last join; start_ms: starting (or"
                                + " submitting) them all; wakeups_per_s: tasks / (last wake-up - first wake-up), '-' if"
                                + " they woke at one instant (a single task); tasks_per_s: tasks / wall_ms. Each"
                                + " row ran in a JVM of its own, so peak_rss_mb is that JVM's VmHWM (/proc/self/status)"
                                + " including the JVM itself; peak_heap_mb sums the heap pools' peaks as the collector"
                                + " counts them (or is the heap in use at the row's end, where more), each thread's"
                                + " allocation buffer (TLAB) whole, touched or not: an upper bound, far above rss where"
                                + " many platform threads each took one.",
                        sleepMs,
                        wait == Wait.SLEEP ? "Thread.sleep" : "LockSupport.parkNanos"));
        startingNote(started, sleepMs).ifPresent(note -> Notes.note(out, note));
        Notes.note(
                out,
                warmup == 0
                        ? "Each row's JVM was fresh: its first sleepers park before the JIT has compiled the wake-up"
                                + " path; see --warmup."
                        : "Each row's JVM first ran " + warmup + " warm-up round(s) ("
                                + SleeperRun.WARM_UP_SLEEP.toMillis() + " ms sleeps); peak_rss_mb includes them.");
        Notes.note(out, "Row JVM options: " + String.join(" ", jvmOptions));
        out.flush();
    }

    /**
     * The width of each column but the check, known before any row has run so that each row prints
     * as it finishes: the rows' labels and task counts, and for the figures their header or
     * {@link #FIGURE_WIDTH}; a wider figure shifts its line, which is then cut to fit like any other
     * (not with {@code --wide}).
     */
    static int[] widths(List<String> headers, List<Row> rows) {
        int[] widths = new int[headers.size() - 1];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(headers.get(i).length(), i == 0 ? 0 : FIGURE_WIDTH);
        }
        for (Row row : rows) {
            widths[0] = Math.max(widths[0], row.label().length());
            widths[1] = Math.max(widths[1], Integer.toString(row.tasks()).length());
        }
        return widths;
    }

    /** A figure per second, or {@code -} where there is none (a wake-up window of no length: NaN). */
    static String perSecond(double figure) {
        return Double.isNaN(figure) ? "-" : String.format(Locale.ROOT, "%.0f", figure);
    }

    /**
     * The line under a repeated row: wall time's median and range, and the wake-up rate's range over the runs
     * that have one ({@code -} if none has: one task, or every task woke at the same instant).
     */
    static String spreadLine(Result median, List<Result> runs) {
        double[] rates = runs.stream()
                .mapToDouble(Result::wakeUpsPerSecond)
                .filter(rate -> !Double.isNaN(rate))
                .toArray();
        return String.format(
                Locale.ROOT,
                "    wall_ms over %d runs: the row's run %.0f, min %.0f, max %.0f; wakeups_per_s min %s, max %s",
                runs.size(),
                median.wallNanos() / 1e6,
                runs.stream().mapToLong(Result::wallNanos).min().orElseThrow() / 1e6,
                runs.stream().mapToLong(Result::wallNanos).max().orElseThrow() / 1e6,
                perSecond(Arrays.stream(rates).min().orElse(Double.NaN)),
                perSecond(Arrays.stream(rates).max().orElse(Double.NaN)));
    }

    /** Whether every task of every run finished its wait: a row's check. */
    static boolean allWoke(List<Result> runs) {
        return runs.stream().allMatch(run -> run.woke() == run.tasks());
    }

    /** A row's cells, in the order of {@link #COLUMNS}, and whether its check (the last cell) passed. */
    record RowCells(List<String> cells, boolean passed) {}

    /**
     * One row's cells: its median run's figures, and the check over all its runs ({@link #allWoke}),
     * worked out here from the runs, once, for both the cell and the verdict.
     */
    static RowCells cells(Row row, Result median, List<Result> runs) {
        boolean passed = allWoke(runs);
        List<String> cells = List.of(
                row.label(),
                Integer.toString(row.tasks()),
                String.format(Locale.ROOT, "%.0f", median.wallNanos() / 1e6),
                Long.toString(wholeMs(median.startNanos())),
                perSecond(median.wakeUpsPerSecond()),
                String.format(Locale.ROOT, "%.0f", median.tasks() * 1e9 / median.wallNanos()),
                median.peakRssKiB() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", median.peakRssKiB() / 1024.0),
                String.format(Locale.ROOT, "%.0f", median.peakHeapBytes() / 1048576.0),
                passed
                        ? "pass: all " + row.tasks() + " woke"
                        : "FAIL: " + runs.stream().mapToLong(Result::woke).min().orElse(0) + " woke");
        return new RowCells(cells, passed);
    }

    /**
     * Nanoseconds as whole milliseconds, rounded: the table's start column and the note under it say the same (the note
     * cut 252.6 ms to 252 where the table said 253).
     */
    static long wholeMs(long nanos) {
        return Math.round(nanos / 1e6);
    }

    /** How long a row took to start (or submit) its tasks, and how fast they woke. */
    record Started(long tasks, long startMs, double wakeUpsPerSecond) {

        /**
         * Whether its wake-ups came as fast as its tasks started, within a quarter: each task wakes a sleep after its
         * own start, so where the starting outlasts the sleep, the wake-ups can come no faster than the starts.
         */
        boolean wokeAtTheStartRate() {
            double startRate = tasks * 1000.0 / Math.max(1, startMs);
            return wakeUpsPerSecond >= startRate * 0.8 && wakeUpsPerSecond <= startRate * 1.25;
        }
    }

    /**
     * Where starting a row's tasks took longer than their sleep and its wake-ups came at its start rate, a note that its
     * wake-up rate is its start rate: each task wakes a sleep after its own start, so the wake-ups spread over the
     * starting (a review read the platform row's 2,559 wake/s at 10,000 tasks as how fast sleepers wake: it was 10,000
     * / 3.9 s of starting). Not where they woke slower than they started: a million virtual threads started at 726,000
     * a second and woke at 56,700, and the note said the start rate (a helper's hunt); and a pool as large as its
     * tasks, which starts a thread a submit, is named as the threads are (it was left out, as pools were).
     */
    static Optional<String> startingNote(Map<String, Started> startedByRow, long sleepMs) {
        List<String> rows = new ArrayList<>();
        startedByRow.forEach((row, started) -> {
            if (started.startMs() > sleepMs && started.wokeAtTheStartRate()) {
                rows.add(String.format(Locale.ROOT, "%s (%,d ms)", row, started.startMs()));
            }
        });
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "Starting the tasks took longer than their %,d ms sleep in: %s. Each task wakes %,d ms after its own"
                        + " start, so there the wake-ups spread over the starting, and wakeups_per_s is tasks /"
                        + " start_ms, the start rate, not how fast sleepers wake; a longer --sleep-ms separates them.",
                sleepMs,
                String.join(", ", rows),
                sleepMs));
    }

    /**
     * Prints a line of the table; unless {@code wide}, cut with an ellipsis to fit {@value
     * ReportFormat#TABLE_WIDTH} columns, which cuts the check, its last cell.
     *
     * @return whether it was cut
     */
    static boolean printLine(List<String> cells, int[] widths, boolean wide, PrintWriter out) {
        String line = ReportFormat.line(cells, widths, 1);
        out.println(wide ? line : ReportFormat.fit(line, ReportFormat.TABLE_WIDTH));
        return !wide && line.length() > ReportFormat.TABLE_WIDTH;
    }

    /** The line under the default table: the short headers' full names, and where cut checks are whole. */
    static String legend(boolean cut) {
        String names = IntStream.range(0, COLUMNS.size())
                .filter(i -> !SHORT_HEADERS.get(i).equals(COLUMNS.get(i)))
                .mapToObj(i -> SHORT_HEADERS.get(i) + ": " + COLUMNS.get(i))
                .collect(Collectors.joining(", "));
        return ReportFormat.legend(names, cut, "--wide gives them whole");
    }

    /** One row of the table: a kind of thread and a task count. */
    record Row(Kind kind, int tasks, int pool) {
        String label() {
            return kind.label(pool);
        }
    }

    private void validate() {
        UsageException.requireRange("--tasks", tasks, 1, Limits.MAX_TASKS);
        if (platformTasks < 0) {
            throw new UsageException("--platform-tasks must be 0 (no platform run) to " + Limits.MAX_PLATFORM_THREADS
                    + ", got " + platformTasks);
        }
        if (platformTasks > Limits.MAX_PLATFORM_THREADS) {
            throw new UsageException("--platform-tasks " + platformTasks
                    + " would start that many platform threads at once; allowed: 0 to " + Limits.MAX_PLATFORM_THREADS
                    + " (each is a kernel thread with its own stack)");
        }
        UsageException.requireRange("--pool", pool, 1, Limits.MAX_PLATFORM_THREADS);
        UsageException.requireRange("--sleep-ms", sleepMs, 0, MAX_SLEEP_MS);
        UsageException.requireRange("--warmup", warmup, 0, MAX_WARMUP);
        UsageException.requireRange("--repeat", repeat, 1, MAX_REPEAT);
    }
}
