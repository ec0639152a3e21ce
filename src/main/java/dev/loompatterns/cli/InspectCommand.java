package dev.loompatterns.cli;

import dev.loompatterns.analysis.Pasted;
import dev.loompatterns.analysis.jfr.JvmParts;
import dev.loompatterns.analysis.jfr.RecordingReader;
import dev.loompatterns.analysis.jfr.UnfinishedChunk;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.engine.Cancellation;
import dev.loompatterns.engine.HeapWatch;
import dev.loompatterns.engine.Notes;
import dev.loompatterns.engine.Progress;
import dev.loompatterns.inspect.HtmlReport;
import dev.loompatterns.inspect.JsonReport;
import dev.loompatterns.inspect.Report;
import dev.loompatterns.inspect.Slim;
import dev.loompatterns.inspect.TextReport;
import dev.loompatterns.jfr.AtomicFile;
import dev.loompatterns.jfr.JfrRepository;
import dev.loompatterns.jfr.Recorder;
import dev.loompatterns.jfr.ShellWord;
import dev.loompatterns.jfr.VisibleText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "inspect",
        description = {
            "Run the virtual-thread rules on any JFR recording, made by loom or not, and print what they found.",
            "Rules: pinning, submit-failed, carrier-hogging, pool-candidate, queueing-delay, wakeup-delay,"
                    + " virtual-thread-census."
        },
        footer = {
            "",
            "Exit codes: 0 the recording was read (whatever it holds), 1 it needed more memory than the JVM had (one"
                + " line says how to give it more), the file system refused the report (one line says why) or a rule"
                + " failed (a bug of loom's), 2 a usage error or a file that could not be read (no such file, not a"
                + " recording, a recording cut short, the recordings of several JVMs joined), 130 stopped by Ctrl-C"
                + " (143 by kill's TERM).",
            "Examples:",
            "  loom inspect p.jfr",
            "  loom inspect p.jfr --out p.html   # a page: the format from the name",
            "  loom inspect big.jfr --slim big-slim.jfr   # a copy JMC opens quickly"
        })
final class InspectCommand extends LoomCommand {

    /** How inspect prints. */
    enum Format {
        TEXT,
        JSON,
        HTML
    }

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "a .jfr recording, or the JFR repository folder (yyyy_MM_dd_HH_mm_ss_PID) a killed JVM left")
    Path file;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description =
                    "text, json or html (default: html or json where OUT ends in .html, .htm or .json, else text)")
    Format format;

    @Option(
            names = "--out",
            converter = FileName.class, // not a folder's name: Path drops its separator
            paramLabel = "OUT",
            description = "write the report to OUT instead of the terminal ('-': the standard output)")
    Path out;

    @Option(
            names = "--slim",
            converter = FileName.class, // not a folder's name: Path drops its separator
            paramLabel = "OUT",
            description = "also write a copy of the recording without " + Slim.LEFT_OUT_IN_WORDS
                    + " (platform threads' sleeps and parks are kept), for JDK Mission Control, which is slow on many"
                    + " virtual threads")
    Path slim;

    /** Whether what is read holds a chunk its JVM never finished, copied as far as it was flushed. */
    private boolean unfinishedRead;

    /** The chunks of the repository folder read, in their order, where what is read is such a folder. */
    private List<Path> repositoryChunks = List.of();

    /**
     * {@link #checkRecording} of a repository folder's copy, which says the folder and its chunks: the copy's own name
     * (a temporary file, deleted by then) was said, and the commands that split it worked on that file (a helper's
     * hunt, 2026-12-07). Chunks of more than one JVM, or that go back over one another's time, are read one at a time.
     */
    private Path checkRepositoryCopy(Path joined) {
        if (jvmParts(joined).size() > 1) {
            List<String> commands = new ArrayList<>();
            for (Path chunk : repositoryChunks) {
                commands.add(Notes.loomCommand() + " inspect " + ShellWord.of(chunk.toString()));
            }
            throw new UsageException(
                    "'" + file + "' holds the chunks of more than one JVM, or chunks that go back over one another's"
                            + " time (copied into it from elsewhere, or its JVM's clock set back), which the JDK's"
                            + " parser reads wrongly as one recording; inspect them one at a time: ",
                    String.join("; ", commands));
        }
        return checkRecording(joined);
    }

    /** The process whose ended JVM left the repository folder read, or -1 where what is read is not such a folder. */
    private long endedRepository = -1;

    @Override
    public Integer call() throws Exception {
        HeapWatch.fullCollectionFirst(); // one thread reads: a young collection's figure counts the parser's garbage
        Path joined = null;
        try {
            joined = repositoryJoined(file, err()); // a gone JVM's repository folder, as one recording; else null
            return inspect(joined != null ? checkRepositoryCopy(joined) : checkRecording(file));
        } catch (CopyRefused e) {
            return copyRefused(e);
        } finally {
            if (joined != null) {
                Files.deleteIfExists(joined);
            }
        }
    }

    /**
     * The temporary folder refused the finished copy of what a killed JVM had flushed (full, or missing): not loom's
     * error, nor the recording's. Nothing of the copy is left.
     */
    static final class CopyRefused extends IOException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        CopyRefused(IOException cause) {
            super(cause);
        }
    }

    /** One line: the folder, the reason, and how to read the recording anyway; exit 1, as a refused report is. */
    private int copyRefused(CopyRefused e) {
        String reason = AtomicFile.reason((IOException) e.getCause());
        err().println("loom: could not copy what '" + VisibleText.of(file.toString())
                + "' had flushed into the temporary folder '"
                + System.getProperty("java.io.tmpdir") + "' (" + reason + "), which loom reads it from; make room"
                + " there, or name another folder with LOOM_JAVA_OPTS=-Djava.io.tmpdir=FOLDER");
        return LoomCli.EXIT_CHECK_FAILED;
    }

    /**
     * {@code chunks} joined into a finished copy in the temporary folder ({@link UnfinishedChunk#join}), which the
     * caller deletes.
     *
     * @throws CopyRefused if the file system refused it (a full or missing folder); nothing of it is left
     */
    private static Path finishedCopy(List<Path> chunks) throws IOException {
        Path joined = null;
        try {
            joined = Files.createTempFile("loom-inspect-", ".jfr");
            UnfinishedChunk.join(chunks, joined);
            return joined;
        } catch (IOException | RuntimeException e) {
            if (joined != null) {
                Files.deleteIfExists(joined);
            }
            boolean ctrlC = e instanceof InterruptedIOException
                    || e instanceof java.nio.channels.ClosedChannelException
                    || stopRequested();
            if (e instanceof IOException refused && !ctrlC) {
                throw new CopyRefused(refused);
            }
            throw e;
        }
    }

    /**
     * A folder JFR made as a JVM's repository ({@code yyyy_MM_dd_HH_mm_ss_PID}), which its JVM left behind (killed, or
     * crashed): its chunks in a temporary file, in the order of their names (their start times), the last as far as it
     * was flushed ({@link UnfinishedChunk#join}), said in one line on {@code err}; null for anything else, which
     * {@link #checkRecording} judges. A running JVM's is refused with the jcmd that copies its recordings whole.
     */
    Path repositoryJoined(Path folder, PrintWriter err) throws IOException {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        java.util.OptionalLong pid =
                JfrRepository.madeBy(folder.toAbsolutePath().normalize());
        if (pid.isEmpty()) {
            return null;
        }
        if (JfrRepository.madeByRunningProcess(folder.toAbsolutePath().normalize())) {
            throw new UsageException("'" + folder + "' is the JFR repository of process " + pid.getAsLong()
                    + ", which is running: its chunks are still being written; inspect a copy of its recordings from"
                    + " 'jcmd " + pid.getAsLong() + " JFR.dump filename=FILE'");
        }
        List<Path> chunks;
        try (Stream<Path> files = Files.list(folder)) {
            chunks = files.filter(f -> f.getFileName().toString().endsWith(".jfr"))
                    .filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
        List<Path> flushed = new ArrayList<>();
        for (Path chunk : chunks) {
            if (!UnfinishedChunk.nothingFlushed(chunk)) {
                flushed.add(chunk);
            }
        }
        if (flushed.isEmpty()) {
            throw new UsageException("'" + folder + "' is the JFR repository of process " + pid.getAsLong()
                    + ", which has ended, and holds " + (chunks.isEmpty() ? "no chunk" : NOTHING_FLUSHED)
                    + " to read");
        }
        for (Path chunk : flushed) { // said of the chunk: the copy's name, a temporary file, means nothing to a user
            if (!startsLikeARecording(chunk)) {
                throw new UsageException("'" + chunk + "', in the JFR repository '" + folder + "', is not a JFR"
                        + " recording (a recording's first bytes are FLR and a zero byte); move it out, or inspect"
                        + " the chunks one at a time");
            }
        }
        chunks = flushed;
        repositoryChunks = chunks;
        int unfinished = 0;
        for (Path chunk : chunks) {
            unfinished += UnfinishedChunk.flushedSize(chunk) >= 0 ? 1 : 0;
        }
        // said before the copy, which takes a while for a big repository
        err.println("loom: '" + VisibleText.of(folder.toString()) + "' is the JFR repository of process "
                + pid.getAsLong() + ", which has ended"
                + (unfinished > 0 ? " without finishing it (it was killed, or crashed)" : "") + "; reading its "
                + (chunks.size() == 1 ? "chunk" : chunks.size() + " chunks")
                + (unfinished == 0
                        ? ""
                        : chunks.size() == 1
                                ? ", as far as it was flushed"
                                : unfinished == 1
                                        ? ", the unfinished one as far as it was flushed"
                                        : ", the " + unfinished + " unfinished ones as far as they were flushed"));
        err.flush();
        unfinishedRead = unfinished > 0;
        endedRepository = pid.getAsLong();
        return finishedCopy(chunks);
    }

    private int inspect(Path recording) throws Exception {
        if (out != null && out.toString().equals("-")) {
            out = null; // the standard output, as '-' is to most tools: it wrote a file named '-'
        }
        // said before checkTarget's "a file of another kind is there", which --out naming the recording is too
        if (out != null && !out.toString().isEmpty() && sameFile(out, recording)) {
            throw new UsageException("--out '" + out + "' is the recording itself; give another file name");
        }
        if (slim != null && slim.toString().equals("-")) { // it wrote a file named '-', where --out '-' is stdout
            throw new UsageException("--slim '-': the copy is a recording, for JDK Mission Control to open; give it a"
                    + " file name (--out - is the report's standard output)");
        }
        if (slim != null && !slim.toString().isEmpty() && sameFile(slim, recording)) {
            throw new UsageException("--slim '" + slim + "' is the recording itself; give another file name");
        }
        Path target = out == null ? null : AtomicFile.checkTarget(out, "--out", AtomicFile.Kind.REPORT);
        Path slimTarget = slim == null ? null : AtomicFile.checkTarget(slim, "--slim", AtomicFile.Kind.RECORDING);
        if (target != null && slimTarget != null && sameFile(target, slimTarget)) {
            throw new UsageException(
                    "--out and --slim name the same file, '" + out + "'; give the report and the copy different names");
        }
        PrintWriter err = err();
        // a chunk its JVM never finished (killed, crashed), which the JDK's parser refuses: read what it had flushed
        long flushed = runningProcesssChunk(recording) ? -1 : UnfinishedChunk.flushedSize(recording);
        Path finished = null;
        try {
            if (flushed >= 0) {
                // said before the copy, which takes a while for a big chunk
                err.println("loom: '" + VisibleText.of(file.toString())
                        + "' is a chunk its JVM never finished (it was killed, or crashed); reading the "
                        + TextReport.size(flushed) + " it had flushed, up to about a second before it ended");
                err.flush();
                finished = finishedCopy(List.of(recording));
                unfinishedRead = true;
            }
            return inspect(recording, finished != null ? finished : recording, target, slimTarget, err);
        } finally {
            if (finished != null) {
                Files.deleteIfExists(finished);
            }
        }
    }

    /** Reads {@code read} (the recording, or a finished copy of it) and writes the report and the copy asked for. */
    private int inspect(Path recording, Path read, Path target, Path slimTarget, PrintWriter err) throws Exception {
        boolean progress = Progress.stderrIsTerminal();
        RecordingReader.Result result;
        try {
            result = RecordingReader.analyze(
                    read,
                    file.toString(),
                    !read.equals(file), // a finished copy of an unfinished chunk, or a repository folder's chunks
                    progress ? progressLines(err, System::nanoTime) : events -> {},
                    new Pasted(
                            ShellWord.of(Notes.jfrTool()), // this JDK's, which has scrub
                            Notes.loomCommand(),
                            java.util.stream.Stream.of(target, slimTarget)
                                    .filter(path -> path != null && !AtomicFile.isStandardOutput(path))
                                    .collect(java.util.stream.Collectors.toSet()),
                            // as given, as the user would paste it; the target is the absolute path
                            slimTarget == null || AtomicFile.isStandardOutput(slimTarget) ? null : slim));
        } catch (InterruptedIOException e) {
            return stopped(err, "no report written");
        } catch (RecordingReader.RuleFailedException e) {
            throw e; // not the file's fault: an unexpected error (exit 1), not bad input
        } catch (IOException e) { // the parser's own failures too (RecordingReader.parse)
            throw new UsageException("'" + file + "' is not a whole JFR recording: "
                    + notWhole(recording, unfinishedRead, endedRepository) + " (the parser said"
                    + (unfinishedRead ? ", of the part flushed" : "") + ": " + reason(e) + ")");
        }
        Report report =
                new Report(file.toString(), Files.size(read), result.events(), result.findings(), result.bytesLost());
        if (stopRequested()) { // Ctrl-C after the last event
            return stopped(err, "no report written");
        }
        if (target == null) {
            write(report, out());
        } else {
            try {
                writeWhole(target, writer -> write(report, writer));
            } catch (ClosedByInterruptException | InterruptedIOException e) { // Ctrl-C while it was written
                return stopped(err, "no report written");
            }
            // on stderr where the report itself went to the standard output (--out /dev/stdout): JSON that parses
            (AtomicFile.isStandardOutput(target) ? err : out())
                    .println("Report written to " + VisibleText.of(target.toString()));
        }
        if (slimTarget != null) {
            Slim.Kept kept;
            try {
                if (progress) { // as long as the reading, and silent otherwise
                    err.println("loom inspect: writing the copy without " + Slim.LEFT_OUT_IN_WORDS + " ...");
                    err.flush();
                }
                kept = Slim.write(read, slimTarget, result.sampledVirtualThreads());
            } catch (InterruptedIOException e) {
                return stopped(err, "no copy written");
            }
            // on stderr when the report itself went to stdout, which then holds the report alone (JSON parses)
            PrintWriter said =
                    target == null || AtomicFile.isStandardOutput(target) || AtomicFile.isStandardOutput(slimTarget)
                            ? err
                            : out();
            said.println(
                    "Copy without " + Slim.LEFT_OUT_IN_WORDS + " written to " + VisibleText.of(slimTarget.toString()));
            kept.stillManyLine(slimTarget, ShellWord.of(Notes.jfrTool())).ifPresent(said::println);
        }
        return LoomCli.EXIT_OK;
    }

    /** What writes a report to a file's writer. */
    @FunctionalInterface
    interface ReportWriter {
        void writeTo(Writer writer) throws IOException;
    }

    /**
     * Writes the report to {@code target} whole ({@link AtomicFile}), unless Ctrl-C came first: asked once more when the
     * report is written, the last moment before it takes its name. Ctrl-C (a signal: the JVM's exit will be 130
     * whatever the command returns) that came while the last bytes were written, or before its interrupt reached this
     * thread, wrote the whole report, said "Report written" and exited 130, the work both done and said stopped.
     *
     * @throws InterruptedIOException if stopped: nothing was written under the name
     * @throws ClosedByInterruptException if the interrupt closed the file it wrote through: the same
     */
    static void writeWhole(Path target, ReportWriter report) throws IOException {
        AtomicFile.write(target, temporary -> {
            // a recording's string may hold a lone surrogate, which the standard output writes as '?': so does the
            // file, where Files.newBufferedWriter's encoder refused it and the whole report ("Input length = 1")
            try (Writer writer = new java.io.OutputStreamWriter(
                    Files.newOutputStream(temporary),
                    StandardCharsets.UTF_8
                            .newEncoder()
                            .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE))) {
                report.writeTo(writer);
            }
            if (stopRequested()) {
                throw new InterruptedIOException("stopped before the report took its name");
            }
        });
    }

    /**
     * Whether Ctrl-C (TERM, HUP) came: the thread interrupted, or the JVM shutting down, which its interrupt follows
     * (the CLI's hook first says so on stderr).
     */
    private static boolean stopRequested() {
        return Thread.currentThread().isInterrupted() || Cancellation.requested();
    }

    /** The reading says how far it got when this long has passed since it began or said so last: 2 s. */
    static final long PROGRESS_NANOS = 2_000_000_000L;

    /** ... or when it has read this many events more, whichever comes first. */
    static final long PROGRESS_EVENTS = 1_000_000;

    /**
     * What hears the reader's count of events ({@link RecordingReader#PROGRESS_EVERY}): a line on {@code err} when
     * {@link #PROGRESS_NANOS} have passed on {@code clock}, or {@link #PROGRESS_EVENTS} more events were read, since
     * the reading began or the line before. It said so every million events only: the first line came 5 to 9 s into
     * a million virtual threads' recording, and none in the 5 s of one of 450,000 events.
     */
    static LongConsumer progressLines(PrintWriter err, LongSupplier clock) {
        long started = clock.getAsLong();
        long[] last = {started, 0}; // the time and the count of the line before
        return events -> {
            long now = clock.getAsLong();
            if (now - last[0] >= PROGRESS_NANOS || events - last[1] >= PROGRESS_EVENTS) {
                last[0] = now;
                last[1] = events;
                err.printf(Locale.ROOT, "loom inspect: %,d events read (%.0f s)%n", events, (now - started) / 1e9);
                err.flush();
            }
        };
    }

    @Override
    String doingInWords() {
        return " reading '" + file + "'";
    }

    /**
     * Ctrl-C (or another signal that stops the JVM: TERM, HUP), which reaches the command as an interrupt of its thread
     * (the CLI's shutdown hook): one line, and the exit code of an interrupted run. What was being written is not there
     * ({@link AtomicFile}). The heap watch stops the command with the same interrupt: then nothing is said here, and
     * {@link LoomCli#execute} says in one line that the heap stopped it.
     */
    private static int stopped(PrintWriter err, String unwritten) {
        if (HeapWatch.tripped() == null) {
            LoomCli.awaitStoppingLine(); // it sees the request, which the hook makes before its line
            err.println("loom: inspect stopped (Ctrl-C, TERM or HUP); " + unwritten);
        }
        return LoomCli.EXIT_INTERRUPTED;
    }

    /**
     * The format asked for, else the one {@code --out}'s name ends in: {@code --out r.html} alone wrote the text
     * report into a page's name.
     */
    Format format() {
        if (format != null) {
            return format;
        }
        String name = out == null ? "" : String.valueOf(out.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Format.HTML;
        }
        return name.endsWith(".json") ? Format.JSON : Format.TEXT;
    }

    private void write(Report report, Writer writer) throws IOException {
        switch (format()) {
            case TEXT -> {
                if (writer instanceof PrintWriter terminal) {
                    TextReport.print(report, terminal);
                } else { // a PrintWriter over the file would swallow a refused write (ulimit -f): the report went
                    // short into place, "Report written", exit 0; through a buffer, the write's error reaches
                    // AtomicFile
                    StringWriter text = new StringWriter();
                    TextReport.print(report, new PrintWriter(text));
                    writer.write(text.toString());
                }
            }
            case JSON -> JsonReport.write(report, writer);
            case HTML -> HtmlReport.write(report, writer);
        }
        writer.flush();
    }

    /**
     * Said of an empty file. A JVM told to record to a file makes it empty as its recording starts and writes it as
     * the recording stops, so one killed first leaves it empty (a helper's Jetty server, killed with {@code kill -9}),
     * its events in its JFR repository, which inspect reads. A repository in {@code base} made in the same moment as
     * the file is named, as what it is (made then, by a process now running or ended), not as the file's for sure:
     * another JVM may have started a recording then.
     */
    static String emptyRecording(Path file, Path base) {
        String said = "'" + file + "' is empty; give a .jfr recording. A JVM writes the file it records to as its"
                + " recording stops: killed before that, it leaves it empty, and its events in its JFR repository, a"
                + " folder yyyy_MM_dd_HH_mm_ss_PID in the temporary folder, which loom inspect reads";
        Instant made;
        try {
            made = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException | RuntimeException unreadable) {
            return said;
        }
        List<Path> near = JfrRepository.madeNear(base, made);
        if (near.isEmpty()) {
            return said;
        }
        Path repository = near.getFirst();
        long pid = JfrRepository.madeBy(repository).orElseThrow();
        return said + "; one was made as this file was, by process " + pid
                + (JfrRepository.madeByRunningProcess(repository)
                        ? ", still running (if it records to this file, 'jcmd " + pid
                                + " JFR.dump filename=FILE' copies its recording now)"
                        : ", which has ended: " + Notes.loomCommand() + " inspect "
                                + ShellWord.of(repository.toString()));
    }

    static Path checkRecording(Path file) {
        requireName(file.toString(), "the recording's name", "give a .jfr recording");
        UsageException unseen = unseen(file, "no such file: '" + file + "'; give a .jfr recording");
        if (unseen != null) {
            throw unseen;
        }
        if (Files.isDirectory(file)) {
            throw new UsageException("'" + file + "' is a directory, and not a JFR repository folder"
                    + " (yyyy_MM_dd_HH_mm_ss_PID, as a killed JVM leaves one); give a .jfr recording");
        }
        requireReadableFile(file, "give a .jfr recording");
        if (!readsAByte(file)) {
            throw new UsageException(emptyRecording(file, JfrRepository.temporaryFolder()));
        }
        if (!startsLikeARecording(file)) {
            throw new UsageException("'" + file + "' is not a JFR recording (a recording's first bytes are"
                    + " FLR and a zero byte); give a .jfr recording"
                    + (startsLikeJson(file) ? ", or print a JSON thread dump with 'loom dump FILE'" : "")
                    + (startsLikeGzip(file)
                            ? "; this one is compressed with gzip: give it uncompressed (gunzip)"
                            : ""));
        }
        List<JvmParts.Part> parts = jvmParts(file);
        if (parts.size() > 1 && parts.stream().allMatch(part -> part.offset() == 0 || part.again())) {
            throw new UsageException(
                    "'" + file + "' holds some of one JVM's recorded time more than once, in "
                            + parts.size()
                            + " parts that each go back over time a part before it holds (two dumps of its recordings"
                            + " joined: jcmd JFR.dump twice, or two recordings that ran at once; or a file joined to"
                            + " itself), whose events the JDK's parser would count as often as they are there; inspect"
                            + " one part, the last dump holds what an earlier dump of the same recording does: ",
                    splitCommands(file, parts));
        }
        if (parts.size() > 1) {
            throw new UsageException(
                    "'" + file + "' joins the recordings of more than one JVM, in " + parts.size()
                            + " parts one after the other (a cat of recordings, or jfr assemble of several runs'"
                            + " files; or one JVM's, its machine suspended or its clock set between them, or its"
                            + " chunks' headers damaged), which the JDK's parser reads wrongly: it gives one JVM's"
                            + " threads, classes and methods the names of another's, or loses events; inspect each"
                            + " part alone: ",
                    splitCommands(file, parts));
        }
        return file;
    }

    /** {@link JvmParts#of}, a file that cannot be read said in one line. */
    private static List<JvmParts.Part> jvmParts(Path file) {
        try {
            return JvmParts.of(file);
        } catch (IOException e) {
            throw new UsageException("cannot read '" + file + "': " + reason(e));
        }
    }

    /**
     * Shell commands that write each part to a file of its own beside the recording ({@code p.jfr}: {@code p-part1.jfr},
     * {@code p-part2.jfr}, ...), joined by {@code ; }.
     */
    static String splitCommands(Path file, List<JvmParts.Part> parts) {
        String name = file.toString();
        String stem = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            JvmParts.Part part = parts.get(i);
            String from = part.offset() == 0 ? "" : "tail -c +" + (part.offset() + 1) + " " + ShellWord.of(name);
            boolean last = i == parts.size() - 1;
            String read = from.isEmpty()
                    ? "head -c " + part.size() + " " + ShellWord.of(name)
                    : last ? from : from + " | head -c " + part.size();
            commands.add(read + " > " + ShellWord.of(stem + "-part" + (i + 1) + ".jfr"));
        }
        return String.join("; ", commands);
    }

    /**
     * Whether two paths name one file: the same path once absolute and normalized, or, where both
     * exist, the same file on disk (through a link, for one).
     */
    static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // cannot tell: the write itself will say what is wrong
        }
    }

    /** Whether the file's first byte but white space is a brace: JSON, such as a thread dump jcmd wrote. */
    static boolean startsLikeJson(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(64);
            for (byte b : start) {
                if (!Character.isWhitespace(b)) {
                    return b == '{';
                }
            }
            return false;
        } catch (IOException e) {
            return false; // the line says what the file is not, whatever this cannot tell
        }
    }

    /**
     * Whether the file begins as gzip's output does ({@code 1f 8b}): a recording kept compressed, which JMC opens as it
     * is and the JDK's parser does not (a helper's hunt: "not a JFR recording", and nothing more).
     */
    static boolean startsLikeGzip(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b;
        } catch (IOException e) {
            return false; // the line says what the file is not, whatever this cannot tell
        }
    }

    /**
     * Whether reading the file gives a byte, not whether its size is 0: one the kernel makes as it is read ({@code
     * /proc/self/status}) has a size of 0 and is not empty (a helper's hunt: it was called empty, with the advice for a
     * killed JVM's file).
     */
    private static boolean readsAByte(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return in.read() >= 0;
        } catch (IOException e) { // /proc/1/mem: an AccessDeniedException whose message is the file's name
            throw new UsageException("cannot read '" + file + "': " + AtomicFile.reason(e));
        }
    }

    /** {@link Recorder#startsLikeARecording}, a file that cannot be read said in one line. */
    private static boolean startsLikeARecording(Path file) {
        try {
            return Recorder.startsLikeARecording(file);
        } catch (IOException e) {
            throw new UsageException("cannot read '" + file + "': " + reason(e));
        }
    }

    /** A chunk whose JVM ended before JFR's first flush, in words. */
    static final String NOTHING_FLUSHED = "only a chunk its JVM never flushed (killed or crashed within about a second"
            + " of its recording's start: JFR writes what it recorded once a second), so nothing";

    /**
     * What a file the JDK's parser refused may be, and what to inspect instead. A chunk in a JFR repository (a folder
     * {@code yyyy_MM_dd_HH_mm_ss_PID}) is one a JVM was writing: the process is named, and where it has ended
     * without finishing the chunk (killed: a SIGKILL runs no JFR hook), no {@code jcmd} can help, which the general
     * advice implied. So too for what a killed JVM had flushed, read outside its repository or from the folder
     * ({@code unfinishedRead}: what was read is a finished copy of a chunk its JVM never finished). A gone JVM's folder
     * whose chunks were all finished ({@code endedRepository}, its pid) holds a damaged one: no jcmd either.
     */
    static String notWhole(Path recording, boolean unfinishedRead, long endedRepository) {
        Path folder = recording.toAbsolutePath().getParent();
        java.util.OptionalLong pid = JfrRepository.madeBy(folder);
        if (pid.isEmpty() && endedRepository >= 0 && !unfinishedRead) {
            return "it is the JFR repository of process " + endedRepository + ", which has ended after finishing every"
                    + " chunk it holds, yet what they hold could not be read (damaged since its JVM wrote them); "
                    + NO_PROCESS_TO_DUMP;
        }
        if (pid.isEmpty() && unfinishedRead) {
            return "its JVM never finished it (killed, or crashed), and what it had flushed could not be read either"
                    + " (damaged, or the JVM ended while it rewrote a chunk's header); " + NO_PROCESS_TO_DUMP;
        }
        if (pid.isEmpty()) {
            return "it was cut short, is damaged, or is still being written; inspect a recording that has ended, or a"
                    + " copy of a running one from 'jcmd PID JFR.dump filename=FILE'";
        }
        if (runningProcesssChunk(recording)) {
            return "it is a chunk of the JFR repository of process " + pid.getAsLong() + ", still being written;"
                    + " inspect a copy of its recordings from 'jcmd " + pid.getAsLong() + " JFR.dump filename=FILE'";
        }
        if (nothingFlushedQuietly(recording)) {
            return "it is " + NOTHING_FLUSHED.replaceFirst("^only ", "") + " to read, and no process left to dump";
        }
        return "it is a chunk of the JFR repository of process " + pid.getAsLong() + ", which ended without finishing"
                + " it (killed, or crashed), and what it had flushed could not be read either (it may have ended while"
                + " it rewrote the chunk's header); " + NO_PROCESS_TO_DUMP;
    }

    /** What a refusal of a killed JVM's chunk ends with: no jcmd can help, and what makes a whole recording. */
    private static final String NO_PROCESS_TO_DUMP = "there is no process left to dump, and a recording the JVM writes"
            + " as it exits (-XX:StartFlightRecording:filename=FILE) or a jcmd JFR.dump taken while it runs is whole";

    private static boolean nothingFlushedQuietly(Path recording) {
        try {
            return UnfinishedChunk.nothingFlushed(recording);
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Whether {@code recording} is in the JFR repository of a process still running, which writes it still. */
    private static boolean runningProcesssChunk(Path recording) {
        return JfrRepository.madeByRunningProcess(recording.toAbsolutePath().getParent());
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : message.strip().lines().findFirst().orElse("").replaceFirst("\\.$", ""); // ends inside "(...)"
    }
}
