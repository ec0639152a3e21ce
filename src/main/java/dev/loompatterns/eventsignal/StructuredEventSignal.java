package dev.loompatterns.eventsignal;

import dev.loompatterns.core.Crew;
import java.time.Duration;

/**
 * A fork per waiter. If the run fails or is cancelled while waiters are blocked, closing the
 * scope interrupts them, so no waiter is left parked on an event nobody will set; the platform and
 * virtual forms' crews do the same by hand, and here the JDK does it.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredEventSignal implements Form {

    @Override
    public Outcome play(Signal signal, int waiters, Duration timeout, Duration giveUp) throws Exception {
        return EventScenario.play(Crew.structured("event-signal"), signal, waiters, timeout, giveUp);
    }
}
