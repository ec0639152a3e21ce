package dev.loompatterns.analysis;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

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
        String name = stem + ending;
        for (int n = 2; taken(name); n++) {
            name = stem + "-" + n + ending;
        }
        return name;
    }

    private static boolean taken(String name) {
        try {
            return Files.exists(Path.of(name), LinkOption.NOFOLLOW_LINKS);
        } catch (RuntimeException notAPath) {
            return false; // a name this file system cannot hold: nothing of the user's to replace
        }
    }
}
