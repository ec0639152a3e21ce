package dev.loompatterns.analysis;

import dev.loompatterns.jfr.EventEnabled;
import dev.loompatterns.jfr.EventSettings;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * One analysis over a recording: it takes {@link Observation}s one by one, keeping what it needs
 * per thread, pool or cause (never every event), and then says what it found. A rule instance
 * serves one recording. The same rules run in {@code loom inspect} (fed from the JDK's
 * {@code RecordingFile}) and inside JDK Mission Control (fed from JMC's item collections).
 */
public interface Rule {

    /** The id, a contract: {@code pinning}, {@code submit-failed}, ... */
    String id();

    /** A few words for a person: "Virtual thread pinning". */
    String name();

    /** The JFR event types it reads, for adapters that fetch only what is needed. */
    Set<String> eventTypes();

    void accept(Observation observation);

    /** What it found, once every observation was given. */
    Finding finish(Recording recording);

    /**
     * What the adapter knows of the recording as a whole.
     *
     * @param start    first event time, nanoseconds since the epoch (0 if no event)
     * @param end      last event end time
     * @param events   events read
     * @param bytes    the file's size, or -1 if unknown
     * @param file     the file's name, or "" if unknown
     * @param settings what the recording's settings say of the event types the rules read
     *                 ({@link EventSettings}); a type not in it is {@link EventEnabled#UNKNOWN}
     */
    record Recording(long start, long end, long events, long bytes, String file, Map<String, EventEnabled> settings) {
        public Recording {
            settings = Map.copyOf(settings);
        }

        public long durationNanos() {
            return Math.max(0, end - start);
        }

        /** Whether the recording had the event type on, off, or does not say. */
        public EventEnabled enabled(String eventType) {
            return settings.getOrDefault(eventType, EventEnabled.UNKNOWN);
        }

        /** Whether the recording's settings left every one of these event types off all along. */
        public boolean off(Collection<String> eventTypes) {
            return eventTypes.stream().allMatch(type -> enabled(type) == EventEnabled.OFF);
        }
    }
}
