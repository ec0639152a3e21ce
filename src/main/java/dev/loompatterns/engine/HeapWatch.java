package dev.loompatterns.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Stops the work while the heap still has room to stop it in. A run of more tasks than the heap can hold (millions of
 * virtual threads, or a small {@code -Xmx}) used to run until an {@code OutOfMemoryError}, and then even ending went
 * wrong: JFR's threads printed their own errors, an {@code InterruptedException} could not be made, main could not
 * print loom's line, JFR's repository folder was left in the temporary folder, and one run hung with no carrier
 * left to end it. An interrupt is what every pattern stops on (Ctrl-C), and it needs heap to be heard: each
 * interrupted thread makes an exception on its way out.
 *
 * <p>So a thread of its own looks at the collectors every {@link #EVERY}, and once a collection leaves
 * {@link #FULL_SHARE} of the heap in use, it marks the session cancelled, as Ctrl-C does, so no further run starts,
 * and interrupts the command's thread, again while that waits, for {@link #GRACE}. The command then ends as after
 * Ctrl-C, and main says the heap stopped it ({@link #tripped()}). A command still running after the grace (a heap too
 * full for its threads to end) is handed to the caller's {@link Stuck}, and so is a JVM still running a grace after
 * the command ended. A heap filled faster than the watch looks still runs out, and main says that instead; the watch
 * then waits without making anything on the heap ({@link Cancellation.Ending}), so that it still ends the JVM.
 *
 * <p>Any collection counts, a young one too, although its figure counts the old generation's garbage, which a full
 * collection may still free: waiting for a full collection's figure waits until the heap has no room left to stop in
 * (G1 collects the whole heap only then), and asking for one at 80% ({@code System.gc()}) still left 4 of 15 runs
 * hung, against none when the young figure decides (below). The price is paid in small heaps: {@code run url-fetch}
 * in a 32 MB heap had 97% in use after a young collection and 56% after the full one that followed, and passed; the
 * watch stops it.
 *
 * <p>A command that reads on one thread, with no threads of a run to stop ({@code inspect}), says so
 * ({@link #fullCollectionFirst}): for it, a young collection's figure that reaches the share is checked with a full
 * collection ({@code System.gc()}) before anything is stopped, and only the live data that collection leaves count. A
 * young figure counts the old generation's garbage: reading a recording of a million virtual threads, the JDK's parser
 * leaves each chunk's constant pools, a thread entry per virtual thread, in the old generation when the chunk ends, and
 * the watch stopped {@code inspect} in a heap of 160 MB, where 108 MB is enough with the check (docs/inspect.md, "What
 * it costs"). After a check that left room, the next is made only once a young figure reaches halfway from those live
 * data to the heap's end, so the full collections stay few; a heap that fills before then runs out, which {@code
 * inspect} says in its own line. With {@code -XX:+DisableExplicitGC} the check collects nothing and the heap's use as
 * it stands decides, as for any other command.
 *
 * <p>It reads {@code com.sun.management}'s {@code GcInfo} (module {@code jdk.management}, in every JDK build we run
 * on), which every collector of JDK 25 gives. Measured on the project's 2-core machine (Temurin 25.0.3, 2026-12-02):
 * see docs/cli.md, "The launcher".
 */
public final class HeapWatch implements AutoCloseable {

    /** A collection that leaves at least this share of the heap in use stops the work. */
    public static final double FULL_SHARE = 0.8;

    /**
     * How often the watch looks: a heap of a gigabyte fills in about a second at full speed. Half the 20 ms from which
     * default.jfc and loom's profiles record a {@code jdk.ThreadSleep}, so that a late wake-up seldom reaches it: at
     * 20 ms the watch's own sleeps were 50 events a second in every recording (131 of 144 in a pinning run's).
     */
    static final Duration EVERY = Duration.ofMillis(10);

    /** How long, once tripped, the watch interrupts again a command that waits; Ctrl-C's grace. */
    public static final Duration GRACE = Duration.ofSeconds(10);

    /** What the heap held after the collection that stopped the work. */
    public record Full(long usedBytes, long maxBytes) {
        /** "850 of 1024 MB (83%)". */
        public String inWords() {
            return String.format(
                    Locale.ROOT,
                    "%d of %d MB (%d%%)",
                    usedBytes >> 20,
                    maxBytes >> 20,
                    Math.round(100.0 * usedBytes / maxBytes));
        }
    }

    /** What the watch does when the JVM has not ended in time after it stopped the work. */
    @FunctionalInterface
    public interface Stuck {
        /**
         * @param commandEnded false: the command had not ended {@link #GRACE} after the watch stopped it; true: it had,
         *     but the JVM had not ended {@link #GRACE} after that
         */
        void halt(boolean commandEnded);
    }

    /** Where the watch learns of collections: the heap in use after each one since it last asked. */
    interface Collections {
        List<Long> usedAfterEachSinceLastAsked();

        long maxBytes();

        /**
         * Where the command asked for it ({@link #fullCollectionFirst}): a full collection, then the heap in use after
         * it; else -1, and the figure decides. Allocates nothing.
         */
        default long liveAfterFullCollection() {
            return -1;
        }
    }

    // the heap in use and its most at the trip, or -1: two longs, as making a Full may find no room then
    private static final AtomicLong TRIPPED_USED = new AtomicLong(-1);
    private static volatile long trippedMax;

    // set by a command that reads on one thread: a young figure over the share is checked by a full collection first
    private static volatile boolean fullCollectionFirst;

    // an OutOfMemoryError of the heap's that a thread did not catch, noted by the CLI's handler: the work is not whole
    private static volatile boolean ranOut;

    // kept from the start until the last words, so that they may find room: the line that says why, the deletion of
    // JFR's repository (runs that ran out left it all the same, 4 of 10 in a 64 MB heap with the serial collector)
    @SuppressWarnings("unused") // held, never read: its room is what counts
    private static volatile byte[] reserve;

    /** What {@link #start} keeps in reserve: a 64th of the heap, from 256 KB to 4 MB. */
    static int reserveFor(long maxBytes) {
        return (int) Math.clamp(maxBytes / 64, 256 << 10, 4 << 20);
    }

    private final Thread watcher;
    // set once the command has ended: close() then interrupts a watch that has not tripped
    private final AtomicBoolean closed;
    // set by this watch's trip: it then outlives close(), to end a JVM whose exit the full heap holds up
    private final AtomicBoolean trippedHere;

    private HeapWatch(Thread watcher, AtomicBoolean closed, AtomicBoolean trippedHere) {
        this.watcher = watcher;
        this.closed = closed;
        this.trippedHere = trippedHere;
    }

    /**
     * Starts watching this JVM's heap for {@code target}, the thread that runs the command.
     *
     * @param ending how the watch learns that the command has ended (it then stops interrupting it)
     * @param stuck what to do when the command has not ended {@link #GRACE} after the watch stopped it (a form that
     *     does not stop on an interrupt, or a heap too full for anything to run, where the collector then runs
     *     on and on: one such JVM was still collecting twelve minutes later, deaf to Ctrl-C, "OutOfMemoryError
     *     occurred dispatching signal"), or when the JVM has not ended {@link #GRACE} after the command did (main's
     *     last line and the shutdown hooks need heap too: with the heap still full of the run's threads, main died of
     *     an {@code OutOfMemoryError} before its line, and JFR's hook waited for a lock that a JFR thread out of
     *     memory held, minutes long, in a 64 MB heap with the serial collector)
     */
    public static HeapWatch start(Thread target, Cancellation.Ending ending, Stuck stuck) {
        reserve = new byte[reserveFor(Runtime.getRuntime().maxMemory())];
        return start(target, ending, stuck, GRACE, jvm(() -> fullCollectionFirst));
    }

    /**
     * Says that the command reads on one thread and holds no threads of a run ({@code inspect}): before the watch stops
     * it, it asks for a full collection and stops it only if the live data that leaves reach the share (see the class
     * comment). Called by the command as it starts; it holds for the rest of the JVM's life.
     */
    public static void fullCollectionFirst() {
        fullCollectionFirst = true;
    }

    /** Whether a command of this JVM asked for {@link #fullCollectionFirst}. */
    public static boolean fullCollectionFirstAsked() {
        return fullCollectionFirst;
    }

    /** Frees the reserve kept since {@link #start}, for the last words; allocates nothing. */
    public static void releaseReserve() {
        reserve = null;
    }

    /** Notes that a thread ended on an {@link OutOfMemoryError}; allocates nothing. */
    public static void ranOut() {
        ranOut = true;
    }

    /** Whether a thread ended on an {@link OutOfMemoryError} ({@link #ranOut}). */
    public static boolean ranOutSomewhere() {
        return ranOut;
    }

    static HeapWatch start(
            Thread target, Cancellation.Ending ending, Stuck stuck, Duration grace, Collections collections) {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean trippedHere = new AtomicBoolean();
        Thread watcher = Thread.ofPlatform()
                .daemon()
                .name("loom-heap-watch")
                .uncaughtExceptionHandler(HeapWatch::uncaught)
                .unstarted(() -> watch(target, ending, stuck, grace, collections, closed, trippedHere));
        watcher.start();
        return new HeapWatch(watcher, closed, trippedHere);
    }

    /**
     * What ends the watch's thread. An {@link OutOfMemoryError}, from a step of its own that found no room in the heap
     * it watches, is left unsaid: the command meets the same full heap and main says so in its one line, where the
     * JVM's handler, itself out of room, printed "Exception: java.lang.OutOfMemoryError thrown from the
     * UncaughtExceptionHandler in thread "loom-heap-watch"" above it (seen once in a CI run of
     * InspectCommandTest's heap test). Anything else is a bug, said as the JVM says it.
     */
    static void uncaught(Thread thread, Throwable e) {
        if (!(e instanceof OutOfMemoryError)) {
            thread.getThreadGroup().uncaughtException(thread, e);
        }
    }

    /** The collection that stopped the work, or null if none did. */
    public static Full tripped() {
        long used = TRIPPED_USED.get();
        return used < 0 ? null : new Full(used, trippedMax);
    }

    /**
     * Says the command has ended. A watch that has not tripped stops, and is waited for. One that has tripped, or that
     * watched a JVM where a thread ran out of memory ({@link #ranOut}), is left to run, a daemon: it ends the JVM if
     * the JVM has not ended {@link #GRACE} later ({@link Stuck}); it is not interrupted, as the {@code
     * InterruptedException} may find no room and end its thread instead.
     */
    @Override
    public void close() throws InterruptedException {
        closed.set(true);
        if (!trippedHere.get() && !ranOut) {
            watcher.interrupt(); // a trip just after the look above: the watch ends, as before a trip
            watcher.join();
        }
    }

    private static void watch(
            Thread target,
            Cancellation.Ending ending,
            Stuck stuck,
            Duration grace,
            Collections collections,
            AtomicBoolean closed,
            AtomicBoolean trippedHere) {
        long max = collections.maxBytes();
        Cancellation.requested(); // loads the class while there is room: loading it once the heap is full may fail
        Cancellation.Ending endedOrClosed = () -> closed.get() || ending.ended(); // made while there is room
        long[] bar = {0}; // where a figure counts from, once a full collection's check has moved it (full)
        try {
            while (!full(collections, max, bar)) {
                if (closed.get()) { // without the interrupt: a thread ran out of memory, see close()
                    Thread.sleep(grace);
                    stuck.halt(true);
                    return;
                }
                Thread.sleep(EVERY);
            }
            trippedHere.set(true);
            Cancellation.request();
            if (!Cancellation.interruptUntilEnded(target, grace, endedOrClosed)) { // allocates nothing
                stuck.halt(false);
                return;
            }
            Thread.sleep(grace); // a daemon's sleep: an exit that needs no more ends it
            stuck.halt(true);
        } catch (InterruptedException byClose) {
            // the command ended before a trip: nothing left to watch
        }
    }

    /**
     * Whether a collection since the last look left the heap full; the first that did is kept. Where the collections
     * check a figure first ({@link Collections#liveAfterFullCollection()}), a figure is one only from {@code bar} on,
     * and a full collection's live data decide; below the share, they move the bar to halfway from them to the heap's
     * end.
     */
    private static boolean full(Collections collections, long max, long[] bar) {
        try {
            if (ranOut) {
                // a thread has died of an OutOfMemoryError: the heap ran out between two looks, or while collections
                // left just under the share in use (the serial collector in a 64 MB heap: 5 runs of 10 ran out, and
                // their cancellation crawled 21 to 73 s through collection after collection, until this)
                Runtime runtime = Runtime.getRuntime();
                trip(runtime.totalMemory() - runtime.freeMemory(), max);
                return true;
            }
            for (long used : collections.usedAfterEachSinceLastAsked()) {
                if (used < Math.max(FULL_SHARE * max, bar[0])) {
                    continue;
                }
                long live = collections.liveAfterFullCollection();
                if (live < 0) { // no check asked for: the figure decides
                    trip(used, max);
                    return true;
                }
                if (live >= FULL_SHARE * max) {
                    trip(live, max);
                    return true;
                }
                bar[0] = live + (max - live) / 2;
                return false; // the figures listed with this one are older than the full collection's
            }
            return false;
        } catch (OutOfMemoryError lookNeededHeap) {
            // the heap filled faster than the watch looks, and has no room for its look: full, by any measure (a
            // watch that looked again and again found no room each time, and never stopped the run)
            Runtime runtime = Runtime.getRuntime();
            trip(runtime.totalMemory() - runtime.freeMemory(), max);
            return true;
        }
    }

    /** Keeps the first trip's figures; allocates nothing. Package-private for tests, as {@link #reset()} is. */
    static void trip(long used, long max) {
        trippedMax = max;
        TRIPPED_USED.compareAndSet(-1, used);
    }

    /** Forgets a trip: for tests, which trip it in a JVM that runs on. */
    static void reset() {
        TRIPPED_USED.set(-1);
    }

    /**
     * This JVM's collectors, each asked for its count and, when that moved, for its last collection; a full collection
     * first where {@code fullCollectionFirst} says so.
     */
    private static Collections jvm(java.util.function.BooleanSupplier fullCollectionFirst) {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        List<com.sun.management.GarbageCollectorMXBean> collectors =
                ManagementFactory.getPlatformMXBeans(com.sun.management.GarbageCollectorMXBean.class);
        long[] counts = new long[collectors.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = collectors.get(i).getCollectionCount(); // those before the watch began are not its
        }
        long max = Runtime.getRuntime().maxMemory();
        return new Collections() {
            @Override
            public List<Long> usedAfterEachSinceLastAsked() {
                List<Long> used = new ArrayList<>(0);
                for (int i = 0; i < counts.length; i++) {
                    long count = collectors.get(i).getCollectionCount();
                    if (count == counts[i]) {
                        continue;
                    }
                    counts[i] = count; // of several since the last look, the last tells where the heap stands
                    com.sun.management.GcInfo last = collectors.get(i).getLastGcInfo();
                    if (last != null) {
                        used.add(last.getMemoryUsageAfterGc().entrySet().stream()
                                .filter(pool -> heapPools.contains(pool.getKey()))
                                .mapToLong(pool -> pool.getValue().getUsed())
                                .sum());
                    }
                }
                return used;
            }

            @Override
            public long maxBytes() {
                return max;
            }

            @Override
            public long liveAfterFullCollection() {
                if (!fullCollectionFirst.getAsBoolean()) {
                    return -1;
                }
                System.gc(); // a full collection with every collector of JDK 25, unless the JVM's flags say otherwise
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = collectors.get(i).getCollectionCount(); // the figures before it are no longer news
                }
                Runtime runtime = Runtime.getRuntime();
                return runtime.totalMemory() - runtime.freeMemory();
            }
        };
    }
}
