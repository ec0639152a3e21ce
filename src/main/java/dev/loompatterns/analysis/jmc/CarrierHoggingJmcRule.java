package dev.loompatterns.analysis.jmc;

/**
 * {@code loom.carrier-hogging} in JDK Mission Control: virtual threads that ran long without
 * blocking, from execution samples; needs {@code jdk.ExecutionSample} enabled.
 */
public final class CarrierHoggingJmcRule extends LoomJmcRule {

    public CarrierHoggingJmcRule() {
        super("carrier-hogging", Needs.ALL);
    }
}
