package dev.loompatterns.jfr;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * JFR's repository: the folder where a JVM's recordings write their chunks before anything is dumped,
 * {@code <yyyy_MM_dd_HH_mm_ss>_<pid>} in the temporary folder (or below the base that
 * {@code -XX:FlightRecorderOptions:repository=} names). JFR's shutdown hook deletes it; a JVM that ends
 * without its hooks (killed, or halted by {@link Runtime#halt}) leaves it behind, with its chunks (hundreds of
 * MB after a big run). Those who end a JVM that way delete it here.
 *
 * <p>Measured on JDK 25 (25.0.3): JFR makes the folder when the first recording starts and then sets the
 * system property {@code jdk.jfr.repository} to it, overwriting any value given on the command line; a
 * halted JVM leaves it, an exiting one does not.
 */
public final class JfrRepository {

    /** The system property JFR sets to this JVM's repository folder once a recording has started. */
    static final String PROPERTY = "jdk.jfr.repository";

    private static final Pattern FOLDER_NAME = Pattern.compile("\\d{4}(_\\d{2}){5}_(\\d+)");

    private JfrRepository() {}

    /**
     * Deletes this JVM's repository, for a JVM about to halt: its files (chunks), then the folder. Recordings
     * still running may write to chunks already deleted (the kernel keeps an open file until it is closed) or
     * start a new one, which keeps the folder; a file that cannot go is left. Nothing is deleted when no
     * recording has started, or when the property names a folder that is not a JFR repository of this
     * process's.
     *
     * @return true if the folder is gone
     */
    public static boolean deleteOwnBeforeHalt() {
        String named = System.getProperty(PROPERTY);
        return named != null
                && deleteIfMadeBy(Path.of(named), ProcessHandle.current().pid());
    }

    /**
     * Deletes the repository that process {@code pid}, now ended, left in {@code base} (the temporary folder
     * it shared with this JVM): every folder named as JFR names one for that pid. A process id is reused only
     * once its process has ended, so such a folder is no live JVM's.
     *
     * @return the folders deleted
     */
    public static List<Path> deleteLeftBy(long pid, Path base) {
        List<Path> deleted = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, "*_" + pid)) {
            for (Path entry : entries) {
                if (deleteIfMadeBy(entry, pid)) {
                    deleted.add(entry);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // a folder that cannot be listed keeps what it has: a leftover is harmless
        }
        return deleted;
    }

    /**
     * The process whose repository {@code folder} is, by its name as JFR makes it ({@code 2026_12_02_16_28_59_18884}:
     * 18884); empty for a folder named otherwise.
     */
    public static OptionalLong madeBy(Path folder) {
        Path name = folder == null ? null : folder.getFileName();
        if (name == null) {
            return OptionalLong.empty();
        }
        var matcher = FOLDER_NAME.matcher(name.toString());
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(matcher.group(2)));
        } catch (NumberFormatException tooLong) {
            return OptionalLong.empty();
        }
    }

    /** The temporary folder, where JFR puts a repository unless told otherwise. */
    public static Path temporaryFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Deletes {@code folder} if its name is that of a JFR repository made by process {@code pid} and it is a
     * folder (not a link to one): its regular files first, then itself. Anything else in it keeps it.
     */
    static boolean deleteIfMadeBy(Path folder, long pid) {
        if (madeBy(folder).orElse(-1) != pid) {
            return false;
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(folder);
            return true;
        } catch (IOException | RuntimeException left) {
            return false; // not empty (a chunk started meanwhile, or something not ours), or not ours to delete
        }
    }
}
