package dev.loompatterns.jfr;

/**
 * What a recording's settings say of an event type ({@link EventSettings} reads them). Java 21 and
 * nothing but itself, as the analysis and its JMC rules use it.
 */
public enum EventEnabled {
    /** On at some point of the recording: no event of it means none happened (above its threshold). */
    ON,
    /** Off all along: no event of it means nothing. */
    OFF,
    /**
     * The JVM that made the recording has no such event type: it is not in the file's metadata, which
     * lists every type the JVM knew, on or off. A JDK older than the event: JDK 17 has no
     * {@code jdk.VirtualThreadPinned}.
     */
    ABSENT,
    /** The recording does not say (no {@code jdk.ActiveSetting} for the type). */
    UNKNOWN
}
