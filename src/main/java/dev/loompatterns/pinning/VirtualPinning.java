package dev.loompatterns.pinning;

/**
 * A virtual thread per task: the same code as {@link PlatformPinning} with a virtual builder.
 * When the blocking call cannot unmount (a native frame or a static initializer on the stack, or
 * a monitor on JDK 21-23), the carrier blocks with it; with as many such tasks as carriers, every
 * other virtual thread waits.
 */
public final class VirtualPinning implements Form {

    @Override
    public void runAll(int tasks, Blocking call) throws Exception {
        Form.threadPerTask(Thread.ofVirtual().name("pinning-", 0), tasks, call);
    }
}
