package dev.loompatterns.analysis.jmc;

/**
 * {@code loom.submit-failed} in JDK Mission Control: virtual threads the scheduler refused to
 * start or unpark; needs {@code jdk.VirtualThreadSubmitFailed} enabled.
 */
public final class SubmitFailedJmcRule extends LoomJmcRule {

    public SubmitFailedJmcRule() {
        super("submit-failed");
    }
}
