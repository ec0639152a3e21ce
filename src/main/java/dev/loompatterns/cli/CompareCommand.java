package dev.loompatterns.cli;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Variant;
import dev.loompatterns.engine.Notes;
import dev.loompatterns.engine.Progress;
import dev.loompatterns.engine.ReportFormat;
import dev.loompatterns.engine.Session;
import dev.loompatterns.jfr.Recorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Stack;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "compare",
        description = {
            "Run patterns in every mode and variant side by side and print one table.",
            "With no IDs, the whole catalogue, sized to take about a minute on 2 cores."
        },
        footer = {
            "",
            "Columns: pattern, mode, variant, tasks, wall_ms, tasks_per_s, peak_platform_threads, virtual_threads,"
                    + " pinned, check.",
            "Examples:",
            "  loom compare",
            "  loom compare lock-counter --modes virtual,structured --repeat 5",
            "  loom compare url-fetch --variants default --repeat 5",
            "  loom compare url-fetch --tasks 5000 -P latency-ms=50 -P workers=100 \\",
            "      --variants default --warmup 10 --repeat 5",
            "  loom compare url-fetch --tasks 5000 -P latency-ms=50 --format markdown"
        })
final class CompareCommand extends LoomCommand {

    static final int MAX_REPEAT = 1_000;

    /** What gets a check the table cut whole, in compare. */
    static final String WHOLE = "--wide gives them whole, as --format csv or json do in their detail column";

    @Parameters(arity = "0..*", paramLabel = "ID", description = "patterns to compare, by id or number; default: all")
    List<String> ids = new ArrayList<>();

    @Option(
            names = "--modes",
            split = "\\s*,\\s*", // 'virtual, platform' read, as --variants reads 'a, b' (it strips each)
            splitSynopsisLabel = ",",
            preprocessor = CommaList.class, // ',' and 'virtual,' refused, not read as every mode
            paramLabel = "M",
            description = "modes to run, comma-separated; default: all")
    List<Mode> modes = new ArrayList<>();

    @Option(
            names = "--variants",
            split = ",",
            preprocessor = CommaList.class,
            paramLabel = "V",
            description =
                    "variants to run, comma-separated (see 'loom list ID'); default: every variant of each pattern")
    List<String> variants = new ArrayList<>();

    @Mixin
    WorkloadOptions workload;

    @Option(
            names = "--repeat",
            paramLabel = "K",
            defaultValue = "1",
            description =
                    "runs per cell; a row is then its median run by wall_ms (the slower of the two middle ones for an"
                        + " even K; every figure and the check that run's; a failed run fails it), and the note under"
                        + " the table gives the spread: 1 to "
                            + MAX_REPEAT + " (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(
            names = "--warmup",
            paramLabel = "W",
            defaultValue = "0",
            description = "unmeasured runs per cell before its K runs, so the JIT has compiled what the cell runs; "
                    + "not in the cell's recording: 0 to " + MAX_REPEAT + " (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, csv, json or markdown (default ${DEFAULT-VALUE})")
    ReportFormat format;

    @Mixin
    TableOptions table;

    @Option(
            names = "--jfr-dir",
            paramLabel = "DIR",
            // worded so that the help's 80 columns do not cut the file's name at its dot ("VARIANT." and "jfr")
            description = "record each cell with JFR, one file per cell: DIR/ID-MODE-VARIANT.jfr (DIR is made if"
                    + " missing; its parent must exist)")
    Path jfrDir;

    @Mixin
    RecordingOptions recording;

    @Override
    public Integer call() throws Exception {
        UsageException.requireRange("--repeat", repeat, 1, MAX_REPEAT);
        UsageException.requireRange("--warmup", warmup, 0, MAX_REPEAT);
        if (table.wide && format != ReportFormat.TABLE) { // taken, and it did nothing (a hunt)
            throw new UsageException(
                    "--wide widens the table; --format " + format.name().toLowerCase(Locale.ROOT)
                            + " has every column and each check's whole text already: drop --wide");
        }
        List<Pattern> patterns = ids.isEmpty()
                ? catalogue.patterns()
                : new LinkedHashSet<>(ids.stream().map(this::id).toList())
                        .stream().map(catalogue::find).toList();
        workload.requireKnownParams(patterns);
        // in any case, as run's --variant and the modes take them: ids are lower case
        variants =
                variants.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
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
        if (!ids.isEmpty() && !variants.isEmpty()) {
            // a pattern named on the command line that none of the variants asked for fits: said, not dropped silently
            for (Pattern pattern : patterns) {
                if (cells.stream().noneMatch(cell -> cell.pattern() == pattern)) {
                    err().println("loom: " + pattern.id() + " has none of the variants " + String.join(", ", variants)
                            + " (its variants: "
                            + String.join(
                                    ", ",
                                    pattern.variants().stream().map(Variant::id).toList())
                            + "); it is left out");
                }
            }
        }
        if (cells.isEmpty()) {
            throw new UsageException(
                    "none of the selected patterns runs" + (modes.isEmpty() ? "" : " in mode(s) " + modes)
                            + (variants.isEmpty() ? "" : " with variant(s) " + variants));
        }
        Session.validate(cells); // every cell's parameters, before the first runs or --jfr-dir is made
        recording.requireRecording(jfrDir != null, "--jfr-dir DIR");
        requireTemporaryFolder(RECORDINGS_AND_CHILD_JVMS);
        boolean made = jfrDir != null && !Files.isDirectory(jfrDir);
        Session.Recording where = jfrDir == null ? new Session.Recording.None() : perCell(made);

        PrintWriter out = out();
        Progress progress = Progress.onTerminal(err());
        Session session = new Session(progress);
        Session.Outcome outcome;
        boolean[] printed = {false};
        try {
            outcome = session.run(cells, warmup, repeat, where, finished -> {
                printed[0] = true;
                table.print(format, finished.rows(), out, WHOLE);
                if (format.forPeople()) {
                    Notes.listKept(finished, out);
                }
            });
        } catch (Exception failed) {
            if (LoomCli.stopped(failed)
                    && !printed[0]
                    && format == ReportFormat.JSON) { // before a row: still JSON for a pipe's reader
                table.print(format, List.of(), out, WHOLE);
            }
            throw failed;
        } finally {
            if (made) { // a folder this run made and left empty (stopped before any recording): not left behind
                deleteIfEmpty(jfrDir);
            }
        }
        table.print(format, outcome.rows(), out, WHOLE);
        List<String> notes = new ArrayList<>();
        notes.add(Notes.noiseNote(outcome.rows(), warmup, repeat));
        Notes.jitNote(outcome.rows(), warmup).ifPresent(notes::add);
        notes.addAll(Notes.rowNotes(outcome.rows()));
        if (format == ReportFormat.MARKDOWN) {
            // a paragraph each, unwrapped: consecutive lines are one paragraph to a markdown reader
            notes.forEach(note -> out.println(System.lineSeparator() + note));
            // the recordings' lines are aligned text: a code block keeps them lines
            java.io.StringWriter recordings = new java.io.StringWriter();
            Notes.describeRecordings(outcome, progress, new PrintWriter(recordings));
            if (!recordings.toString().isBlank()) {
                out.println(System.lineSeparator() + "```" + System.lineSeparator()
                        + recordings.toString().strip() + System.lineSeparator() + "```");
            }
        } else if (format.forPeople()) {
            out.println();
            notes.forEach(note -> Notes.note(out, note));
            Notes.describeRecordings(outcome, progress, out);
        } else if (format == ReportFormat.CSV) {
            // the notes travel with the data: comment lines after the rows (pandas: comment='#');
            // json carries what they say as fields of each row (spread, jit_ms, pinned_first_use, virtual_threads null)
            notes.forEach(note -> out.println("# " + note));
        }
        out.flush();
        return outcome.allPassed() ? LoomCli.EXIT_OK : LoomCli.EXIT_CHECK_FAILED;
    }

    /**
     * The folder checked (and made) before the profile is read, so that a wrong folder is one usage line, not
     * one after the profile's warnings; a folder made for a profile that cannot be read is removed again.
     */
    private Session.Recording perCell(boolean made) {
        Path dir = Recorder.checkDirectory(jfrDir);
        try {
            return new Session.Recording.FilePerCell(recording.load(), dir);
        } catch (RuntimeException e) {
            if (made) {
                deleteIfEmpty(jfrDir);
            }
            throw e;
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir); // refused for a folder that is not empty
        } catch (IOException e) {
            // left as it is: a folder, empty or not, harms nothing
        }
    }

    /** Each variant asked for belongs to at least one of the patterns compared. */
    private void requireKnownVariants(List<Pattern> patterns) {
        for (String asked : new LinkedHashSet<>(variants)) {
            if (patterns.stream().noneMatch(p -> p.variants().stream().anyMatch(v -> v.id().equals(asked)))) {
                List<String> known = patterns.stream()
                        .flatMap(p -> p.variants().stream())
                        .map(Variant::id)
                        .distinct()
                        .toList();
                throw new UsageException("no pattern compared has variant '" + asked + "'; "
                        + (patterns.size() == 1 ? patterns.getFirst().id() + "'s variants: " : "their variants: ")
                        + String.join(", ", known));
            }
        }
    }

    /**
     * Reads a comma-separated option's value before picocli splits it ({@code compare --modes M,...}, {@code --variants
     * V,...}) and refuses an empty one or one with an empty item: picocli's split dropped them, and {@code --modes ,} or
     * {@code --variants ' , '} ran every mode or variant, as if the option were absent.
     */
    static final class CommaList implements CommandLine.IParameterPreprocessor {

        @Override
        public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
            if (args.isEmpty()) {
                return false; // no value: picocli says it is missing
            }
            String value = args.peek();
            // picocli always gives the separator: " " for a value apart ('--modes --variants=a,'), "=" for one attached
            if (value.startsWith("-") && " ".equals(info.get("separator"))) {
                return false; // the next option, not a value: picocli says the value is missing
            }
            if (Arrays.stream(value.split(",", -1)).anyMatch(String::isBlank)) {
                String name = ((CommandLine.Model.OptionSpec) option).longestName();
                throw new CommandLine.ParameterException(
                        command.commandLine(),
                        "option '" + name + "' "
                                + (value.isBlank() ? "is empty" : "has an empty item in '" + value + "'")
                                + "; give one or more " + what(name, option) + ", comma-separated");
            }
            return false; // picocli goes on to split and convert it
        }

        /** "modes (platform, virtual, structured)": the option's name without its dashes, and its choices if it has some. */
        private static String what(String name, ArgSpec option) {
            String plural = name.replaceFirst("^-+", "");
            Class<?> type = option.auxiliaryTypes()[0];
            if (!type.isEnum()) {
                return plural;
            }
            return plural + " ("
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "))
                    + ")";
        }
    }
}
