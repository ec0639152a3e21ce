package dev.loompatterns.pinning;

import dev.loompatterns.core.RunGate;

/**
 * The blocking call each task of a run makes: the same sleep, placed where a variant puts it
 * (inside an FFM upcall, a static initializer, a {@code synchronized} block, a locked
 * {@code ReentrantLock}). Where it is placed decides whether a virtual thread can unmount.
 */
@FunctionalInterface
interface Blocking {

    void block() throws Exception;

    /** As a value-returning task, for a scope's fork or {@link dev.loompatterns.core.FirstFailure}. */
    default Void call() throws Exception {
        // Lets `loom dump` hold the run here, before the measured call; a no-op otherwise (and in a
        // child JVM, where nothing holds). Harmless to the measurement: a held virtual thread parks on
        // a j.u.c latch with no native frame, initializer or monitor on its stack, so it unmounts and
        // records no pin.
        RunGate.arrive();
        block();
        return null;
    }
}
