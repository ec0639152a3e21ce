package dev.loompatterns.analysis;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** A rule's identity as data: its id, its name and the event types it reads. */
abstract class BaseRule implements Rule {

    private final String id;
    private final String name;
    private final Set<String> eventTypes;

    /**
     * Why an event type is on for part of a recording only ({@link dev.loompatterns.jfr.EventEnabled#PART}), for the
     * findings that say so.
     */
    static final String PART_ONLY = "JFR records with the union of the settings of every recording running in the"
            + " JVM, so another recording (jcmd JFR.start, JMC, an agent, loom's pinning assertion) turns an event on"
            + " or off in this one as it starts and stops, and what happened while the event was off is not in the"
            + " file.";

    BaseRule(String id, String name, String... eventTypes) {
        this.id = id;
        this.name = name;
        this.eventTypes = Set.of(eventTypes);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> eventTypes() {
        return eventTypes;
    }

    /**
     * The finding of a rule that saw none of its events and cannot tell whether any happened, because
     * the recording did not have them on ({@link Rule.Recording#on} false): not applicable, saying
     * why (the JVM has no such event, the settings left it off, had it on for part of the recording only, or they
     * do not say) and how to record
     * them.
     *
     * @param types   the event types whose absence it is
     * @param named   how to name them, "jdk.VirtualThreadPinned"
     * @param why     what recording them would show and how, "to see pins: ..."
     * @param counted the detail that counts the rule's events (0 here), as its other findings name it
     */
    final Finding notRecorded(
            Rule.Recording recording, Collection<String> types, String named, String why, String counted) {
        String summary;
        String record = "Record with " + named + " on ";
        if (recording.absent(types)) {
            record = "Record on a JDK with virtual threads (21 or later) with " + named + " on ";
            summary = "Not recorded: the JVM that made this recording has no " + named
                    + " (a JDK from before virtual threads, JEP 444).";
        } else if (recording.off(types)) {
            summary = "Not recorded: the recording's settings leave " + named + " off.";
        } else if (!recording.part(types).isEmpty()) {
            record = PART_ONLY + " Record with " + named + " on from the recording's start to its end ";
            summary = "Not known: no " + named + (types.size() == 1 ? " event" : " events") + ", and "
                    + String.join(" and ", recording.part(types))
                    + (recording.part(types).size() == 1 ? " was" : " were")
                    + " on for part of the recording only.";
        } else {
            summary = "Not known: no " + named + (types.size() == 1 ? " event" : " events")
                    + ", and the recording's settings do not say whether "
                    + (types.size() == 1 ? "it was" : "they were") + " on (no jdk.ActiveSetting for "
                    + (types.size() == 1 ? "it" : "them") + ").";
        }
        return new Finding(id, Severity.NA, summary, record + why, Map.of(counted, 0));
    }
}
