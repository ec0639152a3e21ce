package dev.loompatterns.analysis;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.loompatterns.core.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.AnnotationElement;
import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.Name;
import jdk.jfr.ValueDescriptor;

/**
 * Small programs that are not part of the catalogue, each doing one thing the rules should find,
 * run in a JVM of their own with plain {@code -XX:StartFlightRecording} ({@link #record}).
 */
public final class Programs {

    private Programs() {}

    /**
     * Runs {@code main} in a new JVM (this JVM's java and class path) recording to {@code file} with
     * the JDK's settings {@code settings} ({@code default} or {@code profile}), C1 only and the serial collector: no
     * rule reads what they change (the collector's and the compiler's own events; the samples' frames are judged by
     * their application frame, whatever was inlined), and what the programs do, pin, sleep, spin and block, is
     * timed by the clock and recorded by the VM or the JDK's libraries the same either way. A plain child
     * ({@link ChildJvm.Launch#plain}): under {@code ChildMain} its counting stream would enable pin
     * and virtual-thread events in the recording that the settings alone do not.
     */
    public static Path record(Class<?> main, Path file, String settings, String... jvmFlags)
            throws InterruptedException {
        List<String> options = new ArrayList<>(List.of(
                "--enable-preview",
                "--enable-native-access=ALL-UNNAMED",
                // start-up, as core.ChildJvm gives its children: JFR's own start takes most of such a JVM's life
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-XX:StartFlightRecording:filename=" + file + ",settings=" + settings));
        options.addAll(List.of(jvmFlags));
        try (ChildJvm.Launch launch = ChildJvm.Launch.plain(options, main, List.of())) {
            ChildJvm.Result child = ChildJvm.run(launch, Duration.ofMinutes(2)); // backstop only
            if (child.exitCode() != 0) {
                throw new IllegalStateException(main.getSimpleName() + " exited " + child.exitCode() + ": "
                        + String.join(System.lineSeparator(), child.stdout()) + child.stderr());
            }
        }
        return file;
    }

    /** Four virtual threads each sort with libc's qsort and a comparator that sleeps: FFM upcall pins. */
    public static final class UpcallSleeper {
        static int compare(MemorySegment a, MemorySegment b) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
        }

        static void sort() {
            dev.loompatterns.testing.Natives.qsortWith(MethodHandles.lookup(), UpcallSleeper.class, "compare");
        }

        public static void main(String[] args) throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                threads.add(Thread.ofVirtual().name("sorter-" + i).start(UpcallSleeper::sort));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    /** One carrier (run with -Djdk.virtualThreadScheduler.parallelism=1); a virtual thread computes for a second. */
    public static final class Hog {
        static volatile long sink;

        public static void main(String[] args) throws InterruptedException {
            Thread.ofVirtual().name("hog").start(() -> spin(2_000_000_000L)).join();
        }

        /** Computes, without blocking, for this long. */
        static void spin(long nanos) {
            long end = System.nanoTime() + nanos;
            long x = 0;
            while (System.nanoTime() < end) {
                x += Long.numberOfTrailingZeros(System.nanoTime());
            }
            sink = x;
        }
    }

    /**
     * A virtual thread ({@code hog}) that computes for 2 s, as {@link Hog} does, inside the JDK's {@code BigInteger}:
     * recorded with stacks a few frames deep, its samples hold none of the program's frames.
     */
    public static final class JdkHog {
        static volatile int sink;

        public static void main(String[] args) throws InterruptedException {
            Thread.ofVirtual()
                    .name("hog")
                    .start(() -> {
                        long end = System.nanoTime() + 2_000_000_000L;
                        while (System.nanoTime() < end) {
                            sink = java.math.BigInteger.valueOf(3).pow(100_000).bitLength();
                        }
                    })
                    .join();
        }
    }

    /**
     * A virtual thread ({@code sleeper}) that starts a {@code hog} and sleeps 30 ms; the hog, next in the one
     * carrier's queue (run with {@code -Djdk.virtualThreadScheduler.parallelism=1}), computes until 230 ms after the
     * sleeper went to sleep, so the sleeper, woken at its time, waits about 200 ms for the carrier. The order does not
     * depend on the machine: the hog can run only once the sleeper has unmounted to sleep, and, with no time
     * slicing, holds the carrier until it is done, however late it began.
     */
    public static final class LateSleeper {
        static volatile long asleepAt;

        public static void main(String[] args) throws InterruptedException {
            Thread[] hog = new Thread[1];
            Thread sleeper = Thread.ofVirtual().name("sleeper").start(() -> {
                hog[0] = Thread.ofVirtual().name("hog").start(() -> {
                    while (asleepAt == 0) {
                        Thread.onSpinWait(); // not before the sleeper has gone to sleep
                    }
                    Hog.spin(Math.max(0, asleepAt + 230_000_000L - System.nanoTime()));
                });
                asleepAt = System.nanoTime();
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            sleeper.join();
            hog[0].join();
        }
    }

    /**
     * A virtual thread and a platform thread that each sleep for ever ({@code Thread.sleep(Long.MAX_VALUE)}), the
     * idiom of a thread kept until interrupted, interrupted once both are seen sleeping. JFR records such a sleep's
     * {@code time} as {@code Long.MAX_VALUE}, which the JDK's parser gives as {@code ChronoUnit.FOREVER}'s duration.
     */
    public static final class ForeverSleepers {
        public static void main(String[] args) throws InterruptedException {
            Runnable forever = () -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                    throw new IllegalStateException("woke from a sleep for ever");
                } catch (InterruptedException expected) {
                    // as asked
                }
            };
            List<Thread> sleepers = List.of(
                    Thread.ofVirtual().name("forever-virtual").start(forever),
                    Thread.ofPlatform().name("forever-platform").start(forever));
            for (Thread sleeper : sleepers) {
                while (sleeper.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                }
            }
            for (Thread sleeper : sleepers) {
                sleeper.interrupt();
                sleeper.join();
            }
        }
    }

    /**
     * A virtual thread that computes for 50 ms and sleeps 40 ms, 15 times ({@code spinner}), then one
     * that computes for 2 s ({@link Hog}). Each of the spinner's runs lasts 50 ms and then some,
     * however slow or busy the machine: its sleeps, all recorded (JFR's threshold is 20 ms at most),
     * end them.
     */
    public static final class SpinsBetweenSleeps {
        public static void main(String[] args) throws InterruptedException {
            Thread.ofVirtual()
                    .name("spinner")
                    .start(() -> {
                        for (int i = 0; i < 15; i++) {
                            Hog.spin(50_000_000L);
                            try {
                                Thread.sleep(40);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    })
                    .join();
            Hog.main(args);
        }
    }

    /** A fixed pool of 4 platform threads, each waiting on a slow loopback server: a pool blocked on sockets. */
    public static final class SocketPool {
        public static void main(String[] args) throws Exception {
            try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                Thread acceptor = Thread.ofPlatform().name("slow-server").start(() -> serve(server));
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    done.add(pool.submit(() -> {
                        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                            socket.getOutputStream().write('?');
                            return socket.getInputStream().read();
                        }
                    }));
                }
                for (Future<?> each : done) {
                    each.get();
                }
                pool.shutdown();
                server.close();
                acceptor.join();
            }
        }

        /** Answers each connection after 150 ms, each on a thread of its own. */
        static void serve(ServerSocket server) {
            try {
                while (true) {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket;
                                InputStream in = socket.getInputStream();
                                OutputStream out = socket.getOutputStream()) {
                            in.read();
                            Thread.sleep(150);
                            out.write("!".getBytes(StandardCharsets.US_ASCII));
                        } catch (IOException | InterruptedException e) {
                            // the client went away
                        }
                    });
                }
            } catch (IOException closed) {
                // the server socket was closed: done
            }
        }
    }

    /**
     * Two fixed pools of {@value #THREADS} platform threads, one after the other, whose tasks each hold one lock for
     * {@value #HOLD_MS} ms, sleeping: the first pool's a {@code synchronized} block's monitor, the second's a
     * {@code ReentrantLock}. One thread of a pool sleeps holding the lock while the others wait to take it (JFR's
     * {@code jdk.JavaMonitorEnter}, and parks in {@code ReentrantLock.lock}), or wait for the next task once the queue
     * is empty: pools that mostly wait, much of it for a lock.
     */
    public static final class LockedPool {
        static final int THREADS = 4;
        static final int TASKS = 8;
        static final long HOLD_MS = 50;

        private static final Object MONITOR = new Object();
        private static final java.util.concurrent.locks.ReentrantLock LOCK =
                new java.util.concurrent.locks.ReentrantLock();

        public static void main(String[] args) throws Exception {
            run(() -> {
                synchronized (MONITOR) {
                    Thread.sleep(HOLD_MS);
                }
                return null;
            });
            run(() -> {
                LOCK.lock();
                try {
                    Thread.sleep(HOLD_MS);
                } finally {
                    LOCK.unlock();
                }
                return null;
            });
        }

        /** Runs the task {@value #TASKS} times on a pool of its own, and shuts the pool down once they are done. */
        static void run(java.util.concurrent.Callable<Void> task) throws Exception {
            List<Future<Void>> done = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                for (int i = 0; i < TASKS; i++) {
                    done.add(pool.submit(task));
                }
            } // close: shut down, wait for the tasks
            for (Future<Void> each : done) {
                each.get(); // a task's failure fails the program
            }
        }
    }

    /**
     * A pool of {@value #THREADS} whose tasks all use a class the first of them initializes: the others wait for its
     * initializer, which JDK 25 records as a {@code jdk.JavaMonitorWait} on the class's init lock (an {@code int[]})
     * with the task's frame innermost. The initializer goes on, and sleeps {@value #HOLD_MS} ms (above the monitor
     * wait's 20 ms threshold), once a thread dump shows every other thread waiting for it.
     */
    public static final class InitializingPool {
        static final int THREADS = 4;
        static final long HOLD_MS = 50;

        private static final CountDownLatch ALL_WAITING = new CountDownLatch(1);

        static final class Slow {
            static final int VALUE;

            static {
                try {
                    ALL_WAITING.await();
                    Thread.sleep(HOLD_MS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                VALUE = 1;
            }
        }

        public static void main(String[] args) throws Exception {
            List<Future<Integer>> done = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                for (int i = 0; i < THREADS; i++) {
                    done.add(pool.submit(() -> Slow.VALUE));
                }
                String waiting = "waiting on the Class initialization monitor for " + Slow.class.getName();
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a backstop, with why
                while (threadDump().split(java.util.regex.Pattern.quote(waiting), -1).length - 1 < THREADS - 1) {
                    if (System.nanoTime() - giveUp > 0) { // the dump's words differ on this JDK, say
                        ALL_WAITING.countDown(); // lets the pool end
                        throw new IllegalStateException(
                                "no thread dump in 60 s said '" + waiting + "' of " + (THREADS - 1) + " threads");
                    }
                    Thread.sleep(1);
                }
                ALL_WAITING.countDown();
            }
            for (Future<Integer> each : done) {
                each.get(); // a task's failure fails the program
            }
        }

        /** The JVM's own thread dump ({@code jcmd PID Thread.print}): only it says which thread waits for a class. */
        private static String threadDump() throws Exception {
            return (String) java.lang.management.ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "threadPrint",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
        }
    }

    /**
     * {@value #TASKS} tasks given to {@code CompletableFuture.supplyAsync} with no executor, each asleep
     * {@value #SLEEP_MS} ms: they run in the common pool, whose workers mostly wait. Run with the common pool's
     * parallelism set to 1, as a 2-core machine has it, its one worker takes them in turn.
     */
    public static final class CommonPool {
        static final int TASKS = 16;
        static final long SLEEP_MS = 50;

        public static void main(String[] args) {
            List<java.util.concurrent.CompletableFuture<Long>> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                tasks.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        Thread.sleep(SLEEP_MS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return SLEEP_MS;
                }));
            }
            tasks.forEach(java.util.concurrent.CompletableFuture::join); // a task's failure fails the program
        }
    }

    /**
     * A fixed pool of {@value #THREADS} platform threads that runs one short task each, then waits {@value #IDLE_MS} ms
     * for more: idle, parked in {@code ThreadPoolExecutor.getTask}, which only the park's stack tells.
     */
    public static final class IdlePool {
        static final int THREADS = 4;
        static final long IDLE_MS = 1_000;

        public static void main(String[] args) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(THREADS);
                for (int i = 0; i < THREADS; i++) {
                    pool.submit(() -> {
                        started.countDown();
                        started.await(); // each task on a thread of its own: all the pool's threads start
                        return null;
                    });
                }
                started.await();
                Thread.sleep(IDLE_MS); // the pool's idle time: what the recording is of
            } finally {
                pool.close();
            }
        }
    }

    /**
     * Four pools of {@value #THREADS} platform threads, each waiting {@value #WAIT_MS} ms in one of the waits a task
     * makes: a {@link java.util.concurrent.Semaphore}'s permits ({@code permits-#}), a
     * {@link java.util.concurrent.SynchronousQueue}'s {@code take} ({@code handoff-#}), a
     * {@link java.util.concurrent.CompletableFuture}'s {@code get} ({@code future-#}) and a {@code wait()} of this
     * program's own ({@link Gate}, {@code gate-#}). Each pool's threads are all waiting before the wait is timed.
     */
    public static final class Waits {
        static final int THREADS = 2;
        static final long WAIT_MS = 500;

        /** A gate of the program's own, opened once, that its waiters wait for with {@code wait()}. */
        static final class Gate {
            private boolean open;

            synchronized void await() throws InterruptedException {
                while (!open) {
                    wait();
                }
            }

            synchronized void open() {
                open = true;
                notifyAll();
            }
        }

        public static void main(String[] args) throws Exception {
            java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(0);
            java.util.concurrent.SynchronousQueue<Integer> handoff = new java.util.concurrent.SynchronousQueue<>();
            java.util.concurrent.CompletableFuture<Integer> future = new java.util.concurrent.CompletableFuture<>();
            Gate gate = new Gate();
            List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<ExecutorService> pools = new ArrayList<>();
            List<Future<?>> tasks = new ArrayList<>();
            for (String name : List.of("permits-", "handoff-", "future-", "gate-")) {
                ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
                    Thread thread =
                            Thread.ofPlatform().name(name + threads.size()).unstarted(runnable);
                    threads.add(thread);
                    return thread;
                });
                pools.add(pool);
                for (int i = 0; i < THREADS; i++) {
                    tasks.add(pool.submit(() -> {
                        switch (name) {
                            case "permits-" -> permits.acquire();
                            case "handoff-" -> handoff.take();
                            case "future-" -> future.get();
                            default -> gate.await();
                        }
                        return null;
                    }));
                }
            }
            while (threads.size() < 4 * THREADS
                    || threads.stream().anyMatch(thread -> thread.getState() != Thread.State.WAITING)) {
                Thread.sleep(1); // until every task waits: the time from here is the waits'
            }
            Thread.sleep(WAIT_MS);
            permits.release(THREADS);
            for (int i = 0; i < THREADS; i++) {
                handoff.put(i);
            }
            future.complete(0);
            gate.open();
            for (Future<?> task : tasks) {
                task.get(); // a task's failure fails the program
            }
            pools.forEach(ExecutorService::close);
        }
    }

    /**
     * A pool that lives for a small part of the recording: idle for {@value #IDLE_MS} ms, then a
     * fixed pool of 4 platform threads each sleeping {@value #TASK_MS} ms, shut down, then idle
     * again. Two {@link java.util.Timer}s wait for their next task the whole time, and so do the timer
     * threads of two {@link ForkJoinPool}s ({@code ForkJoinPool-N-delayScheduler}, JDK 25: each parks
     * in {@code DelayScheduler.loop} until its pool's next delay is due): idle threads, not blocked
     * ones.
     */
    public static final class ShortLivedPool {
        static final long IDLE_MS = 1_500;
        static final long TASK_MS = 400;

        public static void main(String[] args) throws InterruptedException {
            java.util.Timer first = idleTimer("Timer-1");
            java.util.Timer second = idleTimer("Timer-2");
            List<ForkJoinPool> forkJoinPools = List.of(new ForkJoinPool(1), new ForkJoinPool(1));
            List<ScheduledFuture<?>> ticks = new ArrayList<>();
            for (ForkJoinPool each : forkJoinPools) { // parks of 100 ms: above JFR's 20 ms threshold
                ticks.add(each.scheduleAtFixedRate(() -> {}, 100, 100, TimeUnit.MILLISECONDS));
            }
            Thread.sleep(IDLE_MS);
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < 4; i++) {
                    pool.submit(() -> {
                        Thread.sleep(TASK_MS);
                        return null;
                    });
                }
            } // close: shut down, wait for the tasks
            Thread.sleep(IDLE_MS);
            first.cancel();
            second.cancel();
            ticks.forEach(tick -> tick.cancel(false));
            forkJoinPools.forEach(ForkJoinPool::close);
        }

        /** A timer whose one task is due in an hour: its thread waits for it the whole run. */
        static java.util.Timer idleTimer(String name) {
            java.util.Timer timer = new java.util.Timer(name);
            timer.schedule(
                    new java.util.TimerTask() {
                        @Override
                        public void run() {}
                    },
                    Duration.ofHours(1).toMillis());
            return timer;
        }
    }

    /**
     * Copies the JDK 17 recording the tests keep ({@code recordings/jdk17-sleep.jfr}; how it was made
     * is beside it) into the folder: a JVM without virtual-thread events.
     */
    public static Path jdk17Recording(Path dir) throws java.io.IOException {
        return committed("jdk17-sleep.jfr", dir);
    }

    /**
     * A JDK 25 recording in which JFR's sampler fell behind ({@code recordings/starved-sampler.jfr}, how it was made is
     * beside it): a virtual thread spun 3 s beside 30 platform threads spinning on 2 cores, and was sampled once.
     */
    public static Path starvedSamplerRecording(Path dir) throws java.io.IOException {
        return committed("starved-sampler.jfr", dir);
    }

    /** A copy in {@code dir} of one of the recordings in {@code src/test/resources/recordings}. */
    private static Path committed(String name, Path dir) throws java.io.IOException {
        Path copy = dir.resolve(name);
        try (java.io.InputStream in = Programs.class.getResourceAsStream("/recordings/" + name)) {
            java.nio.file.Files.copy(java.util.Objects.requireNonNull(in, "the test resource " + name), copy);
        }
        return copy;
    }
    /** Virtual threads that sleep briefly: nothing to warn about. */
    public static final class Clean {
        /** Virtual threads started. */
        public static final int THREADS = 100;

        public static void main(String[] args) throws InterruptedException {
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < THREADS; i++) {
                    executor.submit(() -> {
                        Thread.sleep(5);
                        return null;
                    });
                }
            }
        }
    }

    /**
     * {@value #THREADS} virtual threads provably alive together: each counts down {@code ready},
     * then waits for {@code go}, which main opens once every one is ready; then each ends. Counted
     * per 10 ms, starts and ends in the same 10 ms cancelled out, and this came out as 896 to 990.
     */
    public static final class AllAliveTogether {
        /** Virtual threads started. */
        public static final int THREADS = 1_000;

        public static void main(String[] args) throws InterruptedException {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            ready.await(); // BLOCKS-UNTIL: every thread has started and is alive
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    /**
     * A program beside which a second recording runs for a while, as a {@code jcmd JFR.start}, JMC or an agent would:
     * it turns {@code jdk.VirtualThreadStart}, {@code jdk.VirtualThreadEnd} and {@code jdk.VirtualThreadPinned} on,
     * in the file's recording too, for as long as it runs. Before it and after it, {@value #BEFORE} virtual threads
     * each sleep {@value #SLEEP_MS} ms (recorded at the JDK's default threshold, 20 ms) and end, and one pins in an
     * FFM upcall; while it runs, {@value #DURING} more sleep and end. Record with those three off.
     */
    public static final class PartlyRecorded {
        public static final int BEFORE = 20;
        public static final int DURING = 5;
        static final int SLEEP_MS = 30;

        public static void main(String[] args) throws InterruptedException {
            sleepers(BEFORE);
            Thread pinner = Thread.ofVirtual().start(UpcallSleeper::sort);
            pinner.join();
            try (jdk.jfr.Recording other = new jdk.jfr.Recording()) {
                other.enable("jdk.VirtualThreadStart");
                other.enable("jdk.VirtualThreadEnd");
                other.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO);
                other.start();
                sleepers(DURING);
            }
            sleepers(BEFORE);
        }

        private static void sleepers(int count) throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(SLEEP_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    /** A JVM that starts no virtual thread: no pin and no submit failure, however loaded the machine. */
    public static final class NoVirtualThreads {
        public static void main(String[] args) {
            // JFR records the JVM's start and end, and its settings
        }
    }

    /**
     * A program's own events under the names of the JDK's and loom's that {@code loom inspect} reads, with fields of
     * other names and types: the JDK's parser reads them, and a getter of the JDK's type threw ("Could not find field
     * with name taskId", "illegal data type conversion"): the file was called cut short or damaged (a helper's hunt).
     */
    public static final class ImpostorEvents {
        /**
         * By name, the fields of each event made by {@link EventFactory}, in order, and the value each is given: longs
         * and strings. The factory refuses the names of events the JVM writes itself ("Field for native mirror event
         * jdk.DataLoss doesn't match Java event", JDK 25), which a class of the program's takes: below.
         */
        static final Map<String, Map<String, Object>> EVENTS = Map.of(
                "loompatterns.TaskSubmitted", Map.of("id", 1L),
                "loompatterns.TaskStarted", Map.of("taskId", "task 1"),
                "jdk.ThreadSleep", Map.of("time", "20 ms"),
                "jdk.VirtualThreadStart", Map.of("javaThreadId", "21"),
                "jdk.ActiveSetting", Map.of("id", "setting 1", "name", 1L));

        @Name("jdk.VirtualThreadPinned")
        static final class Pinned extends Event {
            String carrierThread = "a carrier";
            long pinnedReason = 7;
        }

        @Name("jdk.DataLoss")
        static final class Lost extends Event {
            String amount = "many bytes";
        }

        public static void main(String[] args) {
            EVENTS.forEach((name, values) -> {
                List<String> fields = List.copyOf(values.keySet());
                EventFactory factory = EventFactory.create(
                        List.of(new AnnotationElement(Name.class, name)),
                        fields.stream()
                                .map(field -> new ValueDescriptor(
                                        values.get(field) instanceof Long ? long.class : String.class, field))
                                .toList());
                Event event = factory.newEvent();
                for (int i = 0; i < fields.size(); i++) {
                    event.set(i, values.get(fields.get(i)));
                }
                event.commit();
            });
            new Pinned().commit();
            new Lost().commit();
        }
    }
}
