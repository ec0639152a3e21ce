package dev.loompatterns.daemonthreads;

import dev.loompatterns.core.Mode;
import java.util.List;

/** One mode's child-JVM programs: what runs in {@code main} of the child, next to the ticker. */
interface ChildProgram {

    /** The programs this mode runs, each in its own child JVM. */
    List<Scenario> scenarios();

    /** The child's {@code main}: start the ticker, wait for its ticks, return (or not). */
    void runInChild(Scenario scenario, Ticker ticker) throws Exception;

    static ChildProgram forMode(Mode mode) {
        return switch (mode) {
            case PLATFORM -> new PlatformDaemonThreads();
            case VIRTUAL -> new VirtualDaemonThreads();
            case STRUCTURED -> new StructuredDaemonThreads();
        };
    }
}
