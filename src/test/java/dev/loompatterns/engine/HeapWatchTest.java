package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.OwnJvm;
import dev.loompatterns.testing.StandInRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap watch, fed collections a test makes. A trip cancels the session for good ({@link Cancellation} has no way
 * back), so every test that trips it runs in a JVM of its own.
 */
@Timeout(120)
class HeapWatchTest {

    private static final long MB = 1 << 20;

    /** Collections as a test lists them (MB in use after each): each look takes the next list, then none. */
    static class Listed implements HeapWatch.Collections {
        private final Deque<List<Long>> looks = new ArrayDeque<>();
        final Semaphore looked = new Semaphore(0);

        Listed(List<List<Long>> megabytes) {
            megabytes.forEach(look -> looks.add(look.stream().map(mb -> mb * MB).toList()));
        }

        @Override
        public synchronized List<Long> usedAfterEachSinceLastAsked() {
            looked.release();
            return looks.isEmpty() ? List.of() : looks.poll();
        }

        @Override
        public long maxBytes() {
            return 100 * MB;
        }
    }

    /** As {@link Listed}, for a command that asked for a full collection first: each check leaves the next figure. */
    static final class Checked extends Listed {
        private final Deque<Long> live = new ArrayDeque<>();
        int fullCollections;

        Checked(List<List<Long>> megabytes, List<Long> liveMegabytes) {
            super(megabytes);
            liveMegabytes.forEach(mb -> live.add(mb * MB));
        }

        @Override
        public synchronized long liveAfterFullCollection() {
            fullCollections++;
            return live.isEmpty() ? 0 : live.poll();
        }
    }

    /**
     * Where the command asked for a full collection first, a young collection's figure over the share stops nothing
     * unless the full collection leaves the share in use; the next check comes only from halfway between what it left
     * and the heap's end.
     */
    @Test
    void aFigureOverTheShareIsCheckedByAFullCollectionFirstAndTheNextOnlyHalfwayToTheEnd() throws Exception {
        // 85: checked, 70 live, so the next check is from 85; 84: none; 86: checked again; 79: none
        Checked collections =
                new Checked(List.of(List.of(85L), List.of(84L), List.of(86L), List.of(79L)), List.of(70L, 70L));
        CountDownLatch never = new CountDownLatch(1);
        Thread target = waitingFor(never);
        try (HeapWatch watch =
                HeapWatch.start(target, StandInRuns.ended(target), ended -> {}, Duration.ofSeconds(1), collections)) {
            assertThat(collections.looked.tryAcquire(6, 30, TimeUnit.SECONDS)).isTrue(); // every list, and two more
        } finally {
            never.countDown();
            target.join();
        }
        assertThat(collections.fullCollections).isEqualTo(2);
        assertThat(HeapWatch.tripped()).isNull();
        assertThat(Cancellation.requested()).isFalse();
        assertThat(target.isInterrupted()).isFalse();
    }

    /**
     * The heap of a real JVM (the serial collector, a young generation of 4 MB, so that a young collection's figure
     * counts the old generation's garbage): 100 MB of garbage in the old generation and 70 MB alive, 85% of the heap
     * by a young collection's figure, 35% once collected whole. The watch stops the command by the young figure, as
     * it does a run; a command that asked for a full collection first (inspect) is not stopped, after one.
     */
    @Test
    void oldGarbageStopsACommandUnlessItAskedForAFullCollectionFirst(@TempDir Path dir) throws Exception {
        List<String> heap = List.of("-XX:+UseSerialGC", "-Xms200m", "-Xmx200m", "-Xmn4m");
        OwnJvm.Result asked = OwnJvm.run(dir, null, heap, OldGarbage.class, "full-collection-first");
        assertThat(asked.code()).as(asked.err()).isZero();
        assertThat(asked.out().lines()).containsExactly("stopped: no", "full collections: 1");
        OwnJvm.Result notAsked = OwnJvm.run(dir, null, heap, OldGarbage.class, "as-a-run");
        assertThat(notAsked.code()).as(notAsked.err()).isZero();
        assertThat(notAsked.out().lines())
                .satisfiesExactly(
                        stopped -> assertThat(stopped).matches("stopped: 1[6-9]\\d of 199 MB \\(8\\d%\\)"),
                        full -> assertThat(full).isEqualTo("full collections: 0"));
    }

    /** The child's program: fills the old generation with garbage and live data as the test says, watched. */
    static final class OldGarbage {
        static volatile Object sink;

        public static void main(String[] args) throws Exception {
            if (args[0].equals("full-collection-first")) {
                HeapWatch.fullCollectionFirst();
            }
            java.lang.management.GarbageCollectorMXBean full =
                    java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .filter(collector -> collector.getName().equals("MarkSweepCompact"))
                            .findFirst()
                            .orElseThrow();
            long before = full.getCollectionCount();
            AtomicBoolean ended = new AtomicBoolean();
            HeapWatch watch = HeapWatch.start(Thread.currentThread(), ended::get, commandEnded -> {});
            List<byte[]> garbage = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                garbage.add(new byte[1 << 20]); // each too big for a survivor space: to the old generation
            }
            garbage.clear();
            List<byte[]> live = new java.util.ArrayList<>();
            for (int i = 0; i < 70; i++) {
                live.add(new byte[1 << 20]);
            }
            for (int i = 0; i < 20_000; i++) {
                sink = new byte[1024]; // young collections, the last of them with every array in the old generation
            }
            long backstop = System.nanoTime() + CALLED_BACKSTOP.toNanos();
            while (full.getCollectionCount() == before && HeapWatch.tripped() == null && System.nanoTime() < backstop) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // returns at once once interrupted
            }
            ended.set(true);
            watch.close();
            Thread.interrupted(); // the watch's, where it stopped the command
            HeapWatch.Full stopped = HeapWatch.tripped();
            System.out.println("stopped: " + (stopped == null ? "no" : stopped.inWords()));
            System.out.println("full collections: " + (full.getCollectionCount() - before));
            java.lang.ref.Reference.reachabilityFence(live); // alive through every collection above
        }
    }

    @Test
    void collectionsThatLeaveLessThanTheShareInUseStopNothing() throws Exception {
        Listed collections = new Listed(List.of(List.of(50L), List.of(79L, 60L), List.of(79L)));
        CountDownLatch never = new CountDownLatch(1);
        Thread target = waitingFor(never);
        AtomicBoolean stuck = new AtomicBoolean();
        try (HeapWatch watch = HeapWatch.start(
                target, StandInRuns.ended(target), ended -> stuck.set(true), Duration.ofSeconds(1), collections)) {
            // every list seen, and two empty looks after them; a watch that stopped looking (it tripped) fails here
            assertThat(collections.looked.tryAcquire(5, 30, TimeUnit.SECONDS)).isTrue();
        } finally {
            never.countDown();
            target.join();
        }
        assertThat(HeapWatch.tripped()).isNull();
        assertThat(Cancellation.requested()).isFalse();
        assertThat(target.isInterrupted()).isFalse();
        assertThat(stuck).isFalse();
    }

    @Test
    void aCollectionThatLeavesTheShareInUseStopsTheCommandAndOneThatDoesNotStopIsStuck() throws Exception {
        assertThat(OwnJvm.linesOf(Tripped.class))
                .containsExactly(
                        "tripped: 85 of 100 MB (85%)",
                        "cancelled: true",
                        "a command that stops on the interrupt: ended, stuck false",
                        "a command deaf to it: stuck true, the command ended false",
                        "closed while it waited: stuck false",
                        "a JVM still running a grace after the command ended: stuck true, the command ended true",
                        "checked first: tripped 82 of 100 MB (82%) after 2 full collections, the command ended",
                        "a thread out of memory, collections under the share: tripped true, the command ended",
                        "and the JVM running a grace after: stuck true, the command ended true");
    }

    /**
     * A progress line held up in its write (a terminal paused with Ctrl-S, a stalled ssh session) does not hold the
     * watch from stopping the command: its request to cancel waited for the lock the line is shown under, and the
     * command ran on to the heap's end (a helper's review, with a program like this one).
     */
    @Test
    void aProgressLineHeldUpInItsWriteDoesNotHoldTheWatch() throws Exception {
        assertThat(OwnJvm.linesOf(BesideAStalledTerminal.class))
                .containsExactly("the ticker held up in its write: true", "the command: ended");
    }

    /** The child's program: a ticker whose second write never returns until released, then a watch that trips. */
    static final class BesideAStalledTerminal {
        public static void main(String[] args) throws Exception {
            CountDownLatch heldUp = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            java.io.Writer stalled = new java.io.Writer() {
                private int writes;

                @Override
                public void write(char[] text, int offset, int length) {
                    if (++writes > 1) { // the first is the line shown at once, on main; the ticker's wait here
                        heldUp.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
            Progress progress = Progress.onTerminal(new java.io.PrintWriter(stalled), 0);
            Progress.Ticking ticking = progress.ticking(1, 2, "a run", System::nanoTime, Duration.ofMillis(1));
            try {
                System.out.println("the ticker held up in its write: " + heldUp.await(30, TimeUnit.SECONDS));
                Thread command = StandInRuns.stopsOnInterrupt();
                try (HeapWatch watch = HeapWatch.start(
                        command,
                        StandInRuns.ended(command),
                        ended -> {},
                        Duration.ofSeconds(60),
                        new Listed(List.of(List.of(40L), List.of(70L, 85L, 99L))))) {
                    command.join(CALLED_BACKSTOP); // ended by the watch's interrupt, else the line below says so
                }
                System.out.println("the command: " + (command.isAlive() ? "still running" : "ended"));
            } finally {
                release.countDown();
                ticking.close();
            }
        }
    }

    /**
     * A step of the watch's own that finds no room (here the stuck command's handler throws the OutOfMemoryError) ends
     * its thread without a word: main's one line says the heap stopped the command. The JVM's handler said
     * "Exception: java.lang.OutOfMemoryError thrown from the UncaughtExceptionHandler" above it once, itself out of
     * room. Any other error of the watch still reaches the default handler.
     */
    @Test
    void anOutOfMemoryErrorOfTheWatchsOwnIsLeftUnsaid() throws Exception {
        assertThat(OwnJvm.linesOf(OwnStepOutOfMemory.class))
                .containsExactly("stuck called: true", "uncaught: []", "another error: [IllegalStateException]");
    }

    /** The child's program: the stuck handler of a tripped watch throws; what reaches the default handler is printed. */
    static final class OwnStepOutOfMemory {
        public static void main(String[] args) throws Exception {
            List<String> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread.setDefaultUncaughtExceptionHandler(
                    (thread, e) -> uncaught.add(e.getClass().getSimpleName()));
            CountDownLatch stuckCalled = new CountDownLatch(1);
            stuckOnADeafCommand(
                    commandEnded -> {
                        stuckCalled.countDown();
                        throw new OutOfMemoryError("no room for the line");
                    },
                    stuckCalled,
                    Cancellation.REPEAT,
                    new Listed(List.of(List.of(96L))));
            System.out.println("stuck called: " + (stuckCalled.getCount() == 0));
            System.out.println("uncaught: " + uncaught);
            Thread other = Thread.ofPlatform()
                    .uncaughtExceptionHandler(HeapWatch::uncaught)
                    .start(() -> {
                        throw new IllegalStateException("a bug");
                    });
            other.join();
            System.out.println("another error: " + uncaught);
        }
    }

    /**
     * The watch sleeps between its looks: each sleep at or above a profile's {@code jdk.ThreadSleep} threshold is an
     * event of loom's in the user's recording (at 20 ms, 131 of a pinning run's 144 sleep events were the watch's).
     */
    @Test
    void theWatchsSleepsStayWellBelowEveryProfilesSleepThreshold() throws Exception {
        List<Path> profiles;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("jfr-profiles"))) {
            profiles = files.filter(file -> file.toString().endsWith(".jfc")).toList();
        }
        assertThat(profiles).hasSizeGreaterThanOrEqualTo(3);
        for (Path profile : profiles) {
            String threshold =
                    jdk.jfr.Configuration.create(profile).getSettings().get("jdk.ThreadSleep#threshold");
            assertThat(threshold).as(profile + " sets it in milliseconds").matches("\\d+ ms");
            assertThat(HeapWatch.EVERY.toMillis() * 2)
                    .as(profile + ": the watch's sleep, twice over, below " + threshold)
                    .isLessThanOrEqualTo(Long.parseLong(threshold.replace(" ms", "")));
        }
    }

    /** A command that waits for {@code latch}, and keeps the interrupt that ends its wait, for the test to see. */
    static Thread waitingFor(CountDownLatch latch) {
        return Thread.ofPlatform().start(() -> {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** How long a child program waits for what a watch should do soon: a backstop, which its output then shows. */
    static final Duration CALLED_BACKSTOP = Duration.ofSeconds(30);

    /**
     * Watches a command deaf to the interrupt until {@code called} is counted down ({@code stuck} does it), with these
     * collections and grace; returns the command's thread, ended.
     */
    static Thread stuckOnADeafCommand(HeapWatch.Stuck stuck, CountDownLatch called, Duration grace, Listed collections)
            throws Exception {
        StandInRuns.Deaf deafRun = new StandInRuns.Deaf();
        Thread deaf = deafRun.thread();
        try (deafRun;
                HeapWatch watch = HeapWatch.start(deaf, StandInRuns.ended(deaf), stuck, grace, collections)) {
            // bounded, so that a watch that never calls it prints false (the callers print getCount() == 0) rather
            // than hang the child until the test's backstop
            called.await(CALLED_BACKSTOP.toMillis(), TimeUnit.MILLISECONDS);
        }
        return deaf;
    }

    /** What a test does with the command while the watch watches it. */
    interface WhileWatched {
        void with(Thread command) throws InterruptedException;
    }

    /**
     * Watches a command that stops on the interrupt, with these collections and a grace of 2 s (long enough for the
     * command to end on the interrupt, however loaded), does {@code whileWatched} with it, closes the watch as main
     * does, and says whether the watch, left running, called its stuck handler, and with what.
     */
    static String heldUp(Listed collections, WhileWatched whileWatched) throws InterruptedException {
        HeapWatch.reset();
        Thread command = StandInRuns.stopsOnInterrupt();
        CountDownLatch halted = new CountDownLatch(1);
        AtomicBoolean commandEndedFirst = new AtomicBoolean();
        try (HeapWatch watch = HeapWatch.start(
                command,
                StandInRuns.ended(command),
                commandEnded -> {
                    commandEndedFirst.set(commandEnded);
                    halted.countDown();
                },
                Duration.ofSeconds(2),
                collections)) {
            whileWatched.with(command);
        }
        halted.await(CALLED_BACKSTOP.toMillis(), TimeUnit.MILLISECONDS);
        return "stuck " + (halted.getCount() == 0) + ", the command ended " + commandEndedFirst.get();
    }

    /** The child's program: a watch trips for a command that stops, then for one that never does. */
    static final class Tripped {
        public static void main(String[] args) throws Exception {
            Listed collections = new Listed(List.of(List.of(40L), List.of(70L, 85L, 99L)));
            Thread stops = StandInRuns.stopsOnInterrupt();
            AtomicBoolean stuck = new AtomicBoolean();
            try (HeapWatch watch = HeapWatch.start(
                    stops, StandInRuns.ended(stops), ended -> stuck.set(true), Duration.ofSeconds(60), collections)) {
                stops.join(CALLED_BACKSTOP); // ended by the watch's interrupt, else the line below says so
            }
            System.out.println("tripped: " + HeapWatch.tripped().inWords());
            System.out.println("cancelled: " + Cancellation.requested());
            System.out.println("a command that stops on the interrupt: " + (stops.isAlive() ? "still running" : "ended")
                    + ", stuck " + stuck.get());

            HeapWatch.reset();
            CountDownLatch stuckCalled = new CountDownLatch(1);
            AtomicBoolean deafEnded = new AtomicBoolean();
            Thread deaf = stuckOnADeafCommand(
                    commandEnded -> {
                        deafEnded.set(commandEnded);
                        stuckCalled.countDown();
                    },
                    stuckCalled,
                    Cancellation.REPEAT.multipliedBy(3),
                    new Listed(List.of(List.of(70L), List.of(96L))));
            System.out.println("a command deaf to it: stuck " + (stuckCalled.getCount() == 0) + ", the command ended "
                    + deafEnded.get());

            // the command ends (main closes the watch) while the watch still waits for it: not stuck
            HeapWatch.reset();
            AtomicBoolean stuckAfterClose = new AtomicBoolean();
            Listed oneFull = new Listed(List.of(List.of(96L)));
            Cancellation.Ending neverEnds = () -> false;
            try (HeapWatch watch = HeapWatch.start(
                    deaf, neverEnds, ended -> stuckAfterClose.set(true), Duration.ofSeconds(60), oneFull)) {
                while (HeapWatch.tripped() == null) { // it waits for the command from now on, for 60 s
                    Thread.onSpinWait();
                }
            }
            System.out.println("closed while it waited: stuck " + stuckAfterClose.get());

            // the command ends on the interrupt, main closes the watch, and the JVM does not end (main's exit held up
            // by a full heap): the watch, left running, ends it a grace later
            System.out.println("a JVM still running a grace after the command ended: "
                    + heldUp(new Listed(List.of(List.of(96L))), command -> command.join(CALLED_BACKSTOP)));

            // a command that asked for a full collection first: stopped once one leaves the share in use, by its figure
            HeapWatch.reset();
            Checked checked = new Checked(List.of(List.of(85L), List.of(90L)), List.of(50L, 82L));
            Thread reading = StandInRuns.stopsOnInterrupt();
            try (HeapWatch watch = HeapWatch.start(
                    reading, StandInRuns.ended(reading), ended -> {}, Duration.ofSeconds(60), checked)) {
                reading.join(CALLED_BACKSTOP);
            }
            System.out.println("checked first: tripped " + HeapWatch.tripped().inWords() + " after "
                    + checked.fullCollections + " full collections, the command "
                    + (reading.isAlive() ? "running" : "ended"));

            // no collection left the share in use, but a thread (JFR's, say) died of an OutOfMemoryError: the heap ran
            // out between two looks; the command is stopped, and the exit, which may find no room either, watched
            String afterRanOut = heldUp(new Listed(List.of(List.of(50L))), command -> {
                HeapWatch.ranOut();
                command.join(CALLED_BACKSTOP); // ended by the watch's interrupt, else the line below says so
                System.out.println("a thread out of memory, collections under the share: tripped "
                        + (HeapWatch.tripped() != null) + ", the command " + (command.isAlive() ? "running" : "ended"));
            });
            System.out.println("and the JVM running a grace after: " + afterRanOut);
        }
    }
}
