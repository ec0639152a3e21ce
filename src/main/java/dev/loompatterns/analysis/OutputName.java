package dev.loompatterns.analysis;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The name of an output file suggested in a command for a person to copy ({@code jfr scrub IN OUT}): one that
 * holds nothing yet, since {@code jfr scrub} replaces its output without asking, and the suggested name is
 * often that of an earlier copy.
 */
public final class OutputName {

    private OutputName() {}

    /**
     * {@code stem + ending}, or else {@code stem-2 + ending}, {@code stem-3 + ending} and on, the first that
     * names nothing (no file, folder or link) as seen from this JVM's working folder.
     */
    public static String free(String stem, String ending) {
        return free(stem, ending, java.util.List.of());
    }

    /**
     * {@link #free(String, String)}, and none of {@code written} either: files the run that suggests it writes after
     * it chose the name ({@code loom inspect F --slim F-slim.jfr} suggested {@code jfr scrub ... F-slim.jfr}, which
     * would replace the copy just written).
     */
    public static String free(String stem, String ending, Collection<Path> written) {
        Collection<Path> others =
                written.stream().map(path -> path.toAbsolutePath().normalize()).toList();
        String name = stem + ending;
        for (int n = 2; taken(name, others); n++) {
            name = stem + "-" + n + ending;
        }
        return name;
    }

    private static boolean taken(String name, Collection<Path> written) {
        try {
            Path path = Path.of(name);
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    || written.contains(path.toAbsolutePath().normalize());
        } catch (RuntimeException notAPath) {
            return false; // a name this file system cannot hold: nothing of the user's to replace
        }
    }
}
