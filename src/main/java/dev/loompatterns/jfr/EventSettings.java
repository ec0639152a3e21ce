package dev.loompatterns.jfr;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Whether a recording had event types on, from the {@code jdk.ActiveSetting} events JFR writes at
 * each chunk's start and at each change of a setting (one stream can turn a type on for a while:
 * scheduling's {@code queueing-delay} does). Each names the event type by its id in the recording's
 * metadata, the setting ({@code enabled}) and its value ({@code true} or {@code false}): both for
 * a type on for part of the recording only ({@link EventEnabled#PART}). A recording without such
 * events, from a .jfc that leaves {@code jdk.ActiveSetting} off, says nothing either way:
 * {@link EventEnabled#UNKNOWN}.
 *
 * <p>Give it the recording's event types ({@code RecordingFile.readEventTypes()}) and the names
 * asked about, then every event as it is read ({@link #accept}).
 */
public final class EventSettings {

    /** The event type JFR records settings with. */
    public static final String ACTIVE_SETTING = "jdk.ActiveSetting";

    /** The ids of the types asked about, and their names (two JVMs' chunks in one file may number a type twice). */
    private final Map<Long, String> names = new HashMap<>();

    private final Set<String> asked;
    private final boolean typesKnown;
    private final Set<String> on = new HashSet<>();
    private final Set<String> off = new HashSet<>();
    private final Map<String, Set<String>> thresholds = new HashMap<>();
    private final Map<String, Set<String>> periods = new HashMap<>();
    private final Map<String, Set<String>> throttles = new HashMap<>();

    /**
     * @param types the recording's event types, {@code RecordingFile.readEventTypes()}
     * @param asked the names of those to tell about
     */
    public EventSettings(List<EventType> types, Set<String> asked) {
        this.asked = Set.copyOf(asked);
        this.typesKnown = !types.isEmpty();
        types.stream()
                .filter(type -> this.asked.contains(type.getName()))
                .forEach(type -> names.put(type.getId(), type.getName()));
    }

    /**
     * Takes the event into account if it is a {@code jdk.ActiveSetting} of an {@code enabled} setting. A program's own
     * event of that name, without the JDK's {@code long id} (or with fields of other types), is passed over: it was
     * read as damage ({@link Pin#hasField}, as for the other events inspect reads).
     */
    public void accept(RecordedEvent event) {
        if (!event.getEventType().getName().equals(ACTIVE_SETTING) || !Pin.hasField(event, "id", Pin.LONG)) {
            return;
        }
        String type = names.get(event.getLong("id"));
        if (type == null) {
            return;
        }
        String name = Pin.text(event, "name");
        if ("enabled".equals(name)) {
            ("true".equals(Pin.text(event, "value")) ? on : off).add(type);
        } else if (name != null) {
            Map<String, Set<String>> values = switch (name) {
                case "threshold" -> thresholds;
                case "period" -> periods;
                case "throttle" -> throttles;
                default -> null;
            };
            String value = Pin.text(event, "value");
            if (values != null && value != null) {
                values.computeIfAbsent(type, t -> new TreeSet<>()).add(value);
            }
        }
    }

    /**
     * The thresholds the settings gave each type asked about, as JFR writes them ({@code "20 ms"}):
     * one for most recordings, more where a setting changed or recordings with other settings ran
     * beside it. A type with no threshold setting seen is not in it.
     */
    public Map<String, Set<String>> thresholds() {
        return copy(thresholds);
    }

    /**
     * The periods the settings gave each type asked about that has one ({@code jdk.ExecutionSample}'s
     * {@code "20 ms"}), as {@link #thresholds()} gives thresholds. JFR writes some periods as words
     * ({@code "everyChunk"}): they are here as written.
     */
    public Map<String, Set<String>> periods() {
        return copy(periods);
    }

    /**
     * The throttles the settings gave each type asked about that has one (since JDK 25, JDK-8351594: the socket
     * and file events' {@code "100/s"}), as written, {@code "off"} included; a type with none seen is not in it.
     */
    public Map<String, Set<String>> throttles() {
        return copy(throttles);
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> values) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        values.forEach((type, texts) -> copy.put(type, Collections.unmodifiableSet(new TreeSet<>(texts))));
        return copy;
    }

    /**
     * What the settings read so far say of the event type; {@link EventEnabled#ABSENT} if the recording's
     * metadata lists types and not this one.
     */
    public EventEnabled enabled(String type) {
        if (on.contains(type)) {
            return off.contains(type) ? EventEnabled.PART : EventEnabled.ON;
        }
        if (off.contains(type)) {
            return EventEnabled.OFF;
        }
        return typesKnown && !names.containsValue(type) ? EventEnabled.ABSENT : EventEnabled.UNKNOWN;
    }

    /** What they say of each type asked about. */
    public Map<String, EventEnabled> all() {
        Map<String, EventEnabled> all = new LinkedHashMap<>();
        asked.forEach(type -> all.put(type, enabled(type)));
        return all;
    }
}
