package dev.loompatterns.analysis.jmc;

/**
 * {@code loom.carrier-hogging} in JDK Mission Control: virtual threads seen holding their carriers
 * long, from execution samples, cut where a sleep or socket wait released the carrier; needs
 * {@code jdk.ExecutionSample} enabled (without the sleeps and socket events it says so).
 */
public final class CarrierHoggingJmcRule extends LoomJmcRule {

    public CarrierHoggingJmcRule() {
        super("carrier-hogging");
    }
}
