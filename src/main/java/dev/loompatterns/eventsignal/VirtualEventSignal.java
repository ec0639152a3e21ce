package dev.loompatterns.eventsignal;

import dev.loompatterns.core.Crew;
import java.time.Duration;

/**
 * A virtual thread per waiter, the event unchanged. A virtual thread that awaits a
 * {@code Condition} (or a {@code CountDownLatch}) parks and unmounts, so a blocked waiter holds
 * no carrier: waiting on an event is free, whatever the number of waiters.
 */
public final class VirtualEventSignal implements Form {

    @Override
    public Outcome play(Signal signal, int waiters, Duration timeout, Duration giveUp) throws Exception {
        return EventScenario.play(Crew.virtual("waiter-"), signal, waiters, timeout, giveUp);
    }
}
