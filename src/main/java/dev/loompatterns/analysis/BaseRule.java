package dev.loompatterns.analysis;

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
}
