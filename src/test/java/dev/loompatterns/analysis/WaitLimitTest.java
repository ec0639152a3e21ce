package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.PinTaxonomy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The limits of {@code pool-candidate}, told from a virtual thread's stack as a JSON thread dump gives it (JDK 25:
 * {@code VirtualThread.park} where a platform thread's recorded park has {@code Unsafe.park}), with the frames of a
 * Spring Boot 4.0.7 application's request waiting for a HikariCP connection, dumped by jcmd on JDK 25.0.3.
 */
class WaitLimitTest {

    static final List<String> VIRTUAL_PARK = List.of(
            "java.lang.VirtualThread.parkNanos:784",
            "java.lang.System$1.parkVirtualThread:2294",
            "java.util.concurrent.locks.LockSupport.parkNanos:406");

    static List<PinTaxonomy.Frame> frames(List<String> top, String... below) {
        return Stream.concat(top.stream(), Stream.of(below))
                .map(PinTaxonomy.Frame::parse)
                .toList();
    }

    @Test
    void aVirtualThreadWaitingForHikarisConnectionWaitsForALimit() {
        List<PinTaxonomy.Frame> hikari = frames(
                VIRTUAL_PARK,
                "java.util.concurrent.LinkedTransferQueue$DualNode.await:452",
                "java.util.concurrent.LinkedTransferQueue.xfer:613",
                "java.util.concurrent.SynchronousQueue.xfer:235",
                "java.util.concurrent.SynchronousQueue.poll:338",
                "com.zaxxer.hikari.util.ConcurrentBag.borrow:163",
                "com.zaxxer.hikari.pool.HikariPool.getConnection:160",
                "app.Shop.order:26");

        assertThat(WaitLimit.of(hikari)).contains(new WaitLimit("a connection from HikariCP's pool", "connections"));
    }

    @Test
    void aVirtualThreadWaitingForAPermitWaitsForALimit() {
        List<PinTaxonomy.Frame> permit = frames(
                List.of("java.lang.VirtualThread.park:738", "java.lang.System$1.parkVirtualThread:2294"),
                "java.util.concurrent.locks.LockSupport.park:369",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire:715",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireSharedInterruptibly:1079",
                "java.util.concurrent.Semaphore.acquire:318",
                "app.Orders.place:40");

        assertThat(WaitLimit.of(permit)).map(WaitLimit::many).contains("permits");
    }

    /**
     * Vibur DBCP 26.0's and Oracle UCP 23.9's pools park their virtual threads on a {@code Semaphore} of theirs: a
     * connection, not a program's permits (the frames of a dump of each, jcmd on JDK 25.0.3, 100 tasks on 2
     * connections).
     */
    @Test
    void aSemaphoreOfVibursOrUcpsPoolIsItsConnections() {
        List<String> acquire = List.of(
                "java.lang.VirtualThread.park:742",
                "java.lang.System$1.parkVirtualThread:2285",
                "java.util.concurrent.locks.LockSupport.park:221",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire:790",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireSharedInterruptibly:1139",
                "java.util.concurrent.Semaphore.acquire:318");
        List<PinTaxonomy.Frame> vibur = frames(
                acquire,
                "org.vibur.objectpool.ConcurrentPool.take:152",
                "org.vibur.dbcp.pool.PoolOperations.getConnHolder:149",
                "org.vibur.dbcp.ViburDBCPDataSource.getConnection:448",
                "app.Shop.order:26");
        List<PinTaxonomy.Frame> ucp = frames(
                VIRTUAL_PARK,
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire:792",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.tryAcquireSharedNanos:1166",
                "java.util.concurrent.Semaphore.tryAcquire:415",
                "oracle.ucp.common.CriStats$BorrowSemaphore.tryAcquire:82",
                "oracle.ucp.common.Core.findFirst:683",
                "oracle.ucp.common.Core.borrow:462",
                "app.Shop.order:26");

        assertThat(WaitLimit.of(vibur)).contains(new WaitLimit("a connection from Vibur DBCP's pool", "connections"));
        assertThat(WaitLimit.of(ucp)).contains(new WaitLimit("a connection from Oracle UCP's pool", "connections"));
    }

    /** A sleep, a latch and the code's own wait are waits, not limits; nor is a stack with nothing but the JDK. */
    @Test
    void otherWaitsAreNoLimit() {
        assertThat(WaitLimit.of(frames(
                        List.of("java.lang.VirtualThread.sleepNanos:1050", "java.lang.Thread.sleep:592"),
                        "app.Shop.slow:20")))
                .isEmpty();
        assertThat(WaitLimit.of(
                        frames(VIRTUAL_PARK, "java.util.concurrent.CountDownLatch.await:373", "app.Batch.awaitAll:52")))
                .isEmpty();
        assertThat(WaitLimit.of(frames(VIRTUAL_PARK, "java.util.concurrent.ForkJoinPool.awaitWork:2009")))
                .isEmpty();
        assertThat(WaitLimit.of(List.of())).isEmpty();
    }
}
