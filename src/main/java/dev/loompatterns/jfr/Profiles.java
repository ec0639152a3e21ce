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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jdk.jfr.Configuration;
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

    /** An event a profile sets that nothing will ever commit, with the settings it gives it, in the file's order. */
    public record UnknownEvent(String name, List<String> settings) {}

    /**
     * The names of the events registered with JFR on this JVM, with ours, known by name before a run
     * registers their classes; empty where JFR is not available (starting the recording says so).
     */
    public static Set<String> knownEvents() {
        Set<String> known = new TreeSet<>(OWN_EVENTS);
        try {
            FlightRecorder.getFlightRecorder().getEventTypes().forEach(type -> known.add(type.getName()));
        } catch (IllegalStateException e) {
            return Set.of();
        }
        return known;
    }

    /**
     * The events a profile sets that nothing will ever commit (a misspelt name): one under {@code jdk.} that
     * is not {@code registered} (the JDK's events are all registered once JFR starts), or one under {@code
     * loompatterns.} that is not ours. Other names are left alone: a user's own event is registered only once
     * its class is, which may come later. None where {@code registered} is empty (JFR is not available).
     *
     * @param keys       the profile's settings, {@code event#setting}
     * @param registered the names of the event types registered with JFR, ours among them or not
     */
    public static List<UnknownEvent> unknownEvents(Collection<String> keys, Set<String> registered) {
        if (registered.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> unknown = new TreeMap<>();
        for (String key : keys) {
            int hash = key.indexOf('#');
            if (hash < 0) {
                continue;
            }
            String event = key.substring(0, hash);
            boolean ours = event.startsWith("loompatterns.");
            if (ours ? !OWN_EVENTS.contains(event) : event.startsWith("jdk.") && !registered.contains(event)) {
                unknown.computeIfAbsent(event, e -> new ArrayList<>()).add(key.substring(hash + 1));
            }
        }
        return unknown.entrySet().stream()
                .map(entry -> new UnknownEvent(entry.getKey(), List.copyOf(entry.getValue())))
                .toList();
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
