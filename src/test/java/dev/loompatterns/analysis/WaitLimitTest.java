package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.PinTaxonomy;
import java.util.List;
import java.util.Map;
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

    /**
     * A wait in a library's own class is named by that class, past the virtual thread's park, as a platform thread's
     * recorded park is. Before, the JDK's lock class went first and no such wait was told, in any of the dumps these
     * frames come from (JDK 25.0.3, 100 virtual threads on 2 connections held 50 ms, dumped with
     * {@code HotSpotDiagnosticMXBean}; 5 or 10 of each): Jedis 8.0.2 (an Apache Commons Pool 2.13.1), MongoDB's driver
     * 5.14.0, c3p0 0.11.2, Agroal 2.6, Apache HttpClient 4.5.14 and 5.6.5; from the pool's await to the program, below
     * a virtual thread's park.
     */
    @Test
    void aVirtualThreadWaitingInAPoolsOwnClassWaitsForALimit() {
        String await = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await:1752";
        String awaitNanos = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos:1803";
        Map<String, List<String>> waits = Map.of(
                "an object from an Apache Commons Pool (DBCP's or Jedis's connections, say)",
                List.of(
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionNode.block:520",
                        "java.util.concurrent.ForkJoinPool.unmanagedBlock:4364",
                        "java.util.concurrent.ForkJoinPool.managedBlock:4310",
                        await,
                        "org.apache.commons.pool2.impl.LinkedBlockingDeque.takeFirst:1319",
                        "org.apache.commons.pool2.impl.GenericObjectPool.borrowObject:308",
                        "redis.clients.jedis.JedisPool.getResource:399"),
                "a connection from the MongoDB driver's pool",
                List.of(
                        awaitNanos,
                        "com.mongodb.internal.connection.ConcurrentPool$StateAndPermits.acquirePermit:369",
                        "com.mongodb.internal.connection.ConcurrentPool.get:153",
                        "com.mongodb.internal.connection.DefaultConnectionPool.getPooledConnection:339"),
                "a connection from c3p0's pool",
                List.of(
                        await,
                        "com.mchange.v2.resourcepool.BasicResourcePool.cscAwait:39",
                        "com.mchange.v2.resourcepool.BasicResourcePool.awaitAvailable:1655"),
                "a connection from Agroal's pool",
                List.of(
                        "java.util.concurrent.locks.AbstractQueuedLongSynchronizer.acquire:412",
                        "java.util.concurrent.locks.AbstractQueuedLongSynchronizer.tryAcquireNanos:698",
                        "io.agroal.pool.ConnectionPool.handlerFromSharedCache:339",
                        "io.agroal.pool.DataSource.getConnection:86"),
                "a connection from Apache HttpClient's pool",
                List.of(
                        await,
                        "org.apache.http.pool.AbstractConnPool.getPoolEntryBlocking:391",
                        "org.apache.http.pool.AbstractConnPool$2.get:253"));
        waits.forEach((waitedFor, below) -> assertThat(WaitLimit.of(frames(
                                VIRTUAL_PARK,
                                Stream.concat(below.stream(), Stream.of("app.Orders.find:44"))
                                        .toArray(String[]::new)))
                        .map(WaitLimit::waitedFor))
                .as(below.get(below.size() - 2))
                .contains(waitedFor));
        assertThat(WaitLimit.of(frames(
                        VIRTUAL_PARK,
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await:1892",
                        "org.apache.hc.core5.concurrent.BasicFuture.get:120",
                        "org.apache.hc.core5.pool.StrictConnPool$1.get:178",
                        "org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager$3.get:384")))
                .as("HttpClient 5's future, named with the pool that waited on it")
                .map(WaitLimit::waitedFor)
                .contains("a connection from Apache HttpClient's pool");
        // Agroal's pool while it grows, its connections slow to make (a driver that took 1 s): a JDK future of its own
        assertThat(WaitLimit.of(frames(
                        VIRTUAL_PARK,
                        "java.util.concurrent.FutureTask.awaitDone:508",
                        "java.util.concurrent.FutureTask.get:205",
                        "io.agroal.pool.ConnectionPool.handlerFromSharedCache:344",
                        "io.agroal.pool.DataSource.getConnection:86",
                        "app.Orders.find:44")))
                .map(WaitLimit::waitedFor)
                .contains("a connection from Agroal's pool");
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
        // MongoDB's server monitor, a platform thread, waiting in the driver's package for its next check
        assertThat(WaitLimit.of(frames(
                        List.of(
                                "jdk.internal.misc.Unsafe.park",
                                "java.util.concurrent.locks.LockSupport.parkNanos:271"),
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos:1803",
                        "com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.waitForSignalOrTimeout:417",
                        "com.mongodb.internal.Locks.checkedWithLock:60",
                        "com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.run:228")))
                .isEmpty();
    }
}
