package dev.loompatterns.jfr;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JFR recording of one run, written to its file only when the run is over, whole or not at all
 * ({@link AtomicFile}), so an interrupted or failed run leaves no half-written {@code .jfr} behind.
 *
 * {@snippet :
 * Path file = Recorder.checkTarget(Path.of("run.jfr"));          // usage errors before any work
 * try (Recorder recorder = Recorder.start(Profiles.load("pinning"), file)) {
 *     runThePattern();
 *     recorder.finish();                                          // the file exists from here on
 * }
 * }
 */
public final class Recorder implements AutoCloseable {

    private final Recording recording;
    private final Path target;
    /** Whether {@link #finish} writes the file only if no file has its name then ({@link AtomicFile#writeNew}). */
    private final boolean overNothing;

    private boolean finished;

    /** The magic bytes every JFR chunk, so every recording, begins with. */
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    /** Whether the file begins with {@code FLR\0}, as every recording does: it is one, perhaps cut short. */
    public static boolean startsLikeARecording(Path file) throws IOException {
        byte[] start = new byte[MAGIC.length];
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(start, 0, start.length) == start.length && java.util.Arrays.equals(start, MAGIC);
        }
    }

    private Recorder(Recording recording, Path target, boolean overNothing) {
        this.recording = recording;
        this.target = target;
        this.overNothing = overNothing;
    }

    /**
     * Checks, before any work starts, that a recording can be written to {@code target}.
     *
     * @return the absolute target path
     * @throws RecordingSetupException if the path is a directory, a read-only file or not a regular file (a device, a
     *                                 pipe), or its folder is missing or unwritable
     */
    public static Path checkTarget(Path target) {
        // '--jfr /dev/null': its child JVMs' files would be made beside it, in /dev
        if (AtomicFile.writtenInto(target)) {
            throw new RecordingSetupException("cannot write recording '" + target + "': it is not a regular file (a"
                    + " device, a pipe or a socket), and a run's child JVMs record beside its recording; give a file"
                    + " name");
        }
        return AtomicFile.checkTarget(target, "recording", AtomicFile.Kind.RECORDING);
    }

    /**
     * Checks that {@code dir} can hold recordings, creating it if it does not exist; its parent must: a mistyped
     * {@code --jfr-dir} made a tree of folders, where {@code --jfr} and {@code --out} refuse a missing folder.
     *
     * @throws RecordingSetupException if it is a file, its parent does not exist, or it cannot be created or written
     */
    public static Path checkDirectory(Path dir) {
        if (dir.toString().isEmpty()) { // '--jfr-dir=': the current folder, which nobody asked for
            throw new RecordingSetupException("--jfr-dir is empty; give a folder for the recordings");
        }
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new RecordingSetupException("--jfr-dir '" + dir + "' is a file; give a folder for the recordings");
        }
        Path parent = absolute.getParent();
        if (!Files.isDirectory(absolute) && parent != null) {
            AtomicFile.requireFolder(parent, "cannot create --jfr-dir '" + dir + "'");
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new RecordingSetupException("cannot create --jfr-dir '" + dir + "': " + AtomicFile.reason(e));
        }
        AtomicFile.checkFolder(absolute, "cannot write to --jfr-dir '" + dir + "'");
        return absolute;
    }

    /** Starts recording with the given settings; the file is written by {@link #finish()}. */
    public static Recorder start(Configuration configuration, Path target) {
        return start(configuration, target, target.getFileName().toString(), false);
    }

    /**
     * As {@link #start}, for a file that will be moved to another name once written (a child JVM's hidden
     * {@code .p-child-1.jfr.pending}): the recording is named for that one, as JMC and {@code jdk.ActiveRecording}
     * show it.
     */
    public static Recorder start(Configuration configuration, Path target, String finalName) {
        return start(configuration, target, finalName, false);
    }

    /**
     * As {@link #start}, for a file whose name loom chose ({@code run --jfr}'s default): {@link #finish()} writes it only
     * if no file has the name by then, so as never to write over a file loom did not make (another run's, started
     * in the same second by a JVM of the same pid, in another container).
     */
    public static Recorder startNew(Configuration configuration, Path target) {
        return start(configuration, target, target.getFileName().toString(), true);
    }

    private static Recorder start(Configuration configuration, Path target, String name, boolean overNothing) {
        JvmShutdown.requireRunning("a recording"); // before the recording exists: nothing to close if it throws
        Recording recording = new Recording(configuration);
        try {
            recording.setName("loom-patterns " + name);
            recording.setToDisk(true);
            recording.start();
        } catch (RuntimeException | Error e) {
            recording.close(); // the caller gets no Recorder to close
            throw e;
        }
        return new Recorder(recording, target, overNothing);
    }

    /**
     * Stops the recording and writes it to the target.
     *
     * @return the file written
     * @throws UncheckedIOException if the file system refused it, or, started by {@link #startNew}, a file had its
     *                              name by then ({@link AtomicFile.NotWritten} the cause, which the CLI says in one
     *                              line)
     */
    public Path finish() {
        return finish(() -> false);
    }

    /**
     * As {@link #finish()}, but asks {@code stopped} once the recording is written, the last moment before it takes
     * its name: a Ctrl-C that came while JFR wrote it (which does not stop for an interrupt) kept the whole file,
     * printed its summary and exited 130 without saying it had stopped (a review, 2 tries of 3 at 27 MB).
     *
     * @throws UncheckedIOException with an {@link InterruptedIOException} as its cause if {@code stopped} said so:
     *     nothing was written under the name
     */
    public Path finish(BooleanSupplier stopped) {
        recording.stop();
        AtomicFile.Content content = temporary -> {
            recording.dump(temporary);
            if (stopped.getAsBoolean()) {
                throw new InterruptedIOException("stopped before the recording took its name");
            }
        };
        try {
            if (overNothing) {
                AtomicFile.writeNew(target, content);
            } else {
                AtomicFile.write(target, content);
            }
            finished = true;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write recording " + target, e);
        }
    }

    /** Discards the recording if {@link #finish()} was not reached. */
    @Override
    public void close() {
        recording.close();
    }

    public boolean finished() {
        return finished;
    }
}
