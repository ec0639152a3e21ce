package dev.loompatterns.eventsignal;

import java.time.Duration;

/**
 * The tutorial's {@code threading.Event}: a flag that threads wait for. The run drives it through
 * this interface so that the hand-written {@link ResettableEvent} and the one-shot
 * {@link LatchSignal} face the same check.
 */
sealed interface Signal permits ResettableEvent, LatchSignal {

    /** Sets the flag and releases every thread waiting for it. */
    void set();

    /** Resets the flag, so threads that wait from now on block until the next {@link #set()}. */
    void clear();

    boolean isSet();

    /** Waits until the flag is set. */
    void await() throws InterruptedException;

    /** Waits until the flag is set or the timeout passes; false means the timeout passed. */
    boolean await(Duration timeout) throws InterruptedException;
}
