package dev.loompatterns.analysis.jmc;

/**
 * {@code loom.pool-candidate} in JDK Mission Control: pools of platform threads mostly blocked, to
 * move to virtual threads first; needs any of the socket, file, park, sleep and monitor events.
 */
public final class PoolCandidateJmcRule extends LoomJmcRule {

    public PoolCandidateJmcRule() {
        super("pool-candidate");
    }
}
