package dev.loompatterns.analysis;

import dev.loompatterns.jfr.PinTaxonomy;
import java.util.List;
import java.util.Optional;

/**
 * A limit that a waiting thread waited for, one of those {@code pool-candidate} names (a pool's connection, a
 * {@code Semaphore}'s permits), told from a stack that was not recorded: a thread dump's, where {@code loom dump FILE}
 * shows the parked virtual threads that a recording does not (JFR records no park of a virtual thread that unmounts,
 * JDK 25).
 *
 * @param waitedFor what the thread waited for: {@code a connection from HikariCP's pool}
 * @param many      what there are only so many of: {@code connections}
 */
public record WaitLimit(String waitedFor, String many) {

    /**
     * The limit a thread parked or waiting with these frames (innermost first) waited for, where its wait is one that
     * {@code pool-candidate} counts as a limit's, read as it reads a recorded park.
     */
    public static Optional<WaitLimit> of(List<PinTaxonomy.Frame> frames) {
        PoolCandidateRule.Limit limit = PoolCandidateRule.Limit.of(Observation.Blocked.waitingClass(frames));
        return limit == null ? Optional.empty() : Optional.of(new WaitLimit(limit.waitedFor, limit.many));
    }
}
