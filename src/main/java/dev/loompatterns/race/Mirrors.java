package dev.loompatterns.race;

import dev.loompatterns.core.TaskLog;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The mirrors of one resource for one race: mirror 0 is down and fails at once, mirror 1 answers
 * after the winner's latency, and each further mirror would answer a long gap later, so a loser
 * that was not interrupted would show up both in the log and in the wall time. With
 * {@code allFail}, every mirror fails, a millisecond apart.
 *
 * <p>Each mirror logs its start and ending in a {@link TaskLog}, which the check reads when the
 * race returns.
 */
final class Mirrors {

    private Mirrors() {}

    static String name(int mirror) {
        return "mirror-" + mirror;
    }

    /** One mirror for each of the log's tasks. */
    static List<Callable<String>> of(Duration winner, Duration gap, boolean allFail, TaskLog log) {
        return log.afterLatencies(
                mirror -> allFail
                        ? Duration.ofMillis(mirror)
                        : mirror == 0 ? Duration.ZERO : winner.plus(gap.multipliedBy(mirror - 1)),
                mirror -> () -> {
                    if (allFail || mirror == 0) {
                        throw new IOException(name(mirror) + " is unreachable");
                    }
                    return name(mirror);
                });
    }
}
