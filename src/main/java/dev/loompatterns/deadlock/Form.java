package dev.loompatterns.deadlock;

import java.util.List;

/** Runs the workers on this mode's threads, with the watchdog beside them if there is one. */
interface Form {

    /**
     * Returns when every worker (and the watchdog) has ended.
     *
     * @param watchdog null when the run cannot deadlock (the global order)
     */
    void run(List<Runnable> workers, Watchdog watchdog) throws Exception;
}
