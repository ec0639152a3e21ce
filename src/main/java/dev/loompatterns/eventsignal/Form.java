package dev.loompatterns.eventsignal;

import java.time.Duration;

/** What every mode implements: plays {@link EventScenario} on the mode's kind of thread. */
interface Form {

    /** {@code giveUp}: how long to wait for the waiters a set() released ({@link EventScenario#GIVE_UP}). */
    Outcome play(Signal signal, int waiters, Duration timeout, Duration giveUp) throws Exception;
}
