package dev.loompatterns.deadlock;

import java.util.List;

/** Runs the workers on this mode's threads, with the watchdog beside them. */
interface Form {

    /**
     * Returns when every worker (and the watchdog) has ended.
     *
     * @param watchdog breaks the deadlocks the workers meant to make, or guards the global order against one
     */
    void run(List<Runnable> workers, Watchdog watchdog) throws Exception;
}
