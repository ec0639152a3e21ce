package dev.loompatterns.jfr;

import java.io.IOException;
import java.nio.file.Files;
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

    /** Writes {@code content} to a hidden file beside {@code target} and moves it into place, replacing what was there. */
    public static void write(Path target, Content content) throws IOException {
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
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
    public static void probe(Path folder) throws IOException {
        Files.delete(Files.createTempFile(folder, ".loom-probe", ".tmp"));
    }
}
