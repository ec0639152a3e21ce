package dev.loompatterns.pinning;

/**
 * Don't do this on a virtual thread: block in a static initializer. The JVM runs
 * {@code <clinit>} through a VM call that a continuation cannot be unmounted across, so the
 * initializing thread pins its carrier for the whole sleep (reason "VM call to
 * SlowStaticInit.&lt;clinit&gt; on stack"), and every other thread that needs the class meanwhile
 * waits for it pinned as well ("Waited for initialization of SlowStaticInit by another thread").
 * Still so on JDK 25: JEP 491 freed monitors, not class initialization. (JDK 26 unpins the
 * waiters on the {@code new} and static-access paths, JDK-8369238; the initializer's own pin stays.)
 *
 * <p>A class is initialized once per class loader; {@link ClassInitBlocking} loads a fresh copy
 * for each run.
 */
final class SlowStaticInit {

    /** Fixed: an initializer takes no arguments. */
    static final long SLEEP_MILLIS = 20;

    static {
        try {
            Thread.sleep(SLEEP_MILLIS); // BLOCKS inside <clinit>: pins a virtual thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SlowStaticInit() {}
}
