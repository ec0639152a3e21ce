package dev.loompatterns.jfr;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * The JFR settings files in {@code jfr-profiles/}, found by name inside the jar or by path on
 * disk. Each file opens with a comment saying how it differs from the JDK's {@code default.jfc}.
 */
public final class Profiles {

    /** The profile used when none is named. */
    public static final String DEFAULT = "virtual-threads";

    /** Every profile the jar carries, in the order {@code --help} lists them. */
    public static final List<String> NAMES = List.of("virtual-threads", "pinning", "scheduling");

    /**
     * The names of our own events: known to be ours before their classes are registered with JFR,
     * which happens when a run first commits one.
     */
    static final Set<String> OWN_EVENTS =
            Set.of(PatternRunEvent.NAME, TaskSubmittedEvent.NAME, TaskStartedEvent.NAME, PinStream.StopMarkEvent.NAME);

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

    /**
     * One line for each event a profile sets that nothing will ever commit, naming its settings and the
     * nearest known event name: an event under {@code jdk.} that this JVM does not know (the JDK's events are
     * all known once JFR starts), or one under {@code loompatterns.} that is not ours. Other names are left
     * alone: a user's own event is known to JFR only once its class is registered, which may come later.
     * Empty where JFR is not available (starting the recording says so).
     *
     * @param spec          the profile as the user gave it, for the lines
     * @param configuration the profile, as {@link #load} read it
     */
    public static List<String> unknownEvents(String spec, Configuration configuration) {
        Set<String> registered;
        try {
            registered = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                    .map(EventType::getName)
                    .collect(Collectors.toSet());
        } catch (IllegalStateException e) {
            return List.of();
        }
        return unknownEvents(spec, configuration.getSettings().keySet(), registered);
    }

    /**
     * {@link #unknownEvents(String, Configuration)} of these settings' keys ({@code event#setting}), given the
     * names of the event types registered with JFR (ours among them or not).
     */
    static List<String> unknownEvents(String spec, Collection<String> keys, Set<String> registered) {
        Set<String> known = new TreeSet<>(registered);
        known.addAll(OWN_EVENTS);
        Map<String, List<String>> unknown = new TreeMap<>();
        for (String key : keys) {
            int hash = key.indexOf('#');
            if (hash < 0) {
                continue;
            }
            String event = key.substring(0, hash);
            boolean ours = event.startsWith("loompatterns.");
            if (ours ? !OWN_EVENTS.contains(event) : event.startsWith("jdk.") && !known.contains(event)) {
                unknown.computeIfAbsent(event, e -> new ArrayList<>()).add(key.substring(hash + 1));
            }
        }
        List<String> lines = new ArrayList<>();
        unknown.forEach((event, settings) -> lines.add("JFR profile '" + spec + "' sets " + event + "#"
                + String.join(", #", settings) + ", but no event is called " + event + " on this JVM (nearest: "
                + nearest(event, known) + "), so " + (settings.size() == 1 ? "it does" : "they do") + " nothing"));
        return lines;
    }

    /** The known name fewest single-character edits away from {@code name}; the first in order of a tie. */
    private static String nearest(String name, Set<String> known) {
        return known.stream()
                .min(Comparator.comparingInt(candidate -> editDistance(name, candidate)))
                .orElseThrow();
    }

    /** Levenshtein's distance: the insertions, deletions and substitutions that turn {@code a} into {@code b}. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] row = previous;
            previous = current;
            current = row;
        }
        return previous[b.length()];
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
