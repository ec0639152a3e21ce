package dev.loompatterns.analysis;

import java.util.Map;
import java.util.Set;

/** A rule's identity as data: its id, its name and the event types it reads. */
abstract class BaseRule implements Rule {

    private final String id;
    private final String name;
    private final Set<String> eventTypes;

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
     * The finding of a rule that saw no event because the recording's settings left its event types
     * off ({@link Rule.Recording#off}): not applicable, saying so and how to record them.
     *
     * @param named   the event types, "jdk.VirtualThreadPinned"
     * @param why     what recording them would show and how, "to see pins: ..."
     * @param counted the detail that counts the rule's events (0 here), as its other findings name it
     */
    final Finding notRecorded(String named, String why, String counted) {
        return new Finding(
                id,
                Severity.OK,
                "Not recorded: the recording's settings leave " + named + " off.",
                "Record with " + named + " on " + why,
                Map.of(counted, 0, "applicable", false));
    }
}
