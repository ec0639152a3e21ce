package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.PinTaxonomy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a wait is told apart by its stack: a pool's wait for its next task, a wait to take a lock, or neither. The
 * stacks are JDK 25's, as {@code jfr print --events jdk.ThreadPark} shows them, innermost frame first.
 */
class BlockedTest {

    private static final Observation.ThreadRef WORKER = new Observation.ThreadRef(7, "pool-1-thread-1", false);

    /** Frames from {@code type.method} texts. */
    private static List<PinTaxonomy.Frame> stack(String... frames) {
        return Arrays.stream(frames)
                .map(frame -> {
                    int dot = frame.lastIndexOf('.');
                    return new PinTaxonomy.Frame(frame.substring(0, dot), frame.substring(dot + 1), 1, false, false);
                })
                .toList();
    }

    /** A wait's frames, then the frames of the code that called it, from {@code type.method} texts. */
    private static List<PinTaxonomy.Frame> calledFrom(List<PinTaxonomy.Frame> wait, String... callers) {
        return java.util.stream.Stream.concat(wait.stream(), stack(callers).stream())
                .toList();
    }

    /** Where a platform thread's wait of this kind, with these frames, was ({@link Observation.Blocked#waitedIn}). */
    private static String waitedIn(Observation.Blocked.Kind kind, String... frames) {
        Observation.Blocked blocked = Observation.Blocked.of(0, 1, WORKER, kind, () -> stack(frames));
        assertThat(blocked.waitedFor()).as(kind.toString()).isEqualTo(Observation.Blocked.Wait.IN_TASK);
        return blocked.waitedIn();
    }

    private static Observation.Blocked park(List<PinTaxonomy.Frame> frames) {
        return Observation.Blocked.of(0, 1, WORKER, Observation.Blocked.Kind.PARK, () -> frames);
    }

    /** A park whose stack the recording cut at its depth (JFR keeps the innermost frames). */
    private static Observation.Blocked cutPark(List<PinTaxonomy.Frame> frames) {
        return Observation.Blocked.of(0, 1, WORKER, Observation.Blocked.Kind.PARK, () -> frames, () -> true);
    }

    /**
     * A park whose stack was cut before any frame but the JDK's cannot be told: a pool's idle thread recorded 4 frames
     * deep ({@code -XX:FlightRecorderOptions:stackdepth=4}) read as blocked in a task, its {@code getTask} cut off (a
     * helper's hunt). The same frames, whole, are a wait in a task; a cut stack that still holds the program's frame,
     * or the frames that tell a lock's wait, is told as before.
     */
    @Test
    void aParkCutBeforeTheProgramsFramesCannotBeTold() {
        List<PinTaxonomy.Frame> idleCut = stack(
                "jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.locks.LockSupport.parkNanos",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos",
                "java.util.concurrent.LinkedBlockingQueue.poll");
        assertThat(cutPark(idleCut).waitedFor()).isEqualTo(Observation.Blocked.Wait.CUT_SHORT);
        assertThat(cutPark(idleCut).notTold()).isTrue();
        assertThat(park(idleCut).waitedFor()).isEqualTo(Observation.Blocked.Wait.IN_TASK); // not cut: all there was
        assertThat(park(idleCut).notTold()).isFalse();

        List<PinTaxonomy.Frame> taskCut = calledFrom(idleCut.subList(0, 2), "app.Batch.run");
        assertThat(cutPark(taskCut).waitedFor()).isEqualTo(Observation.Blocked.Wait.IN_TASK);

        List<PinTaxonomy.Frame> lockCut = stack(
                "jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                "java.util.concurrent.locks.ReentrantLock$Sync.lock",
                "java.util.concurrent.locks.ReentrantLock.lock");
        assertThat(cutPark(lockCut).waitingForLock()).isTrue();

        List<PinTaxonomy.Frame> idleWhole = calledFrom(
                idleCut,
                "java.util.concurrent.ThreadPoolExecutor.getTask",
                "java.util.concurrent.ThreadPoolExecutor.runWorker");
        assertThat(cutPark(idleWhole).waitingForWork()).isTrue();
    }

    @Test
    void aParkTakingALockIsAWaitForTheLock() {
        List<List<PinTaxonomy.Frame>> locks = List.of(
                stack(
                        "jdk.internal.misc.Unsafe.park",
                        "java.util.concurrent.locks.LockSupport.park",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                        "java.util.concurrent.locks.ReentrantLock$Sync.lock",
                        "java.util.concurrent.locks.ReentrantLock.lock",
                        "app.Service.call"),
                stack(
                        "jdk.internal.misc.Unsafe.park",
                        "java.util.concurrent.locks.LockSupport.park",
                        "java.util.concurrent.locks.AbstractQueuedLongSynchronizer.acquire",
                        "java.util.concurrent.locks.AbstractQueuedLongSynchronizer.acquire",
                        "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock.lock",
                        "app.Service.call"),
                stack(
                        "jdk.internal.misc.Unsafe.park",
                        "java.util.concurrent.locks.LockSupport.park",
                        "java.util.concurrent.locks.StampedLock.acquireWrite",
                        "java.util.concurrent.locks.StampedLock.writeLock",
                        "app.Service.call"));
        for (List<PinTaxonomy.Frame> frames : locks) {
            Observation.Blocked blocked = park(frames);
            assertThat(blocked.waitingForLock()).as(frames.toString()).isTrue();
            assertThat(blocked.waitingForWork()).as(frames.toString()).isFalse();
        }
    }

    /**
     * A thread waiting for another thread's class initializer: JDK 25 records a monitor's wait (on the class's init
     * lock) whose innermost frame is the code that used the class, where the code's own wait has {@code Object.wait}.
     */
    @Test
    void aMonitorWaitForAClassInitializerIsAWaitForALock() {
        Observation.Blocked forInit = Observation.Blocked.of(
                0,
                1,
                WORKER,
                Observation.Blocked.Kind.MONITOR_WAIT,
                () -> stack(
                        "app.Service.lambda$call$0", "java.util.concurrent.FutureTask.run", "java.lang.Thread.run"));
        Observation.Blocked own = Observation.Blocked.of(
                0,
                1,
                WORKER,
                Observation.Blocked.Kind.MONITOR_WAIT,
                () -> stack("java.lang.Object.wait0", "java.lang.Object.wait", "app.Service.call"));

        assertThat(forInit.waitedFor()).isEqualTo(Observation.Blocked.Wait.FOR_LOCK);
        assertThat(own.waitedFor()).isEqualTo(Observation.Blocked.Wait.IN_TASK);
    }

    /**
     * A condition's await (also on a lock's own condition, whose wake-up takes the lock again under the await), a
     * semaphore's acquire and a future's get wait for something else than a lock's holder; a pool's wait for a task
     * is idle.
     */
    @Test
    void otherParksAreNoWaitForALock() {
        List<List<PinTaxonomy.Frame>> others = List.of(
                stack(
                        "jdk.internal.misc.Unsafe.park",
                        "java.util.concurrent.locks.LockSupport.parkNanos",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
                        "app.Service.call"),
                stack(
                        "jdk.internal.misc.Unsafe.park",
                        "java.util.concurrent.locks.LockSupport.park",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
                        "java.util.concurrent.locks.ReentrantLock.lock",
                        "app.Service.call"),
                stack(
                        "jdk.internal.misc.Unsafe.park",
                        "java.util.concurrent.locks.LockSupport.park",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireSharedInterruptibly",
                        "java.util.concurrent.Semaphore.acquire",
                        "app.Service.call"),
                stack(
                        "jdk.internal.misc.Unsafe.park",
                        "java.util.concurrent.locks.LockSupport.park",
                        "java.util.concurrent.FutureTask.awaitDone",
                        "java.util.concurrent.FutureTask.get",
                        "app.Service.call"),
                List.of());
        for (List<PinTaxonomy.Frame> frames : others) {
            assertThat(park(frames).waitingForLock()).as(frames.toString()).isFalse();
        }
        Observation.Blocked idle = park(stack(
                "jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
                "java.util.concurrent.LinkedBlockingQueue.take",
                "java.util.concurrent.ThreadPoolExecutor.getTask",
                "java.util.concurrent.ThreadPoolExecutor.runWorker"));
        assertThat(idle.waitingForWork()).isTrue();
        assertThat(idle.waitingForLock()).isFalse();
    }

    /**
     * A park in {@code LinkedBlockingQueue.take} on JDK 25 (its frames as JFR records them: the condition's wait goes
     * through {@code ForkJoinPool.managedBlock}), called from these frames, innermost first.
     */
    private static List<PinTaxonomy.Frame> takenFrom(String... callers) {
        List<String> frames = new java.util.ArrayList<>(List.of(
                "jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionNode.block",
                "java.util.concurrent.ForkJoinPool.unmanagedBlock",
                "java.util.concurrent.ForkJoinPool.managedBlock",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
                "java.util.concurrent.LinkedBlockingQueue.take"));
        frames.addAll(List.of(callers));
        return stack(frames.toArray(String[]::new));
    }

    /**
     * The request pools of Tomcat and Jetty waiting for a request, and Netty's and JBoss Threads' executors and
     * OkHttp's TaskRunner waiting for a task, are idle, as the JDK's pools are: their stacks as JFR recorded them idle
     * (Tomcat 11.0.29, Jetty 12.1.14, Netty 4.2.21, JBoss Threads 3.9.1, OkHttp 4.12.0, JDK 25), where
     * {@code loom inspect} had read Tomcat's 10 idle threads as blocked 99% of the time, and first to move.
     */
    @Test
    void theIdlePoolsOfTheCommonServersAndExecutorsWaitForWork() {
        List<PinTaxonomy.Frame> tomcat = takenFrom(
                "org.apache.tomcat.util.threads.TaskQueue.take",
                "org.apache.tomcat.util.threads.TaskQueue.take",
                "org.apache.tomcat.util.threads.ThreadPoolExecutor.getTask",
                "org.apache.tomcat.util.threads.ThreadPoolExecutor.runWorker",
                "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run");
        List<PinTaxonomy.Frame> jetty = stack(
                "jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.locks.LockSupport.parkNanos",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos",
                "org.eclipse.jetty.util.thread.AutoLock$WithCondition.awaitNanos",
                "org.eclipse.jetty.util.BlockingArrayQueue.poll",
                "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.idleJobPoll",
                "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run",
                "java.lang.Thread.run");
        List<PinTaxonomy.Frame> netty = takenFrom(
                "io.netty.util.concurrent.SingleThreadEventExecutor.takeTask",
                "io.netty.util.concurrent.DefaultEventExecutor.run",
                "io.netty.util.concurrent.SingleThreadEventExecutor$5.run");
        List<PinTaxonomy.Frame> jboss = stack(
                "jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.locks.LockSupport.parkNanos",
                "org.jboss.threads.EnhancedQueueExecutor$PoolThreadNode.park",
                "org.jboss.threads.EnhancedQueueExecutor.runThreadBody",
                "org.jboss.threads.EnhancedQueueExecutor$ThreadBody.run",
                "java.lang.Thread.run");
        List<PinTaxonomy.Frame> okhttp = stack(
                "java.lang.Object.wait0",
                "java.lang.Object.wait",
                "java.lang.Object.wait",
                "okhttp3.internal.concurrent.TaskRunner$RealBackend.coordinatorWait",
                "okhttp3.internal.concurrent.TaskRunner.awaitTaskToRun",
                "okhttp3.internal.concurrent.TaskRunner$runnable$1.run",
                "java.util.concurrent.ThreadPoolExecutor.runWorker");
        List<PinTaxonomy.Frame> nettyGlobal = stack(
                "jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.locks.LockSupport.parkNanos",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos",
                "java.util.concurrent.LinkedBlockingQueue.poll",
                "io.netty.util.concurrent.GlobalEventExecutor.takeTask",
                "io.netty.util.concurrent.GlobalEventExecutor$TaskRunner.run",
                "java.lang.Thread.run");
        for (List<PinTaxonomy.Frame> idle : List.of(tomcat, jetty, netty, nettyGlobal, jboss, okhttp)) {
            assertThat(park(idle).waitedFor()).as(idle.toString()).isEqualTo(Observation.Blocked.Wait.FOR_WORK);
        }
        List<PinTaxonomy.Frame> inARequest = stack(
                "jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.CountDownLatch.await",
                "app.Servlet.doGet",
                "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.runJob",
                "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run");
        assertThat(park(inARequest).waitedFor())
                .as("a request's own wait, on a thread of the same pool")
                .isEqualTo(Observation.Blocked.Wait.IN_TASK);
    }

    /**
     * c3p0's helper threads and Quartz's workers wait for a task with {@code wait()} in the loop that runs the tasks, a
     * frame under each task too: idle where that loop called the wait (c3p0 0.9.5.5 and 0.11.2, Quartz 2.3.2 and
     * 2.5.0, JDK 25: c3p0's 3 threads had read as blocked 97 to 98% of the time, Quartz's 10 idle workers as 99% and
     * first to move), a task's own where a task did.
     */
    @Test
    void poolsWhoseLoopWaitsForATaskAreIdleOnlyWhereTheLoopWaits() {
        for (String loop : List.of(
                "com.mchange.v2.async.ThreadPoolAsynchronousRunner$PoolThread.run",
                "org.quartz.simpl.SimpleThreadPool$WorkerThread.run")) {
            Observation.Blocked idle = Observation.Blocked.of(
                    0,
                    1,
                    WORKER,
                    Observation.Blocked.Kind.MONITOR_WAIT,
                    () -> stack("java.lang.Object.wait0", "java.lang.Object.wait", loop));
            assertThat(idle.waitedFor()).as(loop).isEqualTo(Observation.Blocked.Wait.FOR_WORK);

            assertThat(waitedIn(
                            Observation.Blocked.Kind.MONITOR_WAIT,
                            "java.lang.Object.wait0",
                            "java.lang.Object.wait",
                            "app.Job.awaitReply",
                            "app.Job.run",
                            loop))
                    .as("a task the loop runs, waiting")
                    .isEqualTo("app.Job");
            assertThat(park(stack(
                                    "jdk.internal.misc.Unsafe.park",
                                    "java.util.concurrent.locks.LockSupport.park",
                                    "java.util.concurrent.CountDownLatch.await",
                                    "app.Job.run",
                                    loop))
                            .waitedFor())
                    .as(loop)
                    .isEqualTo(Observation.Blocked.Wait.IN_TASK);
        }
    }

    /**
     * A park or a monitor's wait is named by the JDK class the task called and the task's class, or by the task's own
     * class where it waited in code of its own: below the park machinery (LockSupport, the synchronizers and their
     * conditions, ForkJoinPool's managed blocking, Object.wait), cut to outermost classes. The stacks are JDK 25's, as
     * recorded here (HikariCP 7.1.0, DBCP 2.13.0, the JDK's HttpClient).
     */
    @Test
    void aWaitIsNamedByTheClassTheTaskCalled() {
        String park = "jdk.internal.misc.Unsafe.park";
        String lockSupport = "java.util.concurrent.locks.LockSupport.park";
        assertThat(Observation.Blocked.waitingClass(stack(
                        park,
                        lockSupport,
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireSharedInterruptibly",
                        "java.util.concurrent.Semaphore.acquire",
                        "app.Db.query",
                        "java.util.concurrent.FutureTask.run")))
                .isEqualTo("java.util.concurrent.Semaphore from app.Db");
        assertThat(Observation.Blocked.waitingClass(stack(
                        park,
                        lockSupport,
                        "java.util.concurrent.LinkedTransferQueue$DualNode.await",
                        "java.util.concurrent.SynchronousQueue$Transferer.xferLifo",
                        "java.util.concurrent.SynchronousQueue.xfer",
                        "java.util.concurrent.SynchronousQueue.take",
                        "app.Consumer.run",
                        "java.util.concurrent.Executors$RunnableAdapter.call")))
                .as("the class the task called, not the one whose code parked")
                .isEqualTo("java.util.concurrent.SynchronousQueue from app.Consumer");
        List<PinTaxonomy.Frame> futureGet = stack(
                park,
                lockSupport,
                "java.util.concurrent.CompletableFuture$Signaller.block",
                "java.util.concurrent.ForkJoinPool.unmanagedBlock",
                "java.util.concurrent.ForkJoinPool.managedBlock",
                "java.util.concurrent.CompletableFuture.waitingGet",
                "java.util.concurrent.CompletableFuture.get");
        assertThat(Observation.Blocked.waitingClass(calledFrom(futureGet, "app.Client.call")))
                .isEqualTo("java.util.concurrent.CompletableFuture from app.Client");
        List<PinTaxonomy.Frame> conditionAwait = stack(
                park,
                lockSupport,
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionNode.block",
                "java.util.concurrent.ForkJoinPool.unmanagedBlock",
                "java.util.concurrent.ForkJoinPool.managedBlock",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await");
        assertThat(Observation.Blocked.waitingClass(calledFrom(
                        conditionAwait, "java.util.concurrent.LinkedBlockingQueue.take", "app.Consumer.run")))
                .isEqualTo("java.util.concurrent.LinkedBlockingQueue from app.Consumer");
        assertThat(Observation.Blocked.waitingClass(stack(
                        "java.lang.Object.wait0",
                        "java.lang.Object.wait",
                        "app.ConnectionPool$Slots.borrow",
                        "app.ConnectionPool.borrow",
                        "app.Db.query")))
                .as("a wait() of the program's own: the class that called it, not its callers'")
                .isEqualTo("app.ConnectionPool");
        assertThat(Observation.Blocked.waitingClass(stack(
                        "java.lang.Object.wait0", "java.lang.Object.wait", "java.lang.Thread.join", "app.Main.main")))
                .isEqualTo("java.lang.Thread from app.Main");
        // HikariCP 7.1.0 and DBCP 2.13.0 (Apache Commons Pool 2.12.0) waiting for a connection, as recorded here
        assertThat(Observation.Blocked.waitingClass(stack(
                        park,
                        "java.util.concurrent.locks.LockSupport.parkNanos",
                        "java.util.concurrent.LinkedTransferQueue$DualNode.await",
                        "java.util.concurrent.LinkedTransferQueue.xfer",
                        "java.util.concurrent.SynchronousQueue.xfer",
                        "java.util.concurrent.SynchronousQueue.poll",
                        "com.zaxxer.hikari.util.ConcurrentBag.borrow",
                        "com.zaxxer.hikari.pool.HikariPool.getConnection",
                        "com.zaxxer.hikari.HikariDataSource.getConnection",
                        "app.Db.query")))
                .isEqualTo("java.util.concurrent.SynchronousQueue from com.zaxxer.hikari.util.ConcurrentBag");
        assertThat(Observation.Blocked.waitingClass(calledFrom(
                        conditionAwait,
                        "org.apache.commons.pool2.impl.LinkedBlockingDeque.takeFirst",
                        "org.apache.commons.pool2.impl.GenericObjectPool.borrowObject",
                        "org.apache.commons.dbcp2.PoolingDataSource.getConnection",
                        "app.Db.query")))
                .isEqualTo("org.apache.commons.pool2.impl.LinkedBlockingDeque");
        // Tomcat JDBC 11.0.29 (its default fair queue) and c3p0 0.11.2 waiting for a connection, as recorded here
        assertThat(Observation.Blocked.waitingClass(stack(
                        park,
                        "java.util.concurrent.locks.LockSupport.parkNanos",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer.tryAcquireSharedNanos",
                        "java.util.concurrent.CountDownLatch.await",
                        "org.apache.tomcat.jdbc.pool.FairBlockingQueue.poll",
                        "org.apache.tomcat.jdbc.pool.ConnectionPool.borrowConnection",
                        "org.apache.tomcat.jdbc.pool.DataSourceProxy.getConnection",
                        "app.Db.query")))
                .isEqualTo("java.util.concurrent.CountDownLatch from org.apache.tomcat.jdbc.pool.FairBlockingQueue");
        assertThat(Observation.Blocked.waitingClass(calledFrom(
                        conditionAwait,
                        "com.mchange.v2.resourcepool.BasicResourcePool.cscAwait",
                        "com.mchange.v2.resourcepool.BasicResourcePool.awaitAvailable",
                        "com.mchange.v2.c3p0.impl.C3P0PooledConnectionPool.checkoutPooledConnection",
                        "app.Db.query")))
                .isEqualTo("com.mchange.v2.resourcepool.BasicResourcePool");
        // Apache HttpClient 5.6.5 and 4.5.14 waiting for a connection, as recorded here: 5's in a future of its own
        List<PinTaxonomy.Frame> awaitNanos = stack(
                park,
                "java.util.concurrent.locks.LockSupport.parkNanos",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await");
        assertThat(Observation.Blocked.waitingClass(calledFrom(
                        awaitNanos,
                        "org.apache.hc.core5.concurrent.BasicFuture.get",
                        "org.apache.hc.core5.pool.StrictConnPool$1.get",
                        "org.apache.hc.core5.pool.StrictConnPool$1.get",
                        "org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager$3.get",
                        "app.Client.call")))
                .as("a library's future, named with the code that waited on it, as the JDK's are")
                .isEqualTo("org.apache.hc.core5.concurrent.BasicFuture from org.apache.hc.core5.pool.StrictConnPool");
        assertThat(Observation.Blocked.waitingClass(calledFrom(
                        awaitNanos,
                        "com.google.common.util.concurrent.AbstractFuture.get",
                        "com.google.common.util.concurrent.FluentFuture$TrustedFuture.get",
                        "app.Client.call")))
                .isEqualTo("com.google.common.util.concurrent.AbstractFuture from app.Client");
        // Netty 4.2.21's promise, as recorded here: a monitor's wait in DefaultPromise.await under its get
        assertThat(Observation.Blocked.waitingClass(stack(
                        "java.lang.Object.wait0",
                        "java.lang.Object.wait",
                        "java.lang.Object.wait",
                        "io.netty.util.concurrent.DefaultPromise.await",
                        "io.netty.util.concurrent.DefaultPromise.get",
                        "app.Client.lambda$call$0",
                        "java.util.concurrent.FutureTask.run")))
                .isEqualTo("io.netty.util.concurrent.DefaultPromise from app.Client");
        assertThat(Observation.Blocked.waitingClass(
                        calledFrom(awaitNanos, "com.google.common.util.concurrent.AbstractFuture.get")))
                .as("no caller outside its package: the future alone")
                .isEqualTo("com.google.common.util.concurrent.AbstractFuture");
        assertThat(Observation.Blocked.waitingClass(calledFrom(
                        conditionAwait,
                        "org.apache.http.pool.AbstractConnPool.getPoolEntryBlocking",
                        "org.apache.http.pool.AbstractConnPool$2.get",
                        "org.apache.http.impl.conn.PoolingHttpClientConnectionManager.leaseConnection",
                        "app.Client.call")))
                .isEqualTo("org.apache.http.pool.AbstractConnPool");
        assertThat(Observation.Blocked.waitingClass(stack(
                        park,
                        lockSupport,
                        "java.util.concurrent.FutureTask.awaitDone",
                        "java.util.concurrent.FutureTask.get",
                        "java.util.concurrent.ThreadPoolExecutor.runWorker",
                        "java.util.concurrent.ThreadPoolExecutor$Worker.run",
                        "java.lang.Thread.run")))
                .as("no code but the JDK's on the stack: the class alone")
                .isEqualTo("java.util.concurrent.ThreadPoolExecutor");
        assertThat(Observation.Blocked.waitingClass(calledFrom(
                        futureGet,
                        "jdk.internal.net.http.HttpClientImpl.send",
                        "jdk.internal.net.http.HttpClientFacade.send",
                        "app.Client.call",
                        "java.util.concurrent.FutureTask.run")))
                .as("HttpClient.send: the JDK class the code called, not the future it waits on inside")
                .isEqualTo("jdk.internal.net.http.HttpClientFacade from app.Client");
        assertThat(Observation.Blocked.waitingClass(stack(park, lockSupport))).isEmpty();
        assertThat(Observation.Blocked.waitingClass(List.of())).isEmpty();

        assertThat(waitedIn(
                        Observation.Blocked.Kind.MONITOR_WAIT,
                        "java.lang.Object.wait0",
                        "java.lang.Object.wait",
                        "app.Gate.await"))
                .isEqualTo("app.Gate");
        assertThat(waitedIn(
                        Observation.Blocked.Kind.SLEEP,
                        "java.lang.Thread.sleepNanos0",
                        "java.lang.Thread.sleep",
                        "app.Retry.backOff"))
                .isEqualTo("sleep from app.Retry");
        assertThat(waitedIn(
                        Observation.Blocked.Kind.SOCKET_READ,
                        "java.io.BufferedReader.readLine",
                        "org.postgresql.core.PGStream.receive"))
                .as("the JDK's frames passed over")
                .isEqualTo("socket read from org.postgresql.core.PGStream");
        // a jar read for a class the code used first, as JDK 25 records it on a pool's thread (frames cut in the
        // middle)
        assertThat(waitedIn(
                        Observation.Blocked.Kind.FILE_READ,
                        "java.util.zip.ZipFile$Source.readAt",
                        "java.util.zip.ZipFile$ZipFileInputStream.read",
                        "java.util.jar.JarFile.getManifest",
                        "jdk.internal.loader.URLClassPath$JarLoader$1.getManifest",
                        "jdk.internal.loader.BuiltinClassLoader.defineClass",
                        "jdk.internal.loader.BuiltinClassLoader.findClassOnClassPathOrNull",
                        "jdk.internal.loader.BuiltinClassLoader.loadClassOrNull",
                        "jdk.internal.loader.BuiltinClassLoader.loadClass",
                        "java.lang.ClassLoader.loadClass",
                        "org.eclipse.jetty.server.internal.HttpConnection.onFillable",
                        "java.util.concurrent.ThreadPoolExecutor.runWorker"))
                .isEqualTo("file read loading a class from org.eclipse.jetty.server.internal.HttpConnection");
        // the JDK's source launcher loads a single-file program's classes: the JDK's too, not the code
        assertThat(waitedIn(
                        Observation.Blocked.Kind.FILE_READ,
                        "java.util.zip.ZipFile$Source.readAt",
                        "jdk.internal.loader.BuiltinClassLoader.loadClass",
                        "java.lang.ClassLoader.loadClass",
                        "com.sun.tools.javac.launcher.MemoryClassLoader.loadClass",
                        "java.lang.ClassLoader.loadClass",
                        "Loader.lambda$main$0",
                        "java.util.concurrent.FutureTask.run"))
                .isEqualTo("file read loading a class from Loader");
        // a class the code loads itself, below its frame, is the code's read
        assertThat(waitedIn(
                        Observation.Blocked.Kind.FILE_READ,
                        "java.io.FileInputStream.read",
                        "app.Config.read",
                        "java.lang.ClassLoader.loadClass",
                        "app.Main.main"))
                .isEqualTo("file read from app.Config");
        assertThat(waitedIn(
                        Observation.Blocked.Kind.SLEEP, "java.util.concurrent.TimeUnit.sleep", "java.lang.Thread.run"))
                .as("no code but the JDK's: nothing more than the kind tells")
                .isEmpty();
    }

    /**
     * Netty's event loops sleep 100 ms at a time in their shutdown's quiet period (4.2.21, as recorded here): idle, not
     * blocked; a sleep in the program's code, or one that merely has that loop below it, is a task's.
     */
    @Test
    void aNettyEventLoopsQuietPeriodIsIdle() {
        List<PinTaxonomy.Frame> quiet = stack(
                "io.netty.util.concurrent.SingleThreadEventExecutor.confirmShutdown",
                "io.netty.channel.SingleThreadIoEventLoop.run",
                "io.netty.util.concurrent.SingleThreadEventExecutor$5.run",
                "java.lang.Thread.run");
        assertThat(Observation.Blocked.of(0, 1, WORKER, Observation.Blocked.Kind.SLEEP, () -> quiet)
                        .waitingForWork())
                .isTrue();
        assertThat(Observation.Blocked.of(
                                0,
                                1,
                                WORKER,
                                Observation.Blocked.Kind.SLEEP,
                                () -> calledFrom(
                                        stack("app.Handler.retry"), "io.netty.channel.SingleThreadIoEventLoop.run"))
                        .waitingForWork())
                .as("a handler's own sleep on the loop")
                .isFalse();
        assertThat(Observation.Blocked.of(0, 1, WORKER, Observation.Blocked.Kind.PARK, () -> quiet)
                        .waitingForWork())
                .as("only a sleep is told so")
                .isFalse();
    }

    /**
     * A contended monitor's enter is always a wait for the lock, whatever its stack; I/O, sleep and a monitor's wait
     * never are; and the stack is read for a park or a monitor's wait, for a platform thread's sleep or I/O (where it
     * waited), never for a monitor's enter nor a virtual thread's sleep or I/O. A park or a monitor's wait recorded with
     * no stack (its event's stackTrace off) is of unknown purpose: idle, a lock's wait or a wait in a task, which only the stack
     * tells apart (an idle pool recorded so read as blocked 99% of the time, and first to move).
     */
    @Test
    void theKindDecidesWhereTheStackCannot() {
        Observation.ThreadRef virtual = new Observation.ThreadRef(8, "", true);
        for (Observation.Blocked.Kind kind : Observation.Blocked.Kind.values()) {
            boolean readsStack = kind == Observation.Blocked.Kind.PARK || kind == Observation.Blocked.Kind.MONITOR_WAIT;
            Observation.Blocked blocked = Observation.Blocked.of(0, 1, WORKER, kind, () -> {
                if (kind == Observation.Blocked.Kind.MONITOR_ENTER) {
                    throw new AssertionError(kind + " read the stack");
                }
                return List.of();
            });
            Observation.Blocked.of(0, 1, virtual, kind, () -> {
                if (!readsStack) {
                    throw new AssertionError("a virtual thread's " + kind + " read the stack");
                }
                return List.of();
            });
            assertThat(blocked.waitingForLock())
                    .as(kind.toString())
                    .isEqualTo(kind == Observation.Blocked.Kind.MONITOR_ENTER);
            assertThat(blocked.waitedFor())
                    .as(kind.toString())
                    .isEqualTo(
                            readsStack
                                    ? Observation.Blocked.Wait.UNKNOWN
                                    : kind == Observation.Blocked.Kind.MONITOR_ENTER
                                            ? Observation.Blocked.Wait.FOR_LOCK
                                            : Observation.Blocked.Wait.IN_TASK);
        }
    }
}
