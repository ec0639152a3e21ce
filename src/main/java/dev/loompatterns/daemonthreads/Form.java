package dev.loompatterns.daemonthreads;

/**
 * What every mode implements: what runs in {@code main} of a child JVM, next to the ticker, for
 * each of the mode's {@link Scenario}s.
 */
interface Form {

    /** The child's {@code main}: start the ticker, wait for its ticks, return (or not). */
    void runInChild(Scenario scenario, Ticker ticker) throws Exception;
}
