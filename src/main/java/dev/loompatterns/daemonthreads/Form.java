package dev.loompatterns.daemonthreads;

import java.util.List;

/** What every mode implements: its child-JVM programs, what runs in {@code main} of the child, next to the ticker. */
interface Form {

    /** The programs this mode runs, each in its own child JVM. */
    List<Scenario> scenarios();

    /** The child's {@code main}: start the ticker, wait for its ticks, return (or not). */
    void runInChild(Scenario scenario, Ticker ticker) throws Exception;
}
