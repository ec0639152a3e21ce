package dev.loompatterns.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.loompatterns.analysis.Durations;
import dev.loompatterns.analysis.KnownSpin;
import dev.loompatterns.analysis.WaitLimit;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.engine.Cancellation;
import dev.loompatterns.engine.Notes;
import dev.loompatterns.engine.Progress;
import dev.loompatterns.inspect.TextReport;
import dev.loompatterns.jfr.AtomicFile;
import dev.loompatterns.jfr.PinTaxonomy;
import dev.loompatterns.jfr.TemporaryFiles;
import dev.loompatterns.jfr.VisibleText;
import dev.loompatterns.threaddump.MidRunDump;
import dev.loompatterns.threaddump.ThreadDump;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs a pattern, takes a JSON thread dump while it is under way ({@link MidRunDump}: a thread is
 * held at the run's gate meanwhile, a task at its start or the thread that leads the others), saves it, and prints its thread containers as a tree. A
 * pattern whose tasks never reach the hold runs to its end, and the command says so instead of
 * dumping an idle JVM.
 */
@Command(
        name = "dump",
        description = {
            "Print a JSON thread dump as a tree of scopes, executors and pools: one taken mid-run of a pattern, or"
                    + " any JVM's.",
            "The pattern's dump is the JDK's own (the same data as 'jcmd PID Thread.dump_to_file -format=json'), saved"
                    + " to a file; the tree gives each StructuredTaskScope, executor and pool with its name, owner,"
                    + " threads and their states.",
            "The run is held while the dump is taken (a thread waits at the run's gate: a task at its start, or the"
                    + " thread that leads the others), then goes on and checks itself as usual.",
            "After the tree, where the program's threads are, most first, and the limit they wait for where it is"
                    + " one (a pool's connection, a Semaphore's permits).",
            "Given a file instead of a pattern, prints that dump the same way, and nothing runs (take one of any JVM"
                    + " with 'jcmd PID Thread.dump_to_file -format=json FILE')."
        },
        footer = {
            "",
            "Examples:",
            "  loom dump url-fetch",
            "  loom dump url-fetch --tasks 40 -P group-size=10 --out fetch.json",
            "  loom dump race --mode virtual --threads 50",
            "  loom dump app-threads.json   # a dump jcmd took of your application"
        })
final class DumpCommand extends LoomCommand {

    static final int MAX_THREADS_LISTED = 100_000;

    @Parameters(
            index = "0",
            paramLabel = "ID|FILE",
            description = "the pattern's id or number, or a JSON thread dump's file to print (see 'loom list')")
    String id;

    @Option(names = "--mode", paramLabel = "M", description = "platform, virtual or structured; default: structured")
    Mode mode;

    @Option(names = "--variant", paramLabel = "V", description = "one of the pattern's variants; default: its first")
    String variant;

    @Mixin
    WorkloadOptions workload;

    @Option(
            names = "--out",
            converter = FileName.class, // not a folder's name: Path drops its separator
            paramLabel = "FILE",
            description = "where to save the JSON dump (default loom-dump-ID-MODE-TIMESTAMP-PID.json in the system's"
                    + " temporary folder); not a file already (a device or a pipe, such as /dev/null, is written into)")
    Path out;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "5",
            description = "threads listed per container, 0 to " + MAX_THREADS_LISTED
                    + "; the rest are counted (default ${DEFAULT-VALUE})")
    int threadsListed;

    @Option(
            names = "--containers",
            paramLabel = "N",
            defaultValue = "5",
            description = "child containers shown per container, 0 to " + MAX_THREADS_LISTED
                    + "; the rest are counted in one line (default ${DEFAULT-VALUE})")
    int containersListed;

    @Override
    public Integer call() throws Exception {
        Path taken = takenDump(id);
        if (taken == null) {
            pattern(id); // an unknown id is said before a wrong --threads
        }
        UsageException.requireRange("--threads", threadsListed, 0, MAX_THREADS_LISTED);
        UsageException.requireRange("--containers", containersListed, 0, MAX_THREADS_LISTED);
        if (taken != null) {
            return printTaken(taken);
        }
        Pattern pattern = pattern(id);
        Mode chosenMode = mode != null ? mode : Mode.STRUCTURED;
        Variant chosenVariant = pattern.variant(variant);
        Workload chosenWorkload = workload.forPattern(pattern, chosenMode, false);
        pattern.validate(chosenMode, chosenVariant, chosenWorkload); // before the run starts
        // exit 2 before the run, as for the other commands (it was exit 1, "could not write", by default)
        requireTemporaryFolder("the dump is taken there first, and child JVMs write their output there");
        if (out != null) {
            return dump(pattern, chosenMode, chosenVariant, chosenWorkload, checkTarget(out));
        }
        // by default not in the current folder, which may be a checkout: the JSON is hundreds of KB
        // a name loom chose is taken before the run: another loom that chose it too (a container's, in the same
        // second, with the same pid) dumps to the next free one instead of failing on this one's file
        Path chosen = AtomicFile.takeFreeName(temporaryFolder().resolve(defaultFile(pattern, chosenMode)));
        try {
            return dump(pattern, chosenMode, chosenVariant, chosenWorkload, checkTarget(chosen));
        } finally {
            AtomicFile.releaseName(chosen);
        }
    }

    /** How to take the dump a file should hold, said where a file is not one. */
    static final String TAKE_ONE = "give a JSON thread dump (jcmd PID Thread.dump_to_file -format=json FILE)";

    /**
     * The file of a dump already taken that {@code argument} names, or null where it names a pattern: a pattern's id
     * or a number first ({@code ./url-fetch} names a file of that name), then an existing file; an argument written as
     * a file is ({@code .json}, or a path) that names none is said in one line.
     */
    Path takenDump(String argument) {
        if (argument.matches("[+-]?[0-9]+") || catalogue.patterns().stream().anyMatch(p -> p.id().equals(argument))) {
            return null;
        }
        Path file = Path.of(argument);
        if (!argument.isBlank() && Files.exists(file)) {
            return file;
        }
        if (argument.endsWith(".json") || argument.contains(File.separator)) {
            String noSuchFile = "no such file: '" + argument + "'; " + TAKE_ONE + ", or a pattern's id";
            UsageException unseen = unseen(file, noSuchFile);
            throw unseen != null ? unseen : new UsageException(noSuchFile); // null: it came in the meantime
        }
        return null; // an unknown pattern, said as one
    }

    /**
     * Prints a dump already taken: where it came from, its summary, its tree and where its threads are. The options
     * of a run are refused: nothing runs.
     */
    private int printTaken(Path file) throws Exception {
        List<String> runOptions = new ArrayList<>();
        if (mode != null) {
            runOptions.add("--mode");
        }
        if (variant != null) {
            runOptions.add("--variant");
        }
        if (workload.tasks != null) {
            runOptions.add("--tasks");
        }
        if (!workload.paramArgs.isEmpty()) {
            runOptions.add("-P");
        }
        if (out != null) {
            runOptions.add("--out");
        }
        if (!runOptions.isEmpty()) {
            throw new UsageException(String.join(", ", runOptions) + (runOptions.size() == 1 ? " is" : " are")
                    + " for a pattern's run, and '" + file + "' is a dump already taken, which is printed as it is;"
                    + " leave " + (runOptions.size() == 1 ? "it" : "them") + " out");
        }
        if (Files.isDirectory(file)) {
            throw new UsageException("'" + file + "' is a folder; " + TAKE_ONE);
        }
        requireReadableFile(file, TAKE_ONE);
        Progress progress = Progress.onTerminal(err());
        ThreadDump dump;
        try {
            dump = read(file, progress, 1, 1);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new UsageException("'" + file + "' is not a JSON thread dump: "
                    + (cutShort(e, file) ? "its JSON is cut short" : "it is not JSON")
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + "; a text dump (jstack's, or jcmd's without -format=json) is not read; " + TAKE_ONE);
        } catch (ThreadDump.NotADump e) {
            throw new UsageException("'" + file + "' is not a JSON thread dump: " + e.reason() + "; " + TAKE_ONE);
        } catch (IOException e) {
            throw new UsageException("cannot read '" + file + "': " + e.getMessage());
        } finally {
            progress.clear();
        }
        stopIfAsked();
        printWhole(file, dump, out());
        return LoomCli.EXIT_OK;
    }

    /**
     * Prints a dump already taken into {@code out} once all of it is made, so that Ctrl-C while a dump of 500,000
     * threads is grouped for printing (2.6 s) prints nothing: it printed it all, exit 130, and said the work had
     * finished when the signal came (a helper's hunt).
     *
     * @throws InterruptedException where Ctrl-C came, looked for between one part of the print and the next
     */
    void printWhole(Path file, ThreadDump dump, PrintWriter out) throws InterruptedException {
        StringWriter text = new StringWriter();
        printTaken(file, dump, new PrintWriter(text));
        out.print(text);
        out.flush();
    }

    /** What is printed of a dump already taken: where it came from, its summary, its tree and where its threads are. */
    private void printTaken(Path file, ThreadDump dump, PrintWriter print) throws InterruptedException {
        String origin = dump.origin().describe();
        print.println(VisibleText.of("Thread dump " + file + (origin.isEmpty() ? "" : " (" + origin + ")")));
        if (dump.withoutStates()) {
            Notes.note(
                    print,
                    "Its threads have no state and nothing they are parked on: a JDK before 25 wrote it, whose JSON"
                            + " dump gives a thread's id, name and stack alone (JDK 25 adds the rest). Their states"
                            + " read UNKNOWN; a thread's stack tells whether it is virtual (VirtualThread.run), parked,"
                            + " and waiting for a limit.");
        }
        print.println();
        printDump(dump, print);
        print.flush();
        stopIfAsked();
    }

    /** Throws where Ctrl-C came (an interrupt, or the session cancelled), as the dump's reading does. */
    private static void stopIfAsked() throws InterruptedException {
        if (Thread.interrupted() || Cancellation.requested()) {
            throw new InterruptedException("interrupted while the dump was read or printed");
        }
    }

    /**
     * Whether the parser stopped at the file's end: a dump cut short (a jcmd stopped while it wrote, a full disk).
     * Jackson throws its {@code JsonEOFException} there within a value, and a plain parse exception ("end-of-input
     * within/between Object entries") after a comma.
     */
    static boolean cutShort(JsonProcessingException e, Path file) {
        if (e instanceof JsonEOFException) {
            return true;
        }
        JsonLocation at = e.getLocation();
        try {
            return at != null && at.getByteOffset() >= Files.size(file);
        } catch (IOException gone) {
            return false;
        }
    }

    /**
     * Reads the dump, showing how far it has got as step {@code step} of {@code steps}: a dump of 100,000 threads is
     * 131 MB. Ctrl-C stops the reading.
     */
    private static ThreadDump read(Path file, Progress progress, int step, int steps)
            throws IOException, InterruptedException {
        long size = Files.size(file);
        String reading = "reading the dump, " + TextReport.size(size);
        progress.show(step, steps, reading);
        long[] shown = {0}; // the percentage last shown
        try {
            return ThreadDump.read(file, bytes -> {
                long percent = size > 0 ? Math.min(100, bytes * 100 / size) : 0;
                if (percent != shown[0]) {
                    shown[0] = percent;
                    progress.show(step, steps, reading + ": " + percent + "%");
                }
            });
        } catch (InterruptedIOException e) {
            throw new InterruptedException("interrupted while the dump was read");
        }
    }

    /** The summary, the tree and where the program's threads are: what is printed of a dump, taken here or not. */
    private void printDump(ThreadDump dump, PrintWriter print) throws InterruptedException {
        dump.printSummary(print);
        print.println();
        stopIfAsked();
        dump.print(print, threadsListed, containersListed);
        print.println();
        stopIfAsked();
        List<String> many = dump
                .printPlaces(
                        print,
                        thread -> limit(thread)
                                .map(limit -> "waiting for " + limit.waitedFor())
                                .orElse(""))
                .stream()
                .flatMap(thread -> limit(thread).stream())
                .map(WaitLimit::many)
                .distinct()
                .toList();
        if (!many.isEmpty()) {
            Notes.note(
                    print,
                    "Waiting for a limit: on a virtual thread the wait holds no platform thread, but no more tasks run"
                            + " at once than there are " + String.join(" or ", many) + ", so more threads go no faster;"
                            + " more " + String.join(" or ", many) + " may (docs/migration.md, row 1).");
        }
        List<ThreadDump.DumpedThread> holding = dump.carriersHeldWhileOthersWait();
        if (!holding.isEmpty()) {
            Notes.note(print, carriersHeld(holding, dump.notYetRun()));
        }
    }

    /** How many places of the threads holding the carriers the note names; the rest are counted. */
    static final int HOLDING_PLACES = 3;

    /**
     * The note for a dump in which every carrier ran a virtual thread while others waited to start: where those ran,
     * what a dump cannot say, and, where one ran in a library's loop that spins ({@link KnownSpin}), which.
     */
    static String carriersHeld(List<ThreadDump.DumpedThread> holding, long waiting) {
        Map<String, Long> places = holding.stream()
                .collect(Collectors.groupingBy(
                        ThreadDump.DumpedThread::topFrame, LinkedHashMap::new, Collectors.counting()));
        List<String> named = places.entrySet().stream()
                .limit(HOLDING_PLACES)
                .map(place -> place.getValue() + " at " + VisibleText.of(place.getKey())) // the file's frame
                .collect(Collectors.toCollection(ArrayList::new));
        long rest = holding.size()
                - places.values().stream()
                        .limit(HOLDING_PLACES)
                        .mapToLong(Long::longValue)
                        .sum();
        if (rest > 0) {
            named.add(rest + " elsewhere");
        }
        // JDK 25 writes a dump thread by thread: a task that ended while it wrote left its carrier to another, and both
        // were seen on it (a burst of 1 ms tasks: 6 virtual threads on 2 carriers)
        long carriers = holding.stream()
                .map(ThreadDump.DumpedThread::carrier)
                .distinct()
                .count();
        String seen = holding.size() > carriers
                ? "the dump, written thread by thread, saw " + holding.size() + " on them: "
                : "";
        List<KnownSpin> known = KnownSpin.at(holding.stream()
                .map(thread -> PinTaxonomy.applicationFrame(thread.frames()))
                .distinct()
                .toList());
        return "Carriers held: " + (carriers == 1 ? "the 1 carrier" : "each of the " + carriers + " carriers")
                + " of the virtual-thread scheduler was running a virtual thread (" + seen + String.join(", ", named)
                + ") while " + Durations.count(waiting, "virtual thread")
                + " had started and not yet run. A virtual thread keeps its carrier until it"
                + " blocks (there is no time slicing), so one that computes or spins keeps the others waiting; a dump"
                + " cannot say for how long: record the program and run 'loom inspect' on the recording (its"
                + " carrier-hogging rule)."
                + known.stream().map(spin -> " " + spin.advice()).collect(Collectors.joining());
    }

    /** The limit a waiting thread of the dump waits for ({@link WaitLimit}), where it is one. */
    static Optional<WaitLimit> limit(ThreadDump.DumpedThread thread) {
        return thread.waiting() ? WaitLimit.of(thread.frames()) : Optional.empty();
    }

    /** Where a dump goes when no --out names a file, and where one for a device or a pipe is taken first. */
    private static Path temporaryFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Runs the pattern until it holds, dumps its threads to {@code saved} and prints the dump's summary. */
    private int dump(Pattern pattern, Mode chosenMode, Variant chosenVariant, Workload chosenWorkload, Path saved)
            throws Exception {
        // a device or a pipe (--out /dev/null) is written into once the dump is read: it is taken to a file first
        boolean into = AtomicFile.writtenInto(saved);
        Path file = into
                ? temporaryFolder().resolve("." + defaultFile(pattern, chosenMode) + "." + UUID.randomUUID())
                : saved;
        if (into) {
            // deleted on the way out too: a pipe whose reader does not read holds the write, which no interrupt ends,
            // and Ctrl-C then ends the JVM after its grace with this copy of the dump left in the temporary folder
            TemporaryFiles.hold(file);
        }

        // the summary and tree follow the dump where it goes to the standard output: on stderr, so the JSON parses
        PrintWriter print = AtomicFile.isStandardOutput(saved) ? err() : out();
        // a large run takes a while to reach its hold, to be dumped and to be read: said as it goes, on a terminal
        Progress progress = Progress.onTerminal(err());
        int tasks = pattern.tasks(chosenWorkload);
        MidRunDump.Result run;
        ThreadDump dump = null;
        try {
            progress.show(
                    1,
                    2,
                    "running " + pattern.id() + " (" + chosenMode.id() + ", " + tasks
                            + " tasks) until a task is held, then dumping its threads");
            run = MidRunDump.take(pattern, chosenMode, chosenVariant, chosenWorkload, file);
            if (Thread.interrupted()) { // Ctrl-C while the run finished
                throw new InterruptedException("interrupted after the dump");
            }
            if (run.held()) {
                dump = read(file, progress, 2, 2);
                if (Thread.interrupted() || Cancellation.requested()) {
                    throw new InterruptedException("interrupted while the dump was read");
                }
                if (into) {
                    AtomicFile.write(saved, copy -> Files.copy(file, copy));
                }
            }
        } catch (InterruptedException e) {
            Files.deleteIfExists(file); // Ctrl-C keeps no dump, wherever it came
            throw e;
        } finally {
            progress.clear();
            if (into) {
                TemporaryFiles.delete(file);
            }
        }
        RunReport finished = run.report();
        if (!run.held()) {
            err().println("loom: " + pattern.id() + " (" + chosenMode.id()
                    + ") ran to its end without a task reaching a hold point"
                    + " (core.RunGate.arrive), so no mid-run dump was taken; its check: "
                    + finished.check().word() + ": " + finished.check().detail());
            return LoomCli.EXIT_CHECK_FAILED;
        }
        Notes.note(
                print,
                String.format(
                        java.util.Locale.ROOT,
                        "Thread dump of %s (%s mode, %s, %d tasks): %s at the run's gate (core.RunGate) when it was"
                                + " taken (a task at its start, or, where the pattern has one, the thread that leads"
                                + " the others); the others are where the run had brought them.",
                        pattern.id(),
                        chosenMode.id(),
                        chosenVariant.id(),
                        tasks,
                        heldWords(dump.held())));
        if (dump.heldForChildJvms()) { // daemon-threads' tree showed the harness alone, and did not say why
            Notes.note(
                    print,
                    "This run's work is in child JVMs: the held thread waits for them (core.ChildJvm), and their"
                            + " threads are not in this JVM's dump; 'jcmd <pid> Thread.dump_to_file -format=json FILE'"
                            + " takes one of a child's.");
        }
        print.println("Saved to " + VisibleText.of(saved.toString()));
        print.println();
        printDump(dump, print);
        print.println();
        Notes.note(
                print,
                "Then released, the run finished: " + finished.check().word() + ": "
                        + finished.check().detail());
        print.println(
                "The same dump of any JVM: jcmd <pid> Thread.dump_to_file -format=json FILE, then loom dump FILE");
        print.flush();
        return finished.check().ok() ? LoomCli.EXIT_OK : LoomCli.EXIT_CHECK_FAILED;
    }

    /**
     * An absolute path (as {@code dumpThreads} wants) to a file that does not exist yet, or to a device or a pipe,
     * which the dump is written into ({@code --out /dev/null}): a dump is not written over another file; otherwise the
     * check every file the CLI writes gets ({@link AtomicFile#checkTarget}).
     */
    static Path checkTarget(Path target) {
        if (Files.isRegularFile(target)) {
            throw new UsageException("--out '" + target + "' already exists; a dump is not written over a file, so"
                    + " give a new file name");
        }
        return AtomicFile.checkTarget(target, "--out", AtomicFile.Kind.REPORT);
    }

    /** The default file's name: {@link #stamp()} keeps two dumps started in the same second apart. */
    static String defaultFile(Pattern pattern, Mode mode) {
        return "loom-dump-" + pattern.id() + "-" + mode.id() + "-" + stamp() + ".json";
    }

    /** "1 thread was", "3 threads were": the header's count of held threads, in words. */
    static String heldWords(long held) {
        return Durations.count(held, "thread") + (held == 1 ? " was held" : " were held");
    }
}
