package dev.loompatterns.analysis.jmc;

/**
 * {@code loom.pinning} in JDK Mission Control: virtual threads that blocked while pinned, by cause
 * and frame; needs {@code jdk.VirtualThreadPinned} enabled.
 */
public final class PinningJmcRule extends LoomJmcRule {

    public PinningJmcRule() {
        super("pinning");
    }
}
