package dev.loompatterns.cli;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.jfr.AtomicFile;
import dev.loompatterns.jfr.JfrRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.IntSummaryStatistics;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the catalogue, for those that name a pattern, and the streams it
 * prints to. Standard output is the command's result (a table, a report, a dump); standard error
 * is for progress and messages, so {@code loom compare > out.txt} still shows progress. Its
 * {@code @Command} attributes are every subcommand's (picocli takes a superclass's where the
 * subclass's annotation leaves them unset): {@code -h} and {@code -V}, and the options listed in
 * the order they are declared.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
abstract class LoomCommand implements Callable<Integer> {

    /** The patterns: set by the factory in {@link LoomCli} when it makes the command. */
    Catalogue catalogue;

    @Spec
    CommandSpec spec;

    /**
     * The pattern {@code idOrNumber} names: its id, or the number {@code loom list} shows beside it ({@code 11} or
     * {@code 011} for url-fetch). A number is never reused or changed (docs/design.md), so it names its pattern as
     * the id does; {@code loom list 11} was refused as an unknown pattern.
     *
     * @throws UsageException for an unknown id or number
     */
    final Pattern pattern(String idOrNumber) {
        return catalogue.find(id(idOrNumber));
    }

    /**
     * The id of the pattern {@code given} names ({@link #pattern}), with the spaces around it left out, as
     * {@code --tasks} and {@code -P} read their numbers ({@code loom list " 11"} was an unknown pattern where
     * {@code --tasks " 5"} was 5); anything but a number as it is.
     */
    final String id(String given) {
        String idOrNumber = given.strip();
        // a signed number names no pattern, but is meant as a number: said as one, not as an unknown id
        if (!isNumber(idOrNumber) && !idOrNumber.matches("[+-][0-9]+")) {
            return idOrNumber;
        }
        IntSummaryStatistics numbers =
                catalogue.patterns().stream().mapToInt(Pattern::number).summaryStatistics();
        return numbered(catalogue, idOrNumber)
                .map(Pattern::id)
                .orElseThrow(() -> new UsageException("unknown pattern number " + idOrNumber + "; the numbers are "
                        + numbers.getMin() + " to " + numbers.getMax() + " (see 'loom list')"));
    }

    /** Whether {@code word} is written as a pattern's number is ({@code 11}, {@code 011}), whether or not one has it. */
    private static boolean isNumber(String word) {
        return word.matches("[0-9]+");
    }

    /** The pattern whose number {@code word} is, if it is a number and one has it. */
    static Optional<Pattern> numbered(Catalogue catalogue, String word) {
        if (!isNumber(word)) {
            return Optional.empty();
        }
        String digits = word.replaceFirst("^0+(?=.)", ""); // 011 is 11, not octal; 0000000011 too
        if (digits.length() > 9) { // more than an int holds, and more than any pattern's number
            return Optional.empty();
        }
        int number = Integer.parseInt(digits);
        return catalogue.patterns().stream()
                .filter(pattern -> pattern.number() == number)
                .findFirst();
    }

    /**
     * Refuses to start a command whose JVMs need the temporary folder ({@code java.io.tmpdir}) when it takes no new
     * file: JFR makes its repository there (a run records, if only its pins), and child JVMs write their output
     * there. Without it the command failed at its first run with "unexpected error: ... Can't create Flight
     * Recorder" or "could not run child JVM"; now one line says which folder, why, and how to name another.
     * {@link AtomicFile#probe} makes and deletes a file, which also catches a folder that says it is writable and is
     * not (read-only, immutable).
     *
     * @param keeps what the command keeps there, in words ("JFR keeps its repository there, and child JVMs their
     *     output"): {@code scale} records nothing, where the line had said JFR for every command
     * @throws UsageException the line to print: exit 2, as for any path loom cannot write (docs/design.md), found
     *     before anything has run
     */
    static void requireTemporaryFolder(String keeps) {
        Path folder = JfrRepository.temporaryFolder();
        try {
            AtomicFile.probe(folder);
        } catch (IOException e) {
            throw new UsageException("the temporary folder '" + folder + "' takes no new file ("
                    + AtomicFile.reason(e) + "); " + keeps + ": name another with"
                    + " LOOM_JAVA_OPTS=-Djava.io.tmpdir=FOLDER");
        }
        long free = usableSpace(folder);
        if (free < MIN_TEMPORARY_SPACE) {
            // what a full folder does is the command's own: JFR's repository stops the JVM, scale's rows lose results
            throw new UsageException("the temporary folder '" + folder + "' has " + free / 1024 + " KB free; " + keeps
                    + ": make room there, or name another with LOOM_JAVA_OPTS=-Djava.io.tmpdir=FOLDER");
        }
    }

    /**
     * The free space the temporary folder must have, 1 MB: a full one took the empty file {@link AtomicFile#probe}
     * makes, and the first run's JFR repository then stopped the JVM ("Failed to write to jfr stream because no space
     * left on device"), leaving the repository's folder behind (a helper's hunt). A run of thread-basics ran with
     * 124 KB free (a 1 MB tmpfs, 2026-12-07); a longer one writes more, which this check cannot know.
     */
    static final long MIN_TEMPORARY_SPACE = 1024 * 1024;

    /** The folder's usable space, or {@code Long.MAX_VALUE} where the system does not say. */
    private static long usableSpace(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** What {@code run} and {@code compare} keep in the temporary folder. */
    static final String RECORDINGS_AND_CHILD_JVMS = "JFR keeps its repository there, and child JVMs their output";

    /** Where the command's result goes. */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * What the command was doing, for the line that says it ran out of memory: " reading 'p.jfr'", or
     * nothing.
     */
    String doingInWords() {
        return "";
    }

    /**
     * What ends a default file's name: the time to the second, then this JVM's pid ({@code 20261202-051014-8111}).
     * With the time alone, two commands started in the same second (a run per mode, started together) chose one
     * name, and the later one's file replaced the other's.
     */
    static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + ProcessHandle.current().pid();
    }

    /**
     * Refuses a name given empty (or only spaces), which the file system reads as the current folder: {@code inspect
     * ''} said "'' is a directory", {@code run --jfr ''} recorded to the default name as a bare {@code --jfr} does.
     *
     * @param what what the name is, for the message: "the recording's name"
     * @param give what to give instead: "give a .jfr recording"
     * @throws UsageException "WHAT is empty; GIVE"
     */
    static void requireName(String name, String what, String give) {
        if (name.isBlank()) {
            throw new UsageException(what + " is empty; " + give);
        }
    }

    /**
     * Why {@code file} cannot be looked at, in one line, or null where it can: {@code noSuchFile} where it does not
     * exist, else the system's reason. A file in a folder that may not be entered was said to be missing ("no such
     * file"), where {@code jfr} says "Permission denied" (a helper's hunt, 2026-12-07), and so was a name too long.
     */
    static UsageException unseen(Path file, String noSuchFile) {
        try {
            Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return null;
        } catch (java.nio.file.NoSuchFileException e) {
            return new UsageException(noSuchFile);
        } catch (java.nio.file.AccessDeniedException e) {
            return new UsageException(
                    "cannot read '" + file + "': permission denied (a folder on its way may not be entered)");
        } catch (IOException e) {
            return new UsageException("cannot read '" + file + "': " + AtomicFile.reason(e));
        }
    }

    /**
     * Refuses a file to read that is not a regular file or cannot be read, in one line: a pipe would be read until its
     * writer closes it, and a recording is read more than once.
     *
     * @param give what to give instead: "give a .jfr recording"
     */
    static void requireReadableFile(Path file, String give) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("'" + file + "' is not a regular file (a pipe, a device or a socket); " + give);
        }
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read '" + file + "': permission denied");
        }
    }

    /**
     * A file name an option takes (the file a command writes), refused where it ends with a separator: {@code --jfr
     * recs/} wrote a file named {@code recs} where the folder did not exist, as {@code Path} drops the slash; a user
     * who ends a name so means a folder.
     */
    static final class FileName implements picocli.CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            String problem = folderName(value);
            if (problem != null) {
                throw new picocli.CommandLine.TypeConversionException(problem);
            }
            return Path.of(value);
        }
    }

    /** What is wrong with {@code name} as a file's name, if it ends with a separator; else null. */
    static String folderName(String name) {
        if (name.length() > 1 && (name.endsWith("/") || name.endsWith(java.io.File.separator))) {
            return "'" + name + "' ends with '" + name.charAt(name.length() - 1) + "', as a folder's name does; give a"
                    + " file's name";
        }
        return null;
    }

    /**
     * {@code name} in {@code folder}, or where a file has it, the first of {@code NAME-2.EXT}, {@code NAME-3.EXT}, ...
     * that none has: a default name steps over a file it did not make, as a child JVM's recording steps over a file
     * of the user's. {@link #stamp()} makes such a file rare, not impossible: two JVMs of pid 1 in two containers,
     * started in the same second, writing to one folder, chose one name, and the later replaced the other's file.
     */
    static Path freeName(Path folder, String name) {
        return AtomicFile.freeName(folder.resolve(name));
    }

    /** Where progress and messages go. */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
