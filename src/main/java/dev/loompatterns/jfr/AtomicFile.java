package dev.loompatterns.jfr;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Serial;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * A file written whole or not at all: the content goes to a hidden temporary file beside the
 * target, which is then moved into place ({@link #writeNew}: linked, so that it takes the name only if no
 * file has it), so an interrupted or failed write leaves nothing half-written under the target's name.
 * Recordings, reports, slimmed copies and dumps are written so. A target that is a character device or a pipe
 * ({@code --out /dev/null}) is not replaced but written into ({@link #writtenInto}), once the content is whole; a named
 * pipe only if a process reads it ({@link NamedPipe}).
 */
public final class AtomicFile {

    /** What writes the content, to the temporary file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * A write that failed for a reason of the file system's (no space left, a file-size limit, an I/O
     * error), said in one line that names the file; an interrupt's {@code ClosedByInterruptException}
     * or {@code InterruptedIOException} passes through as it was.
     */
    public static final class NotWritten extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        NotWritten(Path target, IOException cause) {
            super(
                    "could not write '" + target + "': " + AtomicFile.reason(cause)
                            + "; nothing was written under that name",
                    cause);
        }
    }

    private AtomicFile() {}

    /**
     * Writes {@code content} to a hidden file beside {@code target} and moves it into place, replacing what was there.
     * A file replaced keeps its permissions (a report made private stays so); a hard link to it keeps the old
     * content, since a new file takes its name.
     *
     * @throws NotWritten if the file system refused the content or the move
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, true);
    }

    /**
     * As {@link #write}, but never over a file: the content takes {@code target}'s name only if no file has it
     * then. A dump is not written over a file, and a check before the run cannot see another {@code loom dump}
     * that chose the same name meanwhile (two started in the same second): the later one replaced the other's.
     *
     * @throws NotWritten if a file had the name by then, or the file system refused the content
     */
    public static void writeNew(Path target, Content content) throws IOException {
        write(target, content, false);
    }

    /**
     * Takes a name for a file that {@link #writeNew} writes later: {@code first}, or, where a file has that name or
     * another loom has taken it, the first of {@code NAME-2.EXT}, {@code NAME-3.EXT}, ... ({@link #freeName}). It is
     * taken by a hidden empty file beside it, {@code .NAME.taken}, made with {@code CREATE_NEW}, which the file system
     * makes for one process only: two {@code run --jfr} that chose one default name (two containers, each loom pid 1,
     * started in the same second) both saw it free, and the later one's recording was refused at the end, "a file of
     * that name was made while loom worked", exit 1. Free it with {@link #releaseName} once written or given up;
     * the CLI's JVM that ends before (Ctrl-C's grace over, the heap watch's halt) frees it on its way out ({@link
     * TemporaryFiles}), one killed, or another JVM that exits first, leaves it.
     *
     * @throws NotWritten if no file can be made in the folder
     */
    public static Path takeFreeName(Path first) throws IOException {
        for (int number = 1; ; number++) {
            Path file = numbered(first, number);
            if (!free(file)) {
                continue;
            }
            Path mark = takenMark(file);
            try {
                Files.createFile(mark);
            } catch (FileAlreadyExistsException takenMeanwhile) {
                continue;
            } catch (IOException e) {
                throw new NotWritten(file, e);
            }
            TemporaryFiles.hold(mark);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) { // made between the look and the mark
                releaseName(file);
                continue;
            }
            return file;
        }
    }

    /** Gives back a name {@link #takeFreeName} took. */
    public static void releaseName(Path file) {
        TemporaryFiles.delete(
                takenMark(file)); // a leftover mark is hidden and empty: it keeps another loom off the name
    }

    /**
     * {@code first}, or where a file has that name (a link too, dangling or not) or another loom has taken it
     * ({@link #takeFreeName}), the first of {@code NAME-2.EXT}, {@code NAME-3.EXT}, ... that is free.
     */
    public static Path freeName(Path first) {
        Path file = first;
        for (int number = 2; !free(file); number++) {
            file = numbered(first, number);
        }
        return file;
    }

    private static boolean free(Path file) {
        return !Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(takenMark(file), LinkOption.NOFOLLOW_LINKS);
    }

    /** {@code first} for 1, else its name with {@code -N} before its extension. */
    private static Path numbered(Path first, int number) {
        if (number == 1) {
            return first;
        }
        String name = first.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot);
        return first.resolveSibling(stem + "-" + number + extension);
    }

    private static Path takenMark(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".taken");
    }

    private static void write(Path target, Content content, boolean replace) throws IOException {
        boolean into = writtenInto(target);
        // Named, not created: the writer creates it, with the permissions any new file gets (the
        // umask's), where Files.createTempFile would make every recording and report owner-only. Beside the
        // target, to be moved into place; for a device or a pipe, in the temporary folder (no file is made in /dev).
        Path folder = into
                ? Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()
                : target.toAbsolutePath().getParent();
        Path temporary = folder.resolve("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
        // deleted below, and by a JVM that ends mid-write (Ctrl-C's grace over, the heap watch's halt) on its way out;
        // once moved into place, there is nothing under this name to delete
        TemporaryFiles.hold(temporary);
        try {
            content.writeTo(temporary);
            if (into) {
                // a named pipe nobody reads is refused at once, where the open would wait for a reader with no end
                try (NamedPipe.Held reader = NamedPipe.holdReader(target);
                        OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                    copyInto(temporary, out, target);
                }
            } else if (replace) {
                keepPermissions(target, temporary);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                placeNew(temporary, target);
            }
        } catch (ClosedByInterruptException | InterruptedIOException | NotWritten e) {
            throw e;
        } catch (IOException e) {
            throw new NotWritten(target, e);
        } finally {
            TemporaryFiles.delete(temporary);
        }
    }

    /**
     * Copies the content into a device or a pipe. A pipe whose reader stopped ({@code loom dump --out /dev/stdout |
     * head -c 100}) wanted no more, as loom's standard output takes it: not a failure (it was one, exit 1, "nothing
     * was written", though the reader had its part).
     */
    private static void copyInto(Path temporary, OutputStream out, Path target) throws IOException {
        try {
            Files.copy(temporary, out);
            out.flush();
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            if (!isPipe(target)) {
                throw e;
            }
        }
    }

    /**
     * Whether {@code file} is a pipe or a socket ({@code /dev/stdout} of {@code loom compare | head -3}), through a
     * link too. A write to one fails when its reader has gone (EPIPE), which is no error of the output's: the reader
     * wanted no more. Told by the file's type, where the system gives it ({@code unix:mode}, Linux and macOS), as the
     * error's own words ("Broken pipe") are in the user's language.
     */
    public static boolean isPipe(Path file) {
        int type = fileType(file); // -1 where the system gives no type
        return type == 0010000 || type == 0140000; // S_IFIFO, S_IFSOCK
    }

    /**
     * Whether {@code target} is this process's standard output ({@code --out /dev/stdout}, {@code /dev/fd/1}, or the
     * terminal or pipe it is): what a command says about what it wrote then goes to the standard error, or it would
     * follow the content there ({@code loom dump 1 --out /dev/stdout | jq} read the dump's tree after its JSON).
     */
    public static boolean isStandardOutput(Path target) {
        Path stdout = Path.of("/dev/stdout");
        try {
            return Files.exists(stdout) && Files.exists(target) && Files.isSameFile(target, stdout);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Whether {@code target} is written into rather than replaced: a file there already, through a symbolic link too,
     * that is neither a regular file nor a folder, such as a character device ({@code /dev/null}, a terminal) or a
     * named pipe. Moving a new file into its place would replace the device (as root) or fail, where a Unix user
     * expects what is written to reach it; {@code --out /dev/null} was refused as "not a regular file".
     */
    public static boolean writtenInto(Path target) {
        return Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
    }

    /**
     * Gives {@code temporary}'s content the name {@code target} if no file has it: a hard link, which the file
     * system refuses for a name taken, at once; where it has no hard links, a move that checks first.
     */
    private static void placeNew(Path temporary, Path target) throws IOException {
        try {
            Files.createLink(target, temporary); // the temporary file is deleted after, by the caller
        } catch (FileAlreadyExistsException taken) {
            throw taken(target);
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            try {
                Files.move(temporary, target); // no REPLACE_EXISTING: refused if a file has the name
            } catch (FileAlreadyExistsException taken) {
                throw taken(target);
            }
        }
    }

    private static NotWritten taken(Path target) {
        return new NotWritten(
                target,
                new FileAlreadyExistsException(
                        target.toString(), null, "a file of that name was made while loom worked"));
    }

    /** The permissions of the file {@code target} replaces, where there is one and the file system has them. */
    private static void keepPermissions(Path target, Path temporary) throws IOException {
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                && Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
        }
    }

    /**
     * Creates and deletes a file in {@code folder}: the only reliable test that one can be written
     * there (permission bits say nothing for root, nor for read-only or special file systems).
     *
     * @throws IOException why no file can be created there
     */
    public static void probe(Path folder) throws IOException {
        Files.delete(Files.createTempFile(folder, ".loom-probe", ".tmp"));
    }

    /**
     * Checks, before any work starts, that a file can be written to {@code target}: it is not a
     * directory nor a read-only file, and its folder exists and takes new files ({@link #probe}). A file
     * already there is written over only if it is empty or what loom writes as {@code kind} ({@link #replaceable}): a
     * mistyped {@code --jfr README.md} replaced the README, and {@code inspect web.jfr --out keep.jfr} a recording
     * with a report. A character device or a pipe is written into, if it can be
     * ({@link #writtenInto}): {@code --out /dev/null}; a block device (a disk) or a socket is refused.
     *
     * @param what what the file is, for the message: "recording", "--out"
     * @param kind what loom writes there, and so what it may write over
     * @return the absolute target path
     * @throws RecordingSetupException saying why the file cannot be written
     */
    public static Path checkTarget(Path target, String what, Kind kind) {
        if (target.toString().isEmpty()) { // '--out=': the current folder, "'' is a directory"
            throw new RecordingSetupException(what + " is empty; give a file name");
        }
        Path absolute = target.toAbsolutePath().normalize();
        String cannot = "cannot write " + what + " '" + target + "'";
        if (Files.isDirectory(absolute)) {
            throw new RecordingSetupException(cannot + ": it is a directory; give a file name");
        }
        requireFolder(absolute.getParent(), cannot);
        if (writtenInto(absolute)) { // nothing is made beside it: its folder (/dev) need not take new files
            if (isDiskOrSocket(absolute)) {
                throw new RecordingSetupException(cannot + ": it is a block device (a disk) or a socket; give a file"
                        + " name, a character device such as /dev/null or a pipe");
            }
            if (!Files.isWritable(absolute)) {
                throw new RecordingSetupException(cannot + ": permission denied");
            }
            return absolute;
        }
        if (Files.isSymbolicLink(absolute)) { // the write would replace the link, not what it points to
            throw new RecordingSetupException(
                    cannot + ": it is a symbolic link; give the file it points to, or another name");
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            throw new RecordingSetupException(cannot + ": the file is read-only");
        }
        if (Files.exists(absolute) && !Files.isReadable(absolute)) {
            throw new RecordingSetupException(cannot + ": it cannot be read, so loom cannot tell whether it wrote it;"
                    + " give another name, or remove it");
        }
        if (Files.exists(absolute) && !replaceable(absolute, kind)) {
            throw new RecordingSetupException(
                    cannot + ": a file of another kind is there, and loom writes " + kind.inWords
                            + " only over an empty file or " + kind.inWords + "; give another name, or remove it");
        }
        checkFolder(absolute.getParent(), cannot);
        return absolute;
    }

    /**
     * Whether {@code file} is a block device or a socket, by its Unix mode where the file system gives one: a disk is
     * not written into as {@code /dev/null} is, and a socket cannot be opened as a file.
     */
    private static boolean isDiskOrSocket(Path file) {
        int type = fileType(file);
        return type == 0060000 || type == 0140000; // S_IFBLK, S_IFSOCK
    }

    /**
     * The file's type from its Unix mode ({@code S_IFMT} bits: {@code 0010000} a named pipe), or -1 where the file
     * system gives no mode: the write will then say what is wrong.
     */
    public static int fileType(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return -1;
        }
    }

    /** What loom writes to a file, and so what it may write over besides an empty file: a file of the same kind. */
    public enum Kind {
        /** A JFR recording, told by its magic {@code FLR\0}. */
        RECORDING("a JFR recording"),
        /** A report of {@code loom inspect} in any of its formats (text, JSON, HTML), told by how each begins. */
        REPORT("a report of loom inspect");

        final String inWords;

        Kind(String inWords) {
            this.inWords = inWords;
        }
    }

    /** Whether a file already there is one loom may write {@code kind} over: empty, or of that kind. */
    static boolean replaceable(Path file, Kind kind) {
        // the reports name their recording before what tells them: a path of 4,096 bytes, each escaped in JSON
        // as up to six (\\u0001), still ends well inside
        byte[] head = new byte[65_536];
        int read;
        try (var in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false; // what cannot be read is not known to be ours
        }
        String start = new String(head, 0, read, java.nio.charset.StandardCharsets.ISO_8859_1);
        return read == 0
                || switch (kind) {
                    case RECORDING -> start.startsWith("FLR\0");
                    case REPORT ->
                        start.startsWith("Recording: ")
                                || start.matches("(?s)\\{\\s*\"file\" : \".*") && start.contains("\"findings\" : [")
                                || start.startsWith("<!DOCTYPE html>") && start.contains("<title>loom inspect: ");
                };
    }

    /** {@link #probe}s the folder; fails with {@code failure} and the reason if no file can be created there. */
    static void checkFolder(Path folder, String failure) {
        try {
            probe(folder);
        } catch (IOException e) {
            throw new RecordingSetupException(failure + ": " + reason(e));
        }
    }

    /** Why a file operation failed, in words rather than an exception's class and a path. */
    public static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "the folder does not exist or does not accept new files";
            case FileAlreadyExistsException exists when exists.getReason() != null -> exists.getReason();
            case FileAlreadyExistsException exists -> "a file is in the way";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /**
     * Refuses a {@code folder} that is a file ({@code --out p.jfr/x.html}) or does not exist, in one line that
     * begins with {@code cannot}.
     */
    static void requireFolder(Path folder, String cannot) {
        if (folder != null && Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new RecordingSetupException(cannot + ": '" + folder + "' is a file, not a folder");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new RecordingSetupException(cannot + ": folder '" + folder + "' does not exist");
        }
    }
}
