package dev.loompatterns.eventsignal;

import dev.loompatterns.core.Crew;
import java.time.Duration;

/**
 * The tutorial's form: a platform thread per waiter. Each blocked waiter parks an OS thread on
 * the event's condition until {@code set()}; a thousand waiters are a thousand kernel threads.
 */
public final class PlatformEventSignal implements Form {

    @Override
    public Outcome play(Signal signal, int waiters, Duration timeout, Duration giveUp) throws Exception {
        return EventScenario.play(Crew.platform("waiter-"), signal, waiters, timeout, giveUp);
    }
}
