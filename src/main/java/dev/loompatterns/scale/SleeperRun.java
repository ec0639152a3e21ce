package dev.loompatterns.scale;

import dev.loompatterns.core.ChildJvm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One row of {@code loom scale}: {@code tasks} tasks that each wait {@code sleep} and then record
 * when they woke, on one kind of thread. It runs in a JVM of its own ({@link #main}), so the
 * operating system's peak resident set ({@code VmHWM}) is this row's and no other's: a JVM never
 * gives back all the memory an earlier row touched, so rows sharing a JVM would inherit each
 * other's peaks.
 *
 * <p>The wake-up rate is the tasks divided by the time from the first wake-up to the last: with a
 * million sleepers all due at about the same moment, that window is how fast the JVM can make
 * sleeping threads runnable again and run them, which creation time does not hide.
 */
public final class SleeperRun {

    /** How a row's tasks run. */
    public enum Kind {
        VIRTUAL("virtual thread per task"),
        PLATFORM("platform thread per task"),
        POOL("fixed pool of platform threads");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How a row of this kind is named: the pool's rows with its size. */
        public String label(int pool) {
            return this == POOL ? label + " (" + pool + ")" : label;
        }
    }

    /**
     * How a task waits: {@code Thread.sleep}, or {@code LockSupport.parkNanos}, which throws nothing on an interrupt
     * (it returns at once, and {@link #waitFor} checks the flag before each park).
     */
    public enum Wait {
        SLEEP,
        PARK
    }

    /** What one row measured; {@code woke} is how many tasks finished their wait (must equal tasks). */
    public record Result(
            Kind kind,
            int tasks,
            int poolSize,
            long wallNanos,
            long startNanos,
            long wakeWindowNanos,
            long woke,
            long peakRssKiB,
            long peakHeapBytes) {

        /** Tasks woken over the window from the first wake-up to the last; NaN when that window has no length (one task). */
        public double wakeUpsPerSecond() {
            return wakeWindowNanos <= 0 ? Double.NaN : woke * 1e9 / wakeWindowNanos;
        }

        String encode() {
            return String.format(
                    Locale.ROOT,
                    "kind=%s tasks=%d pool=%d wall=%d start=%d window=%d woke=%d rss=%d heap=%d",
                    kind,
                    tasks,
                    poolSize,
                    wallNanos,
                    startNanos,
                    wakeWindowNanos,
                    woke,
                    peakRssKiB,
                    peakHeapBytes);
        }

        static Result decode(String line) {
            Map<String, String> f = Stream.of(line.strip().split(" "))
                    .map(kv -> kv.split("=", 2))
                    .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
            Function<String, Long> n = key -> Long.parseLong(f.get(key));
            return new Result(
                    Kind.valueOf(f.get("kind")),
                    n.apply("tasks").intValue(),
                    n.apply("pool").intValue(),
                    n.apply("wall"),
                    n.apply("start"),
                    n.apply("window"),
                    n.apply("woke"),
                    n.apply("rss"),
                    n.apply("heap"));
        }
    }

    private SleeperRun() {}

    /** Child JVM entry point: {@code KIND TASKS POOL SLEEP_MS WAIT WARMUPS}; prints one encoded result line. */
    public static void main(String[] args) throws Exception {
        Kind kind = Kind.valueOf(args[0]);
        int tasks = Integer.parseInt(args[1]);
        int pool = Integer.parseInt(args[2]);
        Wait wait = Wait.valueOf(args[4]);
        for (int round = Integer.parseInt(args[5]); round > 0; round--) {
            run(kind, warmUpTasks(kind, tasks, pool), pool, WARM_UP_SLEEP, wait);
        }
        Result result = run(kind, tasks, pool, Duration.ofMillis(Long.parseLong(args[3])), wait);
        System.out.println(result.encode());
    }

    public static final Duration WARM_UP_SLEEP = Duration.ofMillis(10);

    /**
     * A warm-up round's size: enough for the JIT to compile the start, park and wake-up paths.
     * Without it, a fresh JVM's first burst of sleepers parks in interpreted frames, and each of
     * them resumes in the interpreter (docs/results.md, the million sleepers).
     */
    static int warmUpTasks(Kind kind, int tasks, int pool) {
        return switch (kind) {
            case VIRTUAL -> Math.min(tasks, 100_000);
            case PLATFORM -> Math.min(tasks, 2_000);
            case POOL -> Math.min(tasks, pool * 10);
        };
    }

    /** Runs one row in this JVM and returns when every task has ended. */
    static Result run(Kind kind, int tasks, int poolSize, Duration sleep, Wait wait) throws InterruptedException {
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        LongAccumulator firstWake = new LongAccumulator(Math::min, Long.MAX_VALUE);
        LongAccumulator lastWake = new LongAccumulator(Math::max, Long.MIN_VALUE);
        LongAdder woke = new LongAdder();
        long sleepNanos = sleep.toNanos();
        Runnable task = () -> {
            if (waitFor(sleepNanos, wait)) {
                long now = System.nanoTime();
                firstWake.accumulate(now);
                lastWake.accumulate(now);
                woke.increment();
            }
        };

        long begin = System.nanoTime();
        long started;
        switch (kind) {
            case VIRTUAL, PLATFORM -> {
                Thread.Builder builder = kind == Kind.VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform();
                Thread[] threads = new Thread[tasks];
                for (int i = 0; i < tasks; i++) {
                    threads[i] = builder.start(task);
                }
                started = System.nanoTime();
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            case POOL -> {
                // close() waits for every task, so no pool thread outlives the row
                try (ExecutorService pool = Executors.newFixedThreadPool(poolSize)) {
                    for (int i = 0; i < tasks; i++) {
                        pool.execute(task);
                    }
                    started = System.nanoTime();
                }
            }
            default -> throw new AssertionError(kind);
        }
        long end = System.nanoTime();
        long window = woke.sum() == 0 ? 0 : lastWake.get() - firstWake.get();
        // the pools' peaks as the collector counts them, which G1 updates only at a collection or when a region is
        // retired: a row that allocated less than a region read 0 with 4.7 MB in use; the heap in use now, which
        // counts the regions being allocated in, is the least the peak was
        long poolsPeak = heapPools.stream()
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        long heapPeak = Math.max(
                poolsPeak,
                Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        return new Result(
                kind,
                tasks,
                kind == Kind.POOL ? poolSize : 0,
                end - begin,
                started - begin,
                window,
                woke.sum(),
                peakResidentKiB(),
                heapPeak);
    }

    /**
     * Runs one row in a child JVM of its own ({@link ChildJvm.Launch#plain}: nothing counts or
     * records in it) and waits for it; the child's last line that starts {@code kind=} is its result. The child is
     * destroyed and waited for on every path out, an interrupt included.
     *
     * @param jvmOptions the child's JVM options ({@link #childJvmOptions()})
     */
    public static Result inChildJvm(
            Kind kind, int tasks, int pool, int sleepMs, Wait wait, int warmups, List<String> jvmOptions)
            throws InterruptedException {
        ChildJvm.Result child;
        try (ChildJvm.Launch launch = ChildJvm.Launch.plain(
                jvmOptions,
                SleeperRun.class,
                List.of(
                        kind.name(),
                        Integer.toString(tasks),
                        Integer.toString(pool),
                        Integer.toString(sleepMs),
                        wait.name(),
                        Integer.toString(warmups)))) {
            child = ChildJvm.run(launch, NO_BACKSTOP);
        }
        List<String> lines = child.stdout();
        // the last result line, not the last line: -Xlog:gc* in LOOM_JAVA_OPTS writes the heap's summary to stdout
        // after it, and the row was refused as failed
        Optional<String> result = lines.reversed().stream()
                .filter(line -> line.startsWith("kind="))
                .findFirst();
        if (stoppedByCtrlC(child.exitCode(), lines, child.stderr())) {
            // the terminal's Ctrl-C reaches the row's JVM too (one process group), which may end before this JVM's
            // hook interrupts the wait: a stop, not "killed by signal 2 ... a kill from outside"
            throw new InterruptedException("the " + kind.label(pool) + " row's JVM was stopped by SIGINT");
        }
        if (child.exitCode() != 0 || result.isEmpty()) {
            throw failure(
                    kind.label(pool),
                    child.exitCode(),
                    Stream.concat(lines.stream(), child.stderr().lines()).toList());
        }
        return Result.decode(result.get());
    }

    /** A row's JVM that ended on SIGINT (Ctrl-C) before it printed anything. */
    static boolean stoppedByCtrlC(int exitCode, List<String> stdout, String stderr) {
        return exitCode == 128 + 2 && stdout.stream().allMatch(String::isBlank) && stderr.isBlank();
    }

    /**
     * Why a row's JVM gave no result: {@link OutOfHeapException} if it said it ran out of heap, anywhere in its
     * output (its stack trace follows the line, so the last lines alone lost it); else its exception's line, or
     * its last lines.
     */
    static RuntimeException failure(String row, int exitCode, List<String> output) {
        boolean nativeThreads = output.stream().anyMatch(line -> line.contains("unable to create native thread"));
        Optional<String> outOfHeap = output.stream()
                .filter(line -> saysOutOfHeap(line) || !nativeThreads && saysOutOfMemoryInItsHandler(line))
                .findFirst();
        if (outOfHeap.isPresent()) {
            return new OutOfHeapException(row, outOfHeap.get().strip());
        }
        if (exitCode > 128 && output.stream().allMatch(String::isBlank)) { // "exited with 137: ", said as what it was
            return new RowKilled(row, exitCode - 128);
        }
        String said = output.stream()
                .filter(line -> line.startsWith("Exception in thread ") || line.startsWith("Error: "))
                .findFirst()
                .orElseGet(() -> String.join(" | ", output.subList(Math.max(0, output.size() - 5), output.size())));
        return new IllegalStateException("the " + row + " row's JVM exited with " + exitCode + ": " + said);
    }

    /**
     * The JVM's line when the out-of-memory error struck again while the uncaught-exception handler ran:
     * {@code Exception: java.lang.OutOfMemoryError thrown from the UncaughtExceptionHandler in thread "main"},
     * with no reason. In a fresh clone's CI run the row's JVM with 12 MB printed only this, and the row
     * failed as "unexpected error"; with no line saying native threads ran out, it is the heap.
     */
    private static boolean saysOutOfMemoryInItsHandler(String line) {
        return line.contains("java.lang.OutOfMemoryError thrown from the UncaughtExceptionHandler");
    }

    /** A JVM's line for an {@link OutOfMemoryError} that more heap would cure (not "unable to create native thread"). */
    private static boolean saysOutOfHeap(String line) {
        return line.contains("java.lang.OutOfMemoryError: Java heap space")
                || line.contains("java.lang.OutOfMemoryError: GC overhead limit exceeded");
    }

    /** A row's JVM ended by a signal before it printed anything: a kill from outside, not a failure of the row. */
    public static final class RowKilled extends RuntimeException {
        RowKilled(String row, int signal) {
            super("the " + row + " row's JVM was killed by signal " + signal + (signal == 9 ? " (SIGKILL)" : "")
                    + " before it printed anything: a kill from outside, or the kernel's out-of-memory killer if the"
                    + " machine ran short of memory ('dmesg' says); any rows above finished");
        }
    }

    /**
     * A row's JVM ran out of heap. It has this JVM's options ({@link #childJvmOptions()}), so this JVM's heap
     * size is the row's, and more heap for {@code loom} ({@code LOOM_JAVA_OPTS=-Xmx...}) is more for the row.
     */
    public static final class OutOfHeapException extends RuntimeException {
        private final String row;

        OutOfHeapException(String row, String line) {
            super("the " + row + " row's JVM ran out of heap: " + line);
            this.row = row;
        }

        /** The row whose JVM it was, as the table names it. */
        public String row() {
            return row;
        }
    }

    /**
     * A row's JVM ends at its first {@code OutOfMemoryError}, and says {@code Terminating due to
     * java.lang.OutOfMemoryError: Java heap space} on stdout. Without it, a row a little too big for its heap crawled
     * instead of failing: JDK 25's virtual threads take an {@code OutOfMemoryError} met while unmounting, or while
     * being scheduled again on a wake-up, as a reason to park on the carrier, or to try again every 100 ms
     * ({@code java.lang.VirtualThread}, read in the JDK's source), so the sleepers woke in turns, with the collector
     * running all the while. {@code -Xmx32m}, 60,000 virtual sleepers of 100 ms ({@code java -cp target/classes
     * dev.loompatterns.scale.SleeperRun VIRTUAL 60000 0 100 SLEEP 0}, the 2-core machine, 2026-12-06): 4 and 6 of 15
     * runs still running after 8 s, the others failing in 0.8 to 1.5 s; with the option, 15 of 15 twice, in 0.6 to
     * 1.1 s. A test's row of 300,000 in 12 MB still ran after two minutes.
     */
    static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

    /**
     * A row takes as long as it takes (a million sleepers on one carrier can take minutes): no backstop to speak of.
     */
    private static final Duration NO_BACKSTOP = Duration.ofDays(1);

    /**
     * This JVM's options for the children, so scheduler and GC settings given to {@code loom} apply
     * to every row; agents and debuggers are left out (a second JVM cannot share their ports). First,
     * {@link #EXIT_ON_OUT_OF_MEMORY}, which an option given to {@code loom} may undo.
     */
    public static List<String> childJvmOptions() {
        List<String> options = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> !arg.startsWith("-agentlib")
                        && !arg.startsWith("-javaagent")
                        && !arg.startsWith("-Xrunjdwp")
                        && !arg.startsWith("-XX:StartFlightRecording")
                        && !arg.startsWith("-Djava.class.path"))
                .toList());
        if (!options.contains("--enable-preview")) {
            options.addFirst("--enable-preview"); // our classes are compiled with preview features on
        }
        options.addFirst(EXIT_ON_OUT_OF_MEMORY);
        return options;
    }

    /** Waits; false if the wait was cut short by an interrupt (the task then does not count as woken). */
    static boolean waitFor(long nanos, Wait wait) {
        if (wait == Wait.PARK) {
            // parkNanos may return early (spuriously or on unpark): park again for what is left
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                if (Thread.currentThread().isInterrupted()) {
                    return false; // parkNanos returns at once while the flag is set: it would spin to the deadline
                }
                LockSupport.parkNanos(left);
            }
            return true;
        }
        try {
            Thread.sleep(Duration.ofNanos(nanos));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** This process's peak resident set size from /proc/self/status (Linux), or -1 elsewhere. */
    static long peakResidentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an unexpected format: the row says "n/a"
        }
        return -1;
    }
}
