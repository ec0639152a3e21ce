package dev.loompatterns.jfr;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written whole or not at all: the content goes to a hidden temporary file beside the
 * target, which is then moved into place, so an interrupted or failed write leaves nothing
 * half-written under the target's name. Recordings, reports and slimmed copies are written so.
 */
public final class AtomicFile {

    /** What writes the content, to the temporary file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFile() {}

    /**
     * Writes {@code content} to a hidden file beside {@code target} and moves it into place, replacing what was there.
     */
    public static void write(Path target, Content content) throws IOException {
        // Named, not created: the writer creates it, with the permissions any new file gets (the
        // umask's), where Files.createTempFile would make every recording and report owner-only.
        Path temporary = target.toAbsolutePath()
                .getParent()
                .resolve("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
        // a JVM that halts mid-write (Ctrl-C's grace ran out) still deletes it, on its way out; once moved into
        // place, there is nothing under this name to delete
        temporary.toFile().deleteOnExit();
        try {
            content.writeTo(temporary);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless and hidden (dot-prefixed)
            }
        }
    }

    /**
     * Creates and deletes a file in {@code folder}: the only reliable test that one can be written
     * there (permission bits say nothing for root, nor for read-only or special file systems).
     *
     * @throws IOException why no file can be created there
     */
    private static void probe(Path folder) throws IOException {
        Files.delete(Files.createTempFile(folder, ".loom-probe", ".tmp"));
    }

    /**
     * Checks, before any work starts, that a file can be written to {@code target}: it is not a
     * directory nor a read-only file, and its folder exists and takes new files ({@link #probe}).
     *
     * @param what what the file is, for the message: "recording", "--out"
     * @return the absolute target path
     * @throws RecordingSetupException saying why the file cannot be written
     */
    public static Path checkTarget(Path target, String what) {
        if (target.toString().isEmpty()) { // '--out=': the current folder, "'' is a directory"
            throw new RecordingSetupException(what + " is empty; give a file name");
        }
        Path absolute = target.toAbsolutePath().normalize();
        String cannot = "cannot write " + what + " '" + target + "'";
        if (Files.isDirectory(absolute)) {
            throw new RecordingSetupException(cannot + ": it is a directory; give a file name");
        }
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new RecordingSetupException(cannot + ": folder '" + folder + "' does not exist");
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            throw new RecordingSetupException(cannot + ": the file is read-only");
        }
        checkFolder(folder, cannot);
        return absolute;
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
    static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "the folder does not exist or does not accept new files";
            case FileAlreadyExistsException exists -> "a file is in the way";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
