package dev.loompatterns.analysis.jmc;

/**
 * {@code loom.virtual-thread-census} in JDK Mission Control: virtual threads started, ended and
 * alive at once, which JMC's own views cannot count; needs {@code jdk.VirtualThreadStart} or
 * {@code jdk.VirtualThreadEnd}, and reads virtual threads' pins, samples and recorded waits to count those alive
 * through the recording, and to tell a copy without them.
 */
public final class VirtualThreadCensusJmcRule extends LoomJmcRule {

    public VirtualThreadCensusJmcRule() {
        super("virtual-thread-census");
    }
}
