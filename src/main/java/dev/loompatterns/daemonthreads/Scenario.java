package dev.loompatterns.daemonthreads;

import dev.loompatterns.core.Mode;
import java.util.List;
import java.util.stream.Stream;

/** One child JVM's program: which kind of ticker it starts and whether its JVM should outlive it. */
enum Scenario {
    PLATFORM_NON_DAEMON(Mode.PLATFORM, false),
    PLATFORM_DAEMON(Mode.PLATFORM, true),
    VIRTUAL_MAIN_RETURNS(Mode.VIRTUAL, true),
    VIRTUAL_MAIN_JOINS(Mode.VIRTUAL, false),
    STRUCTURED(Mode.STRUCTURED, false);

    final Mode mode;
    /** True if the JVM is expected to exit while the ticker still runs (it does not wait for it). */
    final boolean tickerRunsAtExit;

    Scenario(Mode mode, boolean tickerRunsAtExit) {
        this.mode = mode;
        this.tickerRunsAtExit = tickerRunsAtExit;
    }

    /** The name passed to the child JVM on its command line. */
    String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The programs a mode runs, each in its own child JVM. */
    static List<Scenario> of(Mode mode) {
        return Stream.of(values()).filter(s -> s.mode == mode).toList();
    }

    static Scenario parse(String id) {
        for (Scenario scenario : values()) {
            if (scenario.id().equals(id)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("no scenario '" + id + "'");
    }
}
