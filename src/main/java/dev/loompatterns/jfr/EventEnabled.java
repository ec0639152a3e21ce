package dev.loompatterns.jfr;

/**
 * What a recording's settings say of an event type ({@link EventSettings} reads them). Java 21 and
 * nothing but itself, as the analysis and its JMC rules use it.
 */
public enum EventEnabled {
    /** On all along: no event of it means none happened (above its threshold). */
    ON,
    /**
     * On for part of the recording and off for another: its settings say {@code enabled} both {@code true} and
     * {@code false}. JFR records with the union of the settings of every recording running in the JVM and notes
     * each change in all of them, so a second recording (a {@code jcmd JFR.start}, JMC, an agent, loom's pinning
     * assertion) turns a type on in this one for as long as it runs. An event of it shows what happened; no event
     * of it means nothing, since it may have happened while the type was off.
     */
    PART,
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
