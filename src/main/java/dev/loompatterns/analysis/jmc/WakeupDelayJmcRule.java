package dev.loompatterns.analysis.jmc;

/**
 * {@code loom.wakeup-delay} in JDK Mission Control: how late threads woke from their sleeps, a virtual thread's delay
 * being its wait for a carrier; needs {@code jdk.ThreadSleep} enabled.
 */
public final class WakeupDelayJmcRule extends LoomJmcRule {

    public WakeupDelayJmcRule() {
        super("wakeup-delay");
    }
}
