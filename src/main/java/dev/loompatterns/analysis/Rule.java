package dev.loompatterns.analysis;

import dev.loompatterns.jfr.EventEnabled;
import dev.loompatterns.jfr.EventSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
     * @param thresholds the thresholds its settings gave those event types, least first (several where
     *                 a setting changed, or recordings with other settings ran beside it); a type not in
     *                 it: not known
     * @param periods  the periods its settings gave those event types that have one (the execution
     *                 sampler's), least first; a type not in it: not known
     * @param throttles the throttles its settings gave those event types that have one, as JFR writes them
     *                 ({@code "100/s"}, {@code "off"}); a type not in it: not known
     * @param copied   true where {@code file} was read through a finished copy (a chunk, or the repository
     *                 folder, of a JVM that never finished its recording): the JDK's {@code jfr} cannot read
     *                 {@code file} as it is
     */
    record Recording(
            long start,
            long end,
            long events,
            long bytes,
            String file,
            Map<String, EventEnabled> settings,
            Map<String, Set<Duration>> thresholds,
            Map<String, Set<Duration>> periods,
            Map<String, Set<String>> throttles,
            boolean copied) {
        public Recording {
            settings = Map.copyOf(settings);
            thresholds = sorted(thresholds);
            periods = sorted(periods);
            throttles = sorted(throttles);
        }

        /** A recording whose thresholds and periods are not known: the rules' tests make them so. */
        public Recording(
                long start, long end, long events, long bytes, String file, Map<String, EventEnabled> settings) {
            this(start, end, events, bytes, file, settings, Map.of(), Map.of(), Map.of(), false);
        }

        private static <T extends Comparable<T>> Map<String, Set<T>> sorted(Map<String, Set<T>> settings) {
            Map<String, Set<T>> sorted = new HashMap<>();
            settings.forEach((type, values) -> sorted.put(type, Collections.unmodifiableSet(new TreeSet<>(values))));
            return Map.copyOf(sorted);
        }

        /** The thresholds the event type had, least first; empty if not known. */
        public Set<Duration> threshold(String eventType) {
            return thresholds.getOrDefault(eventType, Set.of());
        }

        /** The periods the event type had ({@code jdk.ExecutionSample}'s), least first; empty if not known. */
        public Set<Duration> period(String eventType) {
            return periods.getOrDefault(eventType, Set.of());
        }

        /**
         * Those of the event types the recording may not hold every event of for their throttle: those whose
         * settings gave a throttle other than {@code off} at some point, and those whose settings are not known at
         * all. A type whose settings are known but name no throttle had none: a JVM before JDK 25 (JDK-8351594)
         * throttles no socket or file event.
         */
        public List<String> throttled(Collection<String> eventTypes) {
            return eventTypes.stream()
                    .filter(type -> {
                        Set<String> values = throttles.getOrDefault(type, Set.of());
                        return values.isEmpty() ? enabled(type) == EventEnabled.UNKNOWN : !values.equals(Set.of("off"));
                    })
                    .toList();
        }

        public long durationNanos() {
            return Math.max(0, end - start);
        }

        /** Whether the recording had the event type on, on for part of it, off, or does not say. */
        public EventEnabled enabled(String eventType) {
            return settings.getOrDefault(eventType, EventEnabled.UNKNOWN);
        }

        /** Whether the recording's settings left every one of these event types off all along. */
        public boolean off(Collection<String> eventTypes) {
            return eventTypes.stream().allMatch(type -> enabled(type) == EventEnabled.OFF);
        }

        /** Whether the JVM that made the recording had none of these event types ({@link EventEnabled#ABSENT}). */
        public boolean absent(Collection<String> eventTypes) {
            return eventTypes.stream().allMatch(type -> enabled(type) == EventEnabled.ABSENT);
        }

        /**
         * Whether the settings had one of these event types on all along: only then does no event of them mean that
         * nothing happened.
         */
        public boolean on(Collection<String> eventTypes) {
            return eventTypes.stream().anyMatch(type -> enabled(type) == EventEnabled.ON);
        }

        /**
         * Those of these event types the settings had on for part of the recording only ({@link EventEnabled#PART}),
         * in the order given.
         */
        public List<String> part(Collection<String> eventTypes) {
            return eventTypes.stream()
                    .filter(type -> enabled(type) == EventEnabled.PART)
                    .toList();
        }
    }
}
