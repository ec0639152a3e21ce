package dev.loompatterns.analysis;

import dev.loompatterns.jfr.PinTaxonomy;
import java.util.List;
import java.util.function.Supplier;

/**
 * The small event model the rules read: what an adapter makes of a recording's events, whether it
 * reads them with the JDK's {@code RecordingFile} or gets them from JDK Mission Control. Times are
 * nanoseconds since the epoch; durations nanoseconds. Adapters hand observations over one by one,
 * in any order within a chunk; rules keep what they need per thread or per pool, never every
 * event.
 */
public sealed interface Observation {

    /** Nanoseconds since the epoch. */
    long time();

    /** When it ended, in nanoseconds since the epoch: its time, or its time plus its duration for a pin or a wait. */
    default long end() {
        return time();
    }

    /**
     * A thread as a recording names it.
     *
     * @param id      {@code Thread.threadId()}; -1 if unknown
     * @param name    its Java name, possibly empty
     * @param virtual true for a virtual thread
     */
    record ThreadRef(long id, String name, boolean virtual) {
        public static final ThreadRef UNKNOWN = new ThreadRef(-1, "", false);

        public String label() {
            return name.isEmpty() ? "#" + id : name;
        }

        /**
         * The virtual thread a {@code jdk.VirtualThreadStart} or {@code jdk.VirtualThreadEnd} is about: the
         * event's own {@code javaThreadId} field where it has one (positive), else its event thread. They are the
         * same thread, but an event's thread can be missing: in a multi-chunk recording of 150,000 virtual
         * threads one start had no event thread, so it never met its end (one thread alive at the end, one
         * ended without a start).
         */
        public static ThreadRef virtual(ThreadRef eventThread, long javaThreadId) {
            if (javaThreadId <= 0 || javaThreadId == eventThread.id()) {
                return eventThread;
            }
            return new ThreadRef(javaThreadId, "", true); // the event thread, if any, is another thread
        }

        /** As {@link Pinned#carrier()} names a carrier: its label, or "?" where the event has none. */
        public String carrierLabel() {
            return equals(UNKNOWN) ? "?" : label();
        }
    }

    /**
     * {@code jdk.VirtualThreadPinned}; reason and operation are null where the event has none (JDK 21-23); {@code
     * stackCut} where the recording cut the stack at its depth (JFR keeps the innermost frames).
     */
    record Pinned(
            long time,
            long duration,
            ThreadRef thread,
            String carrier,
            String reason,
            String operation,
            List<PinTaxonomy.Frame> frames,
            boolean stackCut)
            implements Observation {
        public Pinned {
            frames = List.copyOf(frames);
        }

        @Override
        public long end() {
            return time + duration;
        }
    }

    /** {@code jdk.VirtualThreadSubmitFailed}. */
    record SubmitFailed(long time, ThreadRef thread, String exceptionMessage) implements Observation {}

    /** {@code jdk.VirtualThreadStart}: stamped at first mount. */
    record VirtualStart(long time, ThreadRef thread) implements Observation {}

    /** {@code jdk.VirtualThreadEnd}. */
    record VirtualEnd(long time, ThreadRef thread) implements Observation {}

    /** {@code jdk.ThreadStart}: a platform thread began (its event thread is the new thread). */
    record ThreadStart(long time, ThreadRef thread) implements Observation {}

    /** {@code jdk.ThreadEnd}: a platform thread ended. */
    record ThreadEnd(long time, ThreadRef thread) implements Observation {}

    /** {@code jdk.ExecutionSample}: the thread that was running, and its innermost frame of code outside the JDK. */
    record Sample(long time, ThreadRef thread, String topFrame) implements Observation {}

    /**
     * A thread blocked: socket or file I/O, park, sleep, monitor.
     *
     * @param waitedFor what it waited for, as far as the kind and the stack tell
     * @param waitedIn  for a park or a monitor's wait with its stack, the class it waited in and the class of the code
     *     that called it ({@link #waitingClass}): a task's {@code Semaphore.acquire} in {@code app.Db} is
     *     {@code java.util.concurrent.Semaphore from app.Db}, a hand-written pool's {@code wait()} that pool's class;
     *     for a platform thread's sleep or I/O, its kind and the code's class ({@link #waitedAt}: {@code sleep from
     *     app.Retry}); empty for a monitor's enter, a virtual thread's sleep or I/O, and where no stack was recorded
     * @param asked     for a sleep, the time the thread asked to sleep ({@code jdk.ThreadSleep}'s {@code time}), in
     *     nanoseconds: its {@code duration} less this is how late it woke; {@link #NOT_ASKED} for the other kinds
     *     and a sleep recorded without it
     */
    record Blocked(long time, long duration, ThreadRef thread, Kind kind, Wait waitedFor, String waitedIn, long asked)
            implements Observation {

        /** {@link #asked()} of a wait that names no time of its own. */
        public static final long NOT_ASKED = -1;

        public Blocked {
            java.util.Objects.requireNonNull(waitedIn, "waitedIn");
        }

        /** A wait that names no time of its own ({@link #NOT_ASKED}). */
        public Blocked(long time, long duration, ThreadRef thread, Kind kind, Wait waitedFor, String waitedIn) {
            this(time, duration, thread, kind, waitedFor, waitedIn, NOT_ASKED);
        }

        /** A wait whose class is not told ({@code waitedIn} empty). */
        public Blocked(long time, long duration, ThreadRef thread, Kind kind, Wait waitedFor) {
            this(time, duration, thread, kind, waitedFor, "");
        }

        /** This wait, with the time its thread asked for: a sleep's {@code time}, in nanoseconds. */
        public Blocked asked(long nanos) {
            return new Blocked(time, duration, thread, kind, waitedFor, waitedIn, nanos);
        }

        /**
         * What a blocked thread waited for, told by the event's kind and, for a park or a monitor's wait, by its
         * stack.
         */
        public enum Wait {
            /** A wait in a task: I/O, a sleep, a condition, a semaphore, a latch, a future, another thread. */
            IN_TASK,
            /**
             * A pool's thread parked until a task comes ({@code ThreadPoolExecutor.getTask},
             * {@code ForkJoinPool.awaitWork}, Tomcat's and Jetty's request pools, Netty's
             * {@code DefaultEventExecutor}, JBoss Threads' {@code EnhancedQueueExecutor}, c3p0's helper threads,
             * Quartz's workers, OkHttp's {@code TaskRunner}), or a {@code java.util.Timer}'s thread waiting for its
             * next task: idle, not blocked in a task.
             */
            FOR_WORK,
            /**
             * A wait to take a lock another thread holds: a contended {@code synchronized} ({@code
             * jdk.JavaMonitorEnter}), a park in {@code ReentrantLock}, {@code ReentrantReadWriteLock} or
             * {@code StampedLock}'s taking of it ({@link #takingALock}), or the wait for another thread's class
             * initializer on the class's init lock ({@link #waitingForAnInitializer}).
             */
            FOR_LOCK,
            /**
             * A park or a monitor's wait recorded without its stack (the recording's settings had its
             * {@code stackTrace} off): it may have been any of the others, which only the stack tells apart.
             */
            UNKNOWN,
            /**
             * A park or a monitor's wait whose stack the recording cut ({@code -XX:FlightRecorderOptions:stackdepth})
             * before any frame but the JDK's: the frames that tell a pool's wait for its next task, or a lock's, from
             * a wait in a task were cut off, so it may have been any of them, as an {@link #UNKNOWN}. A pool's idle
             * thread recorded 4 frames deep read as blocked 99% of its time (a helper's hunt).
             */
            CUT_SHORT
        }

        /**
         * A wait of this kind, with the stack it was recorded with (innermost frame first, empty where the event has
         * none), which tells a pool's idle thread ({@link Wait#FOR_WORK}) and a lock's waiter ({@link #takingALock})
         * from the rest, and where it waited ({@link #waitingClass}). Read for a park or a monitor's wait, the kinds a
         * stack tells apart, and for a platform thread's sleep or I/O, which only {@link #waitedIn} reads: not for a
         * virtual thread's (a big recording's are many, and no rule names where they waited) nor for a monitor's
         * enter, always a lock's wait.
         */
        public static Blocked of(
                long time, long duration, ThreadRef thread, Kind kind, Supplier<List<PinTaxonomy.Frame>> stack) {
            return of(time, duration, thread, kind, stack, () -> false);
        }

        /**
         * As {@link #of(long, long, ThreadRef, Kind, Supplier)}, where {@code cut} says whether the recording cut the
         * stack at its depth (JFR keeps the innermost frames): a park or a monitor's wait cut before any frame but the
         * JDK's is {@link Wait#CUT_SHORT}.
         */
        public static Blocked of(
                long time,
                long duration,
                ThreadRef thread,
                Kind kind,
                Supplier<List<PinTaxonomy.Frame>> stack,
                java.util.function.BooleanSupplier cut) {
            if (kind == Kind.MONITOR_ENTER) {
                return new Blocked(time, duration, thread, kind, Wait.FOR_LOCK);
            }
            if (kind != Kind.PARK && kind != Kind.MONITOR_WAIT) {
                if (thread.virtual()) {
                    return new Blocked(time, duration, thread, kind, Wait.IN_TASK, "");
                }
                List<PinTaxonomy.Frame> frames = stack.get();
                Wait wait = kind == Kind.SLEEP && sleepingBetweenTasks(frames) ? Wait.FOR_WORK : Wait.IN_TASK;
                return new Blocked(time, duration, thread, kind, wait, waitedAt(kind, frames));
            }
            List<PinTaxonomy.Frame> frames = stack.get();
            Wait wait = waitOf(kind, frames);
            if (wait == Wait.IN_TASK && frames.stream().allMatch(frame -> jdk(frame.type())) && cut.getAsBoolean()) {
                wait = Wait.CUT_SHORT;
            }
            return new Blocked(time, duration, thread, kind, wait, waitingClass(frames));
        }

        private static Wait waitOf(Kind kind, List<PinTaxonomy.Frame> frames) {
            if (frames.isEmpty()) {
                return Wait.UNKNOWN; // a recorded stack has a frame at least: the thread's run, if no other
            }
            if (awaitingATask(frames)) {
                return Wait.FOR_WORK;
            }
            if (kind == Kind.MONITOR_WAIT && waitingForAnInitializer(frames)) {
                return Wait.FOR_LOCK;
            }
            return kind == Kind.PARK && takingALock(frames) ? Wait.FOR_LOCK : Wait.IN_TASK;
        }

        /**
         * Whether a monitor's wait is the JVM's wait for another thread's class initializer: JDK 25 records it as a
         * {@code jdk.JavaMonitorWait} on the class's init lock (an {@code int[]}), with the frame that first used the
         * class innermost, where a wait of the code's own has {@code Object.wait} there (seen here: a pool's threads
         * using a class whose {@code <clinit>} slept, each waiting 600 ms).
         */
        static boolean waitingForAnInitializer(List<PinTaxonomy.Frame> frames) {
            return !frames.isEmpty() && !frames.getFirst().type().equals("java.lang.Object");
        }

        /**
         * The class a park or a monitor's wait was in, as the code that waited called it, and that code's class: below
         * the machinery every such wait goes through ({@code Unsafe.park} or a virtual thread's park, {@code
         * LockSupport}, the queued synchronizers and their condition, {@code Object.wait}, {@code ForkJoinPool}'s
         * managed blocking), where the first frame is the JDK's, the JDK's outermost frame above the first that is
         * not, followed by
         * {@code " from "} and that frame's class: the JDK class the code called, and the code
         * ({@code java.util.concurrent.SynchronousQueue from com.zaxxer.hikari.util.ConcurrentBag}, a thread waiting
         * for one of HikariCP's connections, though the park is in {@code LinkedTransferQueue}'s code;
         * {@code HttpClient.send} waits in a {@code CompletableFuture}'s {@code get}, called from
         * {@code jdk.internal.net.http.HttpClientFacade}, which is named). Where the first frame is not the JDK's, its
         * class alone (a pool of the program's own calling {@code wait()}), or, for a {@link #future} of a library's,
         * as for the JDK's, with the class of the first frame outside its package and the JDK's
         * ({@code org.apache.hc.core5.concurrent.BasicFuture from org.apache.hc.core5.pool.StrictConnPool}, a thread
         * waiting for one of Apache HttpClient 5's connections); where no frame is not the JDK's, the
         * outermost of the JDK's frames in the first one's package. An inner class's name is cut to its outermost
         * class ({@code CompletableFuture$Signaller} is {@code CompletableFuture}). Empty for an empty stack, or one of
         * machinery only.
         */
        static String waitingClass(List<PinTaxonomy.Frame> frames) {
            String samePackage = "";
            String jdkPackage = null;
            String outermostJdk = "";
            for (PinTaxonomy.Frame frame : frames) {
                String type = frame.type();
                if (samePackage.isEmpty()) {
                    if (machinery(type)) {
                        continue;
                    }
                    if (!jdk(type)) {
                        // the code's own wait (a pool of its own calling wait()), or a library's future's
                        return future(type) ? outermost(type) + callerOutside(frames, type) : outermost(type);
                    }
                    samePackage = type;
                    jdkPackage = packageOf(type);
                } else if (!jdk(type)) {
                    return outermost(outermostJdk) + FROM + outermost(type);
                } else if (packageOf(type).equals(jdkPackage)) {
                    samePackage = type;
                }
                outermostJdk = type;
            }
            return outermost(samePackage);
        }

        /**
         * Whether a class outside the JDK is a future ({@code org.apache.hc.core5.concurrent.BasicFuture}, Guava's
         * {@code AbstractFuture}, Netty's {@code DefaultPromise}), whose wait, as a {@code CompletableFuture}'s, says nothing of what was awaited
         * without the code that waited on it.
         */
        private static boolean future(String type) {
            return outermost(type).endsWith("Future") || outermost(type).endsWith("Promise");
        }

        /**
         * {@code " from "} and the class of the first frame below {@code type}'s that is in neither its package nor
         * the JDK's, or nothing where none is.
         */
        private static String callerOutside(List<PinTaxonomy.Frame> frames, String type) {
            for (PinTaxonomy.Frame frame : frames) {
                String caller = frame.type();
                if (!jdk(caller) && !packageOf(caller).equals(packageOf(type))) {
                    return FROM + outermost(caller);
                }
            }
            return "";
        }

        /**
         * Where a sleep or an I/O was, by its kind and the class of the first frame that is not the JDK's (JFR records
         * these from the caller of the JDK's sleep or read): {@code socket read from org.postgresql.core.PGStream}.
         * Empty where the stack has no such frame.
         */
        static String waitedAt(Kind kind, List<PinTaxonomy.Frame> frames) {
            PinTaxonomy.Frame caller = firstOutsideJdk(frames);
            return caller == null
                    ? ""
                    : kind.words() + (loadingAClass(frames) ? LOADING_A_CLASS : "") + FROM + outermost(caller.type());
        }

        /** Between a wait's kind and {@link #FROM} where the JDK's frames below the code load a class. */
        public static final String LOADING_A_CLASS = " loading a class";

        /**
         * Whether the JDK's frames below the first of the code load a class ({@code ClassLoader.loadClass} and the
         * built-in loaders' {@code loadClass}, {@code loadClassOrNull}): a jar read for a class the code used first,
         * which is no read of the code's own. A helper's Jetty server had its jar reads told as {@code file read from
         * org.eclipse.jetty.server.internal.HttpConnection}.
         */
        private static boolean loadingAClass(List<PinTaxonomy.Frame> frames) {
            for (PinTaxonomy.Frame frame : frames) {
                if (!jdk(frame.type())) {
                    return false;
                }
                if (frame.method().startsWith("loadClass")) {
                    return true;
                }
            }
            return false;
        }

        /** The innermost frame that is not the JDK's, or null where every frame is. */
        private static PinTaxonomy.Frame firstOutsideJdk(List<PinTaxonomy.Frame> frames) {
            for (PinTaxonomy.Frame frame : frames) {
                if (!jdk(frame.type())) {
                    return frame;
                }
            }
            return null;
        }

        /** Between the class a wait was in and the class of the code that called it, in {@link #waitedIn}. */
        public static final String FROM = " from ";

        /**
         * A class of the JDK, as the pin taxonomy tells one ({@link PinTaxonomy#isJdk}): also the JDK's own under
         * {@code javax.} and {@code com.sun.}, such as the source launcher's {@code
         * com.sun.tools.javac.launcher.MemoryClassLoader}, which a helper's single-file program had named as the code
         * that read its jar.
         */
        private static boolean jdk(String type) {
            return PinTaxonomy.isJdk(type);
        }

        private static String outermost(String type) {
            int inner = type.indexOf('$');
            return inner < 0 ? type : type.substring(0, inner);
        }

        private static String packageOf(String type) {
            return type.substring(0, Math.max(0, type.lastIndexOf('.')));
        }

        /**
         * The frames every park or monitor's wait goes through, passed over to find where it was. Wider than
         * {@link #takingALock}'s, on purpose: that one stops at a condition's frame, since a condition's await that
         * takes its lock again is no wait for the lock's holder ({@code BlockedTest.otherParksAreNoWaitForALock}). A
         * virtual thread's park in a thread dump goes through {@code VirtualThread.park} and the JDK's access to it,
         * {@code System$1.parkVirtualThread} (JDK 25, run here; JDK 21's {@code LockSupport} calls
         * {@code jdk.internal.misc.VirtualThreads.park} first, read, not run), where a platform thread's has
         * {@code Unsafe.park}: passed over too, so that a wait in a library's own class (an Apache Commons Pool's
         * deque, MongoDB's pool) is named by that class, as a recorded one is, not as the JDK's lock it went through.
         */
        private static boolean machinery(String type) {
            return type.equals("jdk.internal.misc.Unsafe")
                    || type.equals("java.lang.VirtualThread")
                    || type.equals("jdk.internal.misc.VirtualThreads")
                    || anonymousInSystem(type)
                    || type.equals("java.util.concurrent.locks.LockSupport")
                    || type.startsWith("java.util.concurrent.locks.AbstractQueuedSynchronizer")
                    || type.startsWith("java.util.concurrent.locks.AbstractQueuedLongSynchronizer")
                    || type.equals("java.lang.Object")
                    || type.equals("java.util.concurrent.ForkJoinPool");
        }

        /** {@code java.lang.System$1}, {@code System$2}: the JDK's access to its own internals, not a named class. */
        private static boolean anonymousInSystem(String type) {
            String system = "java.lang.System$";
            return type.length() > system.length()
                    && type.startsWith(system)
                    && type.substring(system.length()).chars().allMatch(Character::isDigit);
        }

        /** Whether it was a pool's idle thread waiting for its next task ({@link Wait#FOR_WORK}). */
        public boolean waitingForWork() {
            return waitedFor == Wait.FOR_WORK;
        }

        /** Whether its stack, not recorded or cut short, cannot tell what it waited for. */
        public boolean notTold() {
            return waitedFor == Wait.UNKNOWN || waitedFor == Wait.CUT_SHORT;
        }

        /** Whether it waited to take a lock another thread held ({@link Wait#FOR_LOCK}). */
        public boolean waitingForLock() {
            return waitedFor == Wait.FOR_LOCK;
        }

        @Override
        public long end() {
            return time + duration;
        }

        /** A pool's thread waiting in the pool's own wait for a task, by the frames of its stack. */
        static boolean awaitingATask(List<PinTaxonomy.Frame> frames) {
            if (waitingInALoopOfTasks(frames)) {
                return true;
            }
            for (PinTaxonomy.Frame frame : frames) {
                String type = frame.type();
                String method = frame.method();
                if (type.equals("java.util.concurrent.ThreadPoolExecutor") && method.equals("getTask")
                        || type.equals("java.util.concurrent.ForkJoinPool") && method.equals("awaitWork")
                        || type.startsWith("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue")
                                && method.equals("take")
                        || type.equals("java.util.TimerThread") && method.equals("mainLoop")
                        // the request pools of the servers most programs embed, and Netty's executors for handlers
                        // that block, as recorded idle here (Tomcat 11.0.29: its own copy of ThreadPoolExecutor;
                        // Jetty 12.1.14: QueuedThreadPool; Netty 4.2.21: DefaultEventExecutor; JBoss Threads 3.9.1,
                        // Undertow's and Quarkus's: EnhancedQueueExecutor)
                        || type.equals("org.apache.tomcat.util.threads.ThreadPoolExecutor") && method.equals("getTask")
                        || type.equals("org.eclipse.jetty.util.thread.QueuedThreadPool$Runner")
                                && method.equals("idleJobPoll")
                        || type.equals("io.netty.util.concurrent.SingleThreadEventExecutor")
                                && method.equals("takeTask")
                        // Netty's GlobalEventExecutor (4.2.21), whose thread waits a second for a task before it ends,
                        // and the next task starts another: two such threads read as a pool blocked 99% of its time
                        || type.equals("io.netty.util.concurrent.GlobalEventExecutor") && method.equals("takeTask")
                        || type.equals("org.jboss.threads.EnhancedQueueExecutor$PoolThreadNode")
                                && method.equals("park")
                        // OkHttp's TaskRunner (4.12.0, 5.3.2), its threads waiting for the next task to be due
                        || type.equals("okhttp3.internal.concurrent.TaskRunner") && method.equals("awaitTaskToRun")
                        // JDK 25's timer thread of a ForkJoinPool (ForkJoinPool-N-delayScheduler), which
                        // wakes sleeping virtual threads: it parks until the next delay is due
                        || type.equals("java.util.concurrent.DelayScheduler") && method.equals("loop")) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A pool's thread that sleeps between tasks, not in one, by the code that called the sleep (the first frame
         * outside the JDK): Netty's event loops (4.2.21) in their shutdown's quiet period, {@code
         * SingleThreadEventExecutor.confirmShutdown} sleeping 100 ms at a time for 2 s by default while no task comes,
         * which read as a pool blocked 76% of its time, second to move, in a program that shut its loops down as it
         * ended. Their wait for I/O while they run is in the selector, which JFR does not record.
         */
        static boolean sleepingBetweenTasks(List<PinTaxonomy.Frame> frames) {
            PinTaxonomy.Frame caller = firstOutsideJdk(frames);
            return caller != null
                    && caller.type().equals("io.netty.util.concurrent.SingleThreadEventExecutor")
                    && caller.method().equals("confirmShutdown");
        }

        /**
         * The loops of pools whose threads wait for a task with {@code wait()} in the loop itself, as recorded idle
         * here on JDK 25: c3p0's helper threads (0.9.5.5 and 0.11.2) and Quartz's workers ({@code SimpleThreadPool},
         * 2.3.2 and 2.5.0), by {@code type.method}.
         */
        private static final java.util.Set<String> LOOPS_THAT_WAIT = java.util.Set.of(
                "com.mchange.v2.async.ThreadPoolAsynchronousRunner$PoolThread.run",
                "org.quartz.simpl.SimpleThreadPool$WorkerThread.run");

        /**
         * A pool's thread that waits for a task in the loop that runs them, itself: the frame that called the wait
         * (the first below {@link #machinery}) is one of {@link #LOOPS_THAT_WAIT}. That loop's frame is under every
         * task the thread runs too, so only the frame that called the wait tells idle from a task's own wait.
         */
        private static boolean waitingInALoopOfTasks(List<PinTaxonomy.Frame> frames) {
            for (PinTaxonomy.Frame frame : frames) {
                if (!machinery(frame.type())) {
                    return LOOPS_THAT_WAIT.contains(frame.type() + "." + frame.method());
                }
            }
            return false;
        }

        /**
         * A park in the taking of a lock another thread holds, by the frames of its stack: the first frame below
         * {@code Unsafe.park}, {@code LockSupport} and the queued synchronizers is {@code ReentrantLock}'s,
         * {@code ReentrantReadWriteLock}'s or {@code StampedLock}'s (JDK 25: {@code ReentrantLock.lock} parks
         * under {@code AbstractQueuedSynchronizer.acquire}, a read-write lock under
         * {@code AbstractQueuedLongSynchronizer.acquire}, a stamped lock in {@code StampedLock.acquireWrite}).
         * A condition's {@code await}, a semaphore's or a latch's wait and a future's {@code get} are not: their
         * first such frame is the condition's, the semaphore's, the latch's or the future's.
         */
        public static boolean takingALock(List<PinTaxonomy.Frame> frames) {
            for (PinTaxonomy.Frame frame : frames) {
                String type = frame.type();
                if (type.equals("jdk.internal.misc.Unsafe")
                        || type.equals("java.util.concurrent.locks.LockSupport")
                        || type.equals("java.util.concurrent.locks.AbstractQueuedSynchronizer")
                        || type.equals("java.util.concurrent.locks.AbstractQueuedLongSynchronizer")) {
                    continue;
                }
                return type.startsWith("java.util.concurrent.locks.ReentrantLock")
                        || type.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock")
                        || type.equals("java.util.concurrent.locks.StampedLock");
            }
            return false;
        }

        /** What the thread blocked in, by the JFR event that records it. */
        public enum Kind {
            SOCKET_READ("jdk.SocketRead", "socket read"),
            SOCKET_WRITE("jdk.SocketWrite", "socket write"),
            FILE_READ("jdk.FileRead", "file read"),
            FILE_WRITE("jdk.FileWrite", "file write"),
            PARK("jdk.ThreadPark", "park"),
            SLEEP("jdk.ThreadSleep", "sleep"),
            MONITOR_ENTER("jdk.JavaMonitorEnter", "monitor enter"),
            MONITOR_WAIT("jdk.JavaMonitorWait", "monitor wait");

            private final String eventType;
            private final String words;

            Kind(String eventType, String words) {
                this.eventType = eventType;
                this.words = words;
            }

            /** The event types of every kind, in the order of the kinds. */
            public static List<String> eventTypes() {
                return java.util.Arrays.stream(values()).map(Kind::eventType).toList();
            }

            /** The kind a JFR event type records, or null if it records no wait. */
            public static Kind ofEventType(String eventType) {
                for (Kind kind : values()) {
                    if (kind.eventType.equals(eventType)) {
                        return kind;
                    }
                }
                return null;
            }

            /** The JFR event type that records it, {@code jdk.SocketRead} say. */
            public String eventType() {
                return eventType;
            }

            public String words() {
                return words;
            }
        }
    }

    /**
     * A {@code jdk.CPULoad}: the CPU used since the JVM's reading before it, as fractions of every CPU of the machine.
     * JFR takes it on a timer (every second in the JDK's default and profile settings) whatever the program does,
     * so it does not widen the recording as the rules see it ({@link Analysis#first()}).
     *
     * @param jvm     the JVM's own, user and system ({@code jvmUser + jvmSystem}), 0 to 1
     * @param machine the whole machine's ({@code machineTotal}), 0 to 1
     */
    record CpuLoad(long time, double jvm, double machine) implements Observation {
        /** The event type it is read from. */
        public static final String EVENT_TYPE = "jdk.CPULoad";
    }

    /** Our {@code loompatterns.TaskSubmitted}. */
    record TaskSubmitted(long time, long taskId) implements Observation {}

    /** Our {@code loompatterns.TaskStarted}. */
    record TaskStarted(long time, long taskId, ThreadRef thread) implements Observation {}
}
