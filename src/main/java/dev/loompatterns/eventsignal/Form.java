package dev.loompatterns.eventsignal;

import java.time.Duration;

/** What every mode implements: plays {@link EventScenario} on the mode's kind of thread. */
interface Form {

    Outcome play(Signal signal, int waiters, Duration timeout) throws Exception;
}
