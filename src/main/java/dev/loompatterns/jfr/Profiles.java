package dev.loompatterns.jfr;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import jdk.jfr.Configuration;

/**
 * The JFR settings files in {@code jfr-profiles/}, found by name inside the jar or by path on
 * disk. Each file opens with a comment saying how it differs from the JDK's {@code default.jfc}.
 */
public final class Profiles {

    /** The profile used when none is named. */
    public static final String DEFAULT = "virtual-threads";

    /** Every profile the jar carries, in the order {@code --help} lists them. */
    public static final List<String> NAMES = List.of("virtual-threads", "pinning", "scheduling");

    private Profiles() {}

    /** Profiles present in this build (a name in {@link #NAMES} may not have landed yet). */
    public static List<String> available() {
        return NAMES.stream()
                .filter(name -> Profiles.class.getResource(resource(name)) != null)
                .toList();
    }

    /**
     * Loads a profile given as a name ({@code pinning}) or as a path to a {@code .jfc} file.
     *
     * @throws RecordingSetupException if it is neither, or the file is not a valid JFR configuration
     */
    public static Configuration load(String nameOrPath) {
        String spec = nameOrPath == null ? DEFAULT : nameOrPath.strip();
        if (spec.isEmpty()) { // '--profile=': Path.of("") is the current folder, "is a directory"
            throw new RecordingSetupException(
                    "--profile is empty; give a .jfc file or one of " + String.join(", ", available()));
        }
        Path file = fileOrNullIfBundled(spec);
        try {
            if (file != null) {
                return Configuration.create(file);
            }
            try (InputStream in = Profiles.class.getResourceAsStream(resource(spec));
                    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Configuration.create(reader);
            }
        } catch (java.nio.charset.CharacterCodingException e) { // a recording given as a profile: "Input length = 1"
            throw new RecordingSetupException(
                    "JFR profile '" + spec + "' is not a valid .jfc file: it is not text (a .jfc is XML)");
        } catch (IOException e) {
            throw new RecordingSetupException("cannot read JFR profile '" + spec + "': "
                    + String.valueOf(e.getMessage()).strip());
        } catch (ParseException e) {
            throw new RecordingSetupException("JFR profile '" + spec + "' is not a valid .jfc file: "
                    + String.valueOf(e.getMessage()).strip());
        }
    }

    /** The file a profile names, or null for a profile the jar carries. */
    private static Path fileOrNullIfBundled(String spec) {
        if (Profiles.class.getResource(resource(spec)) != null) {
            return null;
        }
        Path path = Path.of(spec);
        if (Files.isRegularFile(path)) {
            if (!Files.isReadable(path)) {
                throw new RecordingSetupException("JFR profile file '" + spec + "' is not readable");
            }
            return path;
        }
        if (Files.isDirectory(path)) {
            throw new RecordingSetupException("JFR profile '" + spec + "' is a directory; give a .jfc file or one of "
                    + String.join(", ", available()));
        }
        throw new RecordingSetupException(
                "no JFR profile '" + spec + "'; give a .jfc file or one of " + String.join(", ", available()));
    }

    private static String resource(String name) {
        return "/jfr-profiles/" + name + ".jfc";
    }
}
