package dev.loompatterns.jfr;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files a command makes for itself while it works: {@link AtomicFile}'s hidden copies and name marks, and a dump's
 * copy for a device or a pipe. Each is deleted by the code that made it once done with it ({@link #delete}, in a
 * {@code finally}), and those still there by {@link #deleteBeforeTheJvmEnds} where the JVM ends without the command
 * having ended: Ctrl-C's grace over (a write into a pipe that nobody reads, or the JDK's thread dump, does not stop for
 * an interrupt), or the heap watch's halt.
 *
 * <p>It replaces {@code File.deleteOnExit}, which a halt does not run, and whose list only grows: each write left an
 * entry in the JVM's {@code DeleteOnExitHook} after its file was gone, for the JVM's life. Only the CLI's JVM calls
 * {@link #deleteBeforeTheJvmEnds}: a JVM without its hook that exits mid-write (a child JVM that {@code ParentWatch}
 * ends with {@code System.exit} once its parent is gone, where a review's tries found JFR's exit waiting for the
 * recording's write) leaves the file, which {@code deleteOnExit} deleted, as does a write that makes its file in the
 * instant after the deletion, and a {@code kill -9}: what that leaves is in docs/cli.md.
 */
public final class TemporaryFiles {

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    // set once the JVM is ending: a file held after deleteBeforeTheJvmEnds would outlive it
    private static volatile boolean ending;

    private TemporaryFiles() {}

    /**
     * Holds {@code file} until {@link #delete}: one not yet made (a name of this process's own), so that no moment is
     * left in which it is there and not held, or one just made.
     *
     * @throws InterruptedIOException once the JVM is ending, the file deleted if made: nothing would delete it later
     */
    public static void hold(Path file) throws InterruptedIOException {
        HELD.add(file);
        // asked after the add: deleteBeforeTheJvmEnds sets the flag before it looks, so it saw the file or the flag is
        // seen here
        if (ending) {
            delete(file);
            throw new InterruptedIOException("the JVM is ending: '" + file + "' not kept");
        }
    }

    /** Deletes {@code file}, if it is there, and lets it go: a file that cannot be deleted is hidden and harmless. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException leftOver) {
            // hidden (dot-prefixed) or in the temporary folder
        }
        HELD.remove(file);
    }

    /**
     * Deletes every file still held, for a JVM that ends without the command's own {@code finally}: the signal's
     * hook once its grace is over, the heap watch before its halt. No file is held after it ({@link #hold} throws).
     */
    public static void deleteBeforeTheJvmEnds() {
        ending = true;
        for (Path file : HELD) {
            delete(file);
        }
    }
}
