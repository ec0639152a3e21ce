package dev.loompatterns.cli;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.Variant;
import dev.loompatterns.engine.Notes;
import dev.loompatterns.engine.Progress;
import dev.loompatterns.engine.ReportFormat;
import dev.loompatterns.engine.Session;
import dev.loompatterns.jfr.Recorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "run",
        description = {"Run one pattern, in one mode or in each, check its result, and optionally record it with JFR."},
        footer = {
            "",
            "Examples:",
            "  loom run thread-basics",
            "  loom run lock-counter --mode virtual --variant long-adder --tasks 1000",
            "  loom run url-fetch -P latency-ms=50 --jfr fetch.jfr --profile pinning"
        })
final class RunCommand extends LoomCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "the pattern's id or number (see 'loom list')")
    String id;

    @Option(
            names = "--mode",
            paramLabel = "M",
            description = "platform, virtual or structured; default: each mode in turn")
    Mode mode;

    @Option(
            names = "--variant",
            paramLabel = "V",
            description = "one of the pattern's variants; default: its first (pinning: all)")
    String variant;

    @Mixin
    WorkloadOptions workload;

    @Option(
            names = "--jfr",
            arity = "0..1",
            paramLabel = "FILE",
            fallbackValue = "",
            preprocessor = RunCommand.JfrAlone.class, // tells '--jfr' from '--jfr ""' and '--jfr='
            description = "record the run with JFR to FILE (default loom-ID-TIMESTAMP-PID.jfr in the current folder)")
    String jfr;

    /** Whether {@code --jfr} came without a file name ({@link JfrAlone}): the recording takes the default one. */
    boolean jfrAlone;

    @Mixin
    TableOptions table;

    @Mixin
    RecordingOptions recording;

    @Override
    public Integer call() throws Exception {
        Pattern pattern = pattern(id);
        List<Variant> chosen = variant == null ? pattern.runByDefault() : List.of(pattern.variant(variant));
        List<Mode> modes = mode == null ? List.copyOf(pattern.modes()) : List.of(mode);
        List<Session.Cell> cells = chosen.stream()
                .flatMap(v -> modes.stream()
                        .map(m -> new Session.Cell(pattern, m, v, workload.forPattern(pattern, m, false))))
                .toList();
        Session.validate(cells); // every cell's parameters, before the first runs
        recording.requireRecording(jfr != null, "--jfr FILE");
        requireTemporaryFolder(RECORDINGS_AND_CHILD_JVMS);
        // the target checked before the profile is read: a usage error comes alone, not after the profile's warnings
        boolean defaultName = jfr != null && jfr.isEmpty() && jfrAlone;
        if (jfr != null && !defaultName) {
            requireName(jfr, "--jfr's file name", "give a file name, or --jfr alone for the default one");
            String folder = folderName(jfr); // Path.of drops the separator: a file would take the folder's name
            if (folder != null) {
                throw new dev.loompatterns.core.UsageException(
                        "--jfr " + folder + ", or --jfr alone for the default one");
            }
        }
        // the default name, a free one: written over no file, neither one there now nor one made while the run goes on
        Path target = jfr == null
                ? null
                : Recorder.checkTarget(defaultName ? defaultTarget(Path.of(""), pattern, stamp()) : Path.of(jfr));
        Session.Recording where = target == null
                ? new Session.Recording.None()
                : new Session.Recording.OneFile(recording.load(), target, defaultName);

        PrintWriter out = out();
        Progress progress = Progress.onTerminal(err());
        Session session = new Session(progress);
        Session.Outcome outcome =
                session.run(cells, 0, 1, where, finished -> table.print(ReportFormat.TABLE, finished.rows(), out));
        table.print(ReportFormat.TABLE, outcome.rows(), out);
        Notes.rowNotes(outcome.rows()).forEach(note -> Notes.note(out, note));
        Notes.singleRunsNote(outcome.rows(), compareArguments(pattern, chosen), out);
        Notes.describeRecordings(outcome, progress, out);
        return outcome.allPassed() ? LoomCli.EXIT_OK : LoomCli.EXIT_CHECK_FAILED;
    }

    /**
     * The arguments of the {@code compare} that runs the cells this run ran: the pattern's id, the mode and the
     * variants where they narrow it (compare runs every one by default), the workload as given.
     */
    private List<String> compareArguments(Pattern pattern, List<Variant> chosen) {
        List<String> arguments = new ArrayList<>(List.of(pattern.id()));
        if (mode != null) {
            arguments.addAll(List.of("--modes", mode.id()));
        }
        if (chosen.size() < pattern.variants().size()) {
            arguments.addAll(List.of(
                    "--variants",
                    String.join(",", chosen.stream().map(Variant::id).toList())));
        }
        arguments.addAll(workload.asArguments());
        return arguments;
    }

    /**
     * Notes whether {@code --jfr} came without a file name ({@link #jfrAlone}): not {@code --jfr=} nor {@code --jfr
     * ""}, which picocli reads as a bare {@code --jfr} (its fallback value, empty). It reads the arguments as picocli
     * parses them, an argument file's ({@code @FILE}) expanded: the command line as typed held no {@code --jfr} there,
     * and {@code run ID @FILE} with a bare {@code --jfr} in FILE was refused as an empty name.
     */
    static final class JfrAlone implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(
                Stack<String> args,
                CommandLine.Model.CommandSpec command,
                CommandLine.Model.ArgSpec option,
                Map<String, Object> info) {
            boolean attached = !" ".equals(info.get("separator")); // --jfr=FILE, --jfr=
            ((RunCommand) command.userObject()).jfrAlone =
                    !attached && (args.isEmpty() || !args.peek().isEmpty());
            return false; // picocli goes on to read the value, or to take the fallback
        }
    }

    /** The default recording's name: {@link #stamp()} keeps two runs started in the same second apart. */
    static String defaultFile(Pattern pattern) {
        return defaultFile(pattern, stamp());
    }

    private static String defaultFile(Pattern pattern, String stamp) {
        return "loom-" + pattern.id() + "-" + stamp + ".jfr";
    }

    /**
     * Where a bare {@code --jfr} records in {@code folder}: {@code loom-ID-STAMP.jfr}, or where a file has that name
     * (another run's, in another container: the same pid, the same second), the first free one after it
     * ({@link #freeName}). {@code stamp} is {@link #stamp()}, given so that a test can make the file first.
     */
    static Path defaultTarget(Path folder, Pattern pattern, String stamp) {
        return freeName(folder, defaultFile(pattern, stamp));
    }
}
