package dev.loompatterns.core;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import jdk.management.VirtualThreadSchedulerMXBean;

/**
 * The virtual-thread scheduler as its bean, {@code jdk.management.VirtualThreadSchedulerMXBean}
 * (JDK 24+), shows it: for the code that must wait until it is quiet.
 */
public final class VirtualScheduler {

    private VirtualScheduler() {}

    /** The scheduler's bean. */
    public static VirtualThreadSchedulerMXBean bean() {
        return ManagementFactory.getPlatformMXBean(VirtualThreadSchedulerMXBean.class);
    }

    /**
     * Waits until no virtual thread is mounted or queued, or {@code backstop} has passed. On JDK 25
     * "mounted" is the scheduler pool's busy-worker count ({@code ForkJoinPool.getActiveThreadCount()}),
     * so a carrier of an earlier virtual run still looking for work counts until it parks, within
     * milliseconds. Who waits:
     * <ul>
     *   <li>scheduling's {@code metrics} reading on platform threads, which must count only what runs
     *       while it is taken;
     *   <li>a JSON thread dump ({@code loom dump}, the tests' leak check): on JDK 25 the dump can crash
     *       the JVM when a virtual thread mounts or unmounts while the dump takes its snapshot, since
     *       the guard against that works only with a JVM TI agent present (JDK-8364343, read in its
     *       review, not run). Waiting makes that unlikely, not impossible: a sleeping virtual thread
     *       may wake during the dump.
     * </ul>
     *
     * <p>The caller is a platform thread: a virtual one is mounted itself, so for it this returns
     * false at once.
     *
     * @return true if the scheduler was quiet, false if the backstop passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean awaitIdle(Duration backstop) throws InterruptedException {
        if (Thread.currentThread().isVirtual()) {
            return false;
        }
        VirtualThreadSchedulerMXBean scheduler = bean();
        long deadline = System.nanoTime() + backstop.toNanos();
        while (scheduler.getMountedVirtualThreadCount() > 0 || scheduler.getQueuedVirtualThreadCount() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the virtual-thread scheduler to be idle");
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos()); // polling the bean: it has no event to wait on
        }
        return true;
    }
}
