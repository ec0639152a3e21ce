package dev.loompatterns.analysis.jmc;

/**
 * {@code loom.queueing-delay} in JDK Mission Control: how long tasks waited to start, from loom's
 * own {@code loompatterns.TaskSubmitted} and {@code loompatterns.TaskStarted}; needs both enabled.
 */
public final class QueueingDelayJmcRule extends LoomJmcRule {

    public QueueingDelayJmcRule() {
        super("queueing-delay");
    }
}
