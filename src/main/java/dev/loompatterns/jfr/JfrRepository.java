package dev.loompatterns.jfr;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>A folder's pid alone does not name a process for long: Linux hands a pid out again once its process has ended,
 * wrapping at {@code /proc/sys/kernel/pid_max} (32,768 on the project's machine), and threads draw their ids from the
 * same count ({@link ProcessHandle#of} finds a thread by its id as a live process). A live process, or thread, that
 * began after the folder was made is not the one that made it.
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
     * How far a process's start, as the JDK reads it on Linux (clock ticks since a boot time kept to the second), may
     * be off the clock that stamps files.
     */
    static final Duration START_SLACK = Duration.ofSeconds(2);

    /**
     * Deletes the repository that process {@code pid}, now ended, left in {@code base} (the temporary folder
     * it shared with this JVM): every folder named as JFR names one for that pid and made since {@code started},
     * the process's start. A folder made before it is an earlier process's, given the same pid, which ended
     * without its hooks too (a user's, perhaps, kept to be inspected), and is kept.
     *
     * @return the folders deleted
     */
    public static List<Path> deleteLeftBy(long pid, Instant started, Path base) {
        List<Path> deleted = new ArrayList<>();
        Instant earliest = started.minus(START_SLACK);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, "*_" + pid)) {
            for (Path entry : entries) {
                boolean sinceStart =
                        madeAt(entry).filter(made -> !made.isBefore(earliest)).isPresent();
                if (sinceStart && deleteIfMadeBy(entry, pid)) {
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

    /**
     * Whether the process that made {@code folder}, a JFR repository by its name, is running: the pid in the name is
     * a live process's that has a file in the folder open, as a JVM writing a repository keeps its chunk open (Linux's
     * {@code /proc/PID/fd} shows it). Where the system does not show a process's files (another system, another
     * user's process): a live process's that began no later than the folder was made. Else the pid is another's now
     * (a container's JVM was pid 1, as the host's init is), or the folder a copy that kept its times ({@code cp -a}),
     * and its maker has ended. A live process whose start the JDK cannot read counts as the maker.
     */
    public static boolean madeByRunningProcess(Path folder) {
        OptionalLong pid = madeBy(folder);
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        return hasOpenIn(pid.getAsLong(), folder).orElseGet(() -> beganBeforeMade(process.get(), folder));
    }

    /**
     * Whether {@code process} began no later than {@code folder} was made (within {@link #START_SLACK}): where the
     * system does not show a process's files, the sign that a live pid is still the folder's maker's. True where
     * either time cannot be read.
     */
    static boolean beganBeforeMade(ProcessHandle process, Path folder) {
        Optional<Instant> started = process.info().startInstant();
        Optional<Instant> made = madeAt(folder);
        return started.isEmpty()
                || made.isEmpty()
                || !started.get().isAfter(made.get().plus(START_SLACK));
    }

    /**
     * Whether process {@code pid} has a file in {@code folder} open, as Linux's {@code /proc/PID/fd} shows; empty
     * where it shows nothing (no such folder on this system, or another user's process).
     */
    static Optional<Boolean> hasOpenIn(long pid, Path folder) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> open = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : open) {
                try {
                    if (Files.readSymbolicLink(fd).startsWith(real)) {
                        return Optional.of(true);
                    }
                } catch (IOException | RuntimeException closedSinceListed) {
                    // not open any more, or not a link: not a file in the folder
                }
            }
            return Optional.of(false);
        } catch (IOException | RuntimeException notShown) {
            return Optional.empty();
        }
    }

    /**
     * When {@code folder} was made, as its file system says: the earlier of its birth (where the file system keeps
     * one; else the JDK gives the last change) and its last change, which a copy that kept its times has set back;
     * a link's target's; empty if it cannot be read.
     */
    static Optional<Instant> madeAt(Path folder) {
        try {
            BasicFileAttributes times = Files.readAttributes(folder, BasicFileAttributes.class);
            Instant born = times.creationTime().toInstant();
            Instant changed = times.lastModifiedTime().toInstant();
            return Optional.of(born.isBefore(changed) ? born : changed);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The JFR repositories in {@code base} whose names say they were made within {@link #START_SLACK} of {@code time},
     * and the second the name keeps (it gives the second, in this machine's zone), the closest first. A JVM told to
     * record to a file ({@code -XX:StartFlightRecording:filename=}) makes that file, empty, and its repository in the
     * same moment (6 ms apart, JDK 25.0.3 here), and writes the file only when the recording stops: the repository made
     * with an empty recording is where its events are.
     */
    public static List<Path> madeNear(Path base, Instant time) {
        List<Path> near = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
            for (Path entry : entries) {
                Optional<Instant> named = namedTime(entry);
                if (named.isPresent()
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && distance(named.get(), time).compareTo(START_SLACK.plusSeconds(1)) <= 0) {
                    near.add(entry);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // nothing to name
        }
        near.sort(java.util.Comparator.comparing(
                        (Path folder) -> distance(namedTime(folder).orElseThrow(), time))
                .thenComparing(Path::toString));
        return near;
    }

    /** How far {@code time} is from the middle of the second a folder's name gives, {@code named}; never negative. */
    private static Duration distance(Instant named, Instant time) {
        // the name keeps the second the folder was made in: a folder of 10:03:33 was made up to a second after it
        return Duration.between(named.plusMillis(500), time).abs();
    }

    /** The time in a repository's name ({@code 2026_12_02_16_28_59_18884}: 16:28:59 that day, this machine's zone). */
    static Optional<Instant> namedTime(Path folder) {
        Path name = folder.getFileName();
        if (name == null || !FOLDER_NAME.matcher(name.toString()).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.LocalDateTime.parse(
                            name.toString().substring(0, 19),
                            java.time.format.DateTimeFormatter.ofPattern("uuuu_MM_dd_HH_mm_ss"))
                    .atZone(java.time.ZoneId.systemDefault())
                    .toInstant());
        } catch (java.time.DateTimeException notADate) {
            return Optional.empty();
        }
    }

    /** The temporary folder, where JFR puts a repository unless told otherwise. */
    public static Path temporaryFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Deletes {@code folder} if its name is that of a JFR repository made by process {@code pid} and it is a
     * folder (not a link to one): its regular files first, and the pin stream's folder of dumps
     * ({@link PinStream#DUMP_FOLDER}, its files then itself), then itself. Anything else in it keeps it.
     */
    static boolean deleteIfMadeBy(Path folder, long pid) {
        if (madeBy(folder).orElse(-1) != pid) {
            return false;
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Path dumps = folder.resolve(PinStream.DUMP_FOLDER);
            if (Files.isDirectory(dumps, LinkOption.NOFOLLOW_LINKS)) { // a pin window's dumps (scheduling's file-io)
                deleteRegularFiles(dumps);
                Files.deleteIfExists(dumps);
            }
            deleteRegularFiles(folder);
            Files.deleteIfExists(folder);
            return true;
        } catch (IOException | RuntimeException left) {
            return false; // not empty (a chunk started meanwhile, or something not ours), or not ours to delete
        }
    }

    private static void deleteRegularFiles(Path folder) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
