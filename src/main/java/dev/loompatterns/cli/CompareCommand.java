package dev.loompatterns.cli;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Variant;
import dev.loompatterns.jfr.Recorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run patterns in every mode and variant side by side and print one table.",
                "With no IDs, the whole catalogue, sized to take about a minute on 2 cores."},
        footer = {"", "Columns: pattern, mode, variant, tasks, wall_ms, tasks_per_s, peak_platform_threads, virtual_threads, pinned, check.",
                "Examples:", "  loom compare", "  loom compare lock-counter --modes virtual,structured --repeat 5",
                "  loom compare url-fetch --variants default --repeat 5",
                "  loom compare url-fetch --tasks 5000 -P latency-ms=50 -P workers=100 --variants default --warmup 10 --repeat 5",
                "  loom compare url-fetch --tasks 5000 -P latency-ms=50 --format markdown"})
final class CompareCommand implements Callable<Integer> {

    static final int MAX_REPEAT = 1_000;

    private final Catalogue catalogue;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "patterns to compare; default: all")
    List<String> ids = new ArrayList<>();

    @Option(names = "--modes", split = ",", paramLabel = "M", description = "modes to run, comma-separated; default: all")
    List<Mode> modes = new ArrayList<>();

    @Option(names = "--variants", split = ",", paramLabel = "V",
            description = "variants to run, comma-separated (see 'loom list ID'); default: every variant of each pattern")
    List<String> variants = new ArrayList<>();

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "1",
            description = "runs per cell; wall_ms is then the median and the note under the table gives the spread (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "0",
            description = "unmeasured runs per cell before its K runs, so the JIT has compiled what the cell runs; "
                    + "not in the cell's recording (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv, json or markdown (default ${DEFAULT-VALUE})")
    ReportFormat format;

    @Option(names = "--wide", description = "the table with every column's full name and each check's whole text, however wide "
            + "(by default it fits 120 columns)")
    boolean wide;

    @Option(names = "--jfr-dir", paramLabel = "DIR", description = "record each cell with JFR to DIR/ID-MODE-VARIANT.jfr")
    Path jfrDir;

    @Mixin
    RecordingOptions recording;

    CompareCommand(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new UsageException("--repeat must be from 1 to " + MAX_REPEAT + ", got " + repeat);
        }
        if (warmup < 0 || warmup > MAX_REPEAT) {
            throw new UsageException("--warmup must be from 0 to " + MAX_REPEAT + ", got " + warmup);
        }
        List<Pattern> patterns = ids.isEmpty()
                ? catalogue.patterns()
                : new LinkedHashSet<>(ids).stream().map(catalogue::find).toList();
        workload.requireKnownParams(patterns);
        requireKnownVariants(patterns);
        List<Session.Cell> cells = new ArrayList<>();
        for (Pattern pattern : patterns) {
            for (Mode mode : pattern.modes()) {
                if (!modes.isEmpty() && !modes.contains(mode)) {
                    continue;
                }
                for (Variant variant : pattern.variants()) {
                    if (!variants.isEmpty() && !variants.contains(variant.id())) {
                        continue;
                    }
                    cells.add(new Session.Cell(pattern, mode, variant, workload.forPattern(pattern, mode, true)));
                }
            }
        }
        if (cells.isEmpty()) {
            throw new UsageException("none of the selected patterns runs"
                    + (modes.isEmpty() ? "" : " in mode(s) " + modes) + (variants.isEmpty() ? "" : " with variant(s) " + variants));
        }
        recording.requireRecording(jfrDir != null, "--jfr-dir DIR");
        Session.Recording where = jfrDir == null
                ? new Session.Recording.None()
                : new Session.Recording.FilePerCell(recording.load(), Recorder.checkDirectory(jfrDir));

        PrintWriter out = spec.commandLine().getOut();
        Session session = new Session(Progress.onTerminal(spec.commandLine().getErr()));
        Session.Outcome outcome;
        try {
            outcome = session.run(cells, warmup, repeat, where);
        } catch (Exception e) {
            if (!(e instanceof InterruptedException) && !Cancellation.requested()) {
                throw e;
            }
            // Ctrl-C: the rows finished so far are printed, then the interrupt ends the command (exit 130);
            // after Ctrl-C, JFR's own shutdown stops recordings under the run, whatever it was doing
            List<Row> rows = session.finishedRows();
            if (!rows.isEmpty()) {
                format.print(rows, out, wide);
                out.flush();
            }
            throw e;
        }
        format.print(outcome.rows(), out, wide);
        if (format.forPeople()) {
            out.println();
            Session.note(out, noiseNote(outcome.rows(), warmup, repeat));
            jitNote(outcome.rows(), warmup).ifPresent(note -> Session.note(out, note));
            Session.apartNote(outcome.rows()).ifPresent(note -> Session.note(out, note));
            Session.notCountedNote(outcome.rows()).ifPresent(note -> Session.note(out, note));
            Session.describeRecordings(outcome.recordings(), outcome.childRecordings(), out);
        } else if (format == ReportFormat.CSV) {
            // the notes travel with the data: comment lines after the rows (pandas: comment='#');
            // json carries what they say as fields of each row (spread, jit_ms, pinned_first_use, virtual_threads null)
            List<String> notes = new ArrayList<>();
            notes.add(noiseNote(outcome.rows(), warmup, repeat));
            jitNote(outcome.rows(), warmup).ifPresent(notes::add);
            Session.apartNote(outcome.rows()).ifPresent(notes::add);
            Session.notCountedNote(outcome.rows()).ifPresent(notes::add);
            notes.forEach(note -> out.println("# " + note));
        }
        out.flush();
        return outcome.allPassed() ? LoomCli.EXIT_OK : LoomCli.EXIT_CHECK_FAILED;
    }

    /** Each variant asked for belongs to at least one of the patterns compared. */
    private void requireKnownVariants(List<Pattern> patterns) {
        for (String asked : new LinkedHashSet<>(variants)) {
            if (patterns.stream().noneMatch(p -> p.variants().stream().anyMatch(v -> v.id().equals(asked)))) {
                List<String> known = patterns.stream().flatMap(p -> p.variants().stream()).map(Variant::id).distinct().toList();
                throw new UsageException("no pattern compared has variant '" + asked + "'; "
                        + (patterns.size() == 1 ? patterns.getFirst().id() + "'s variants: " : "their variants: ") + String.join(", ", known));
            }
        }
    }

    /** A JIT share of the measured time from which a note says so. */
    static final double JIT_NOTE_SHARE = 0.10;

    /**
     * A line when the JIT was busy during the measured runs: its compiler threads share the cores
     * with the run, so its figures include the JIT's warm-up.
     */
    static Optional<String> jitNote(List<Row> rows, int warmup) {
        Row busiest = rows.stream().max(Comparator.comparingDouble(Row::jitShare)).orElseThrow();
        if (busiest.jitShare() < JIT_NOTE_SHARE) {
            return Optional.empty();
        }
        double wall = busiest.runs().stream().mapToDouble(RunReport::wallMillis).sum();
        return Optional.of(String.format(Locale.ROOT,
                "While %s %s %s ran (%.0f ms), the JVM's compiler threads spent %.0f ms compiling its code to machine code (the JIT), "
                        + "on the same cores: its figures include that warm-up. %s",
                busiest.pattern(), busiest.mode(), busiest.variant(), wall, busiest.jitMs(),
                warmup == 0 ? "--warmup W runs it W times first, unmeasured, so the compiling is done before the clock starts."
                        : "More --warmup runs would move more of it before the clock."));
    }

    /** One line on how far to trust a single figure, measured when there are repeats. */
    static String noiseNote(List<Row> rows, int warmup, int repeat) {
        String after = warmup == 0 ? "" : " after " + warmup + " warm-up run" + (warmup == 1 ? "" : "s") + " per cell";
        if (repeat == 1) {
            return "Each figure is one run" + after + ": expect tens of percent between runs (JIT warm-up, GC, a shared machine). "
                    + "--repeat 5 gives medians with their spread" + (warmup == 0 ? ", --warmup W runs W unmeasured first" : "")
                    + "; JMH (README, Benchmarks) gives steady figures.";
        }
        Row widest = rows.stream().max(Comparator.comparingDouble(Row::spread)).orElseThrow();
        return String.format(Locale.ROOT, "wall_ms is the median of %d runs%s; the widest spread (slowest - fastest) / median was %.0f%% (%s %s %s). "
                        + "For steady figures use %sJMH (README, Benchmarks).",
                repeat, after, widest.spread() * 100, widest.pattern(), widest.mode(), widest.variant(),
                warmup == 0 ? "--warmup W (unmeasured runs first) or " : "");
    }
}
