package dev.loompatterns.eventsignal;

import java.time.Duration;

/** Plays {@link EventScenario} on one mode's kind of thread. */
interface EventDemo {

    EventScenario.Report play(Signal signal, int waiters, Duration timeout) throws Exception;
}
