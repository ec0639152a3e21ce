package dev.loompatterns.jfr;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;

/**
 * A JFR stream of {@code jdk.VirtualThreadPinned} events (threshold 0, with stacks) that serves
 * one window after another: the windows of the tests of a JUnit engine, or the one window of a
 * {@link PinRecorder}. Each window gets the pins of its own threads, told apart by thread id.
 *
 * <p><b>Whose pins.</b> Only a virtual thread can pin. A window's own threads are the thread that
 * opened it and every thread <em>created</em> while it was open: thread ids come from one counter
 * for platform and virtual threads alike, so a window notes the next id when it opens and when it
 * closes, and the ids between are its threads'. No {@code jdk.VirtualThreadStart} needs recording
 * (JFR has no parent field for it anyway), so recording does not make each new virtual thread
 * commit an event, nor pin doing it.
 *
 * <p><b>What it costs.</b> Events reach a stream about a second after they are committed. A window
 * in which no thread was created, on a platform thread, cannot have pinned: it closes without
 * touching the stream, and the stream serves the next window (until it is {@link #KEPT_AT_MOST}
 * old). A window that could have pinned reads the stream's recording from a dump
 * ({@link #snapshot}), which holds every event committed before it, and closes the stream, or,
 * for a stream younger than {@link #YOUNG}, stops it, which is quicker then; the next window opens
 * a new one. It used to stop the stream always, which
 * delivers the same events but, on a stream open for 100 ms or more, waited for the stream's next
 * read of its recording, once a second. Measured with {@code scripts/pin-stream.d/StopOrDump.java}
 * (JDK 25.0.3, 2026-12-01, 2 cores at a load of 9 to 13 from other work; 4 tries at each age, the
 * first of each JVM left out: 100 and 112 ms): on streams 0 to 50 ms old a stop took 8 to 26 ms and a
 * dump 14 to 33 ms; on streams 100 to 1,500 ms old a stop took 4 to 11 ms in 9 of 16 tries and 472 to
 * 970 ms in the other 7, a dump 7 to 20 ms; every try got its pin. Where
 * the JVM is shutting down, it stops the stream as before: JFR's shutdown hook deletes the
 * recording's chunks, and a dump then logs "Missing chunkfile" errors to stdout (they came out at the
 * top of a {@code compare} stopped by Ctrl-C, in 4 of 4 tries of {@code LauncherTest}'s Ctrl-C test on
 * {@code pinning}).
 *
 * <p>Windows do not overlap: {@link #open()} while another window is open throws.
 */
public final class PinStream implements AutoCloseable {

    /**
     * The name of the thread that calls a stream's {@code stop()} ({@link #stopKeepingInterrupt}) or dumps its
     * recording ({@link #snapshot}).
     */
    public static final String STOPPER_THREAD = "loom-jfr-stop";

    static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";

    private RecordingStream stream;
    /** The id of the stream's recording, as FlightRecorder lists it; -1 if it could not be told apart. */
    private long recordingId = -1;

    private StopMark mark;
    private Queue<Delivered> delivered;
    /** When the stream started, {@link System#nanoTime}. */
    private long startedAt;

    /**
     * A stream younger than this is stopped, older ones dumped: see "What it costs" above (a stop took 8 to 26
     * ms on streams up to 50 ms old, a dump 14 to 33 ms; from 100 ms on a stop took 472 to 970 ms in 7 of 16
     * tries). Between 50 and 100 ms nothing was measured.
     */
    static final Duration YOUNG = Duration.ofMillis(50);

    /**
     * How long a window waits for a young stream's stop (or its mark) before it reads the recording from a dump:
     * a stop took 8 to 26 ms on young streams, and now and then a second (one iteration of the
     * PinAssertionCost benchmark averaged 506.7 ms, where the others took 3.9 to 26.0).
     */
    static final Duration YOUNG_STOP_DUMP_AFTER = Duration.ofMillis(150);

    /**
     * A stream at least this old is not kept for the next window, which opens a new one. A stream's recording keeps
     * its chunks until it is closed ({@link StopMark#on}), and with them every recording's events (a build's
     * {@code -XX:StartFlightRecording}), and the first window that could pin dumps them all: kept across a suite's
     * hour of windows that could not pin, that would be an hour of chunks on disk, copied and read by one window. A
     * new stream costs a few milliseconds once JFR runs.
     */
    static final Duration KEPT_AT_MOST = Duration.ofMinutes(1);

    /** Below this age a stream is stopped, from it dumped: {@link #YOUNG}, or what a test gives. */
    private final Duration young;

    /** From this age on a stream is not kept for the next window: {@link #KEPT_AT_MOST}, or what a test gives. */
    private final Duration keptAtMost;

    public PinStream() {
        this(YOUNG, KEPT_AT_MOST);
    }

    /**
     * A stream stopped below {@code young} and dumped from it (tests give 0, always dumped, or a day, stopped), and
     * not kept for a window once {@code keptAtMost} old.
     */
    PinStream(Duration young, Duration keptAtMost) {
        this.young = young;
        this.keptAtMost = keptAtMost;
    }

    /** Pins from before this belong to windows that could not pin, all closed: none is any window's. */
    private Instant horizon = Instant.MIN;

    private Window open;

    /** A pin as delivered, with the time JFR stamped on it. */
    private record Delivered(Pin pin, Instant start) {}

    /** One window: the thread that opened it and the thread ids created while it was open. */
    public final class Window {
        private final long owner;
        private final boolean ownerVirtual;
        private final long firstId;
        private final Instant opened;
        /** Who opened it, as told to a caller that finds it open ({@link OverlapException#holder()}); or null. */
        private final Object holder;

        private Window(Thread thread, long firstId, Object holder) {
            this.owner = thread.threadId();
            this.ownerVirtual = thread.isVirtual();
            this.firstId = firstId;
            this.opened = Instant.now();
            this.holder = holder;
        }
    }

    /**
     * What a window saw: the pins of its threads, in the order they happened.
     *
     * @param pins       every pin of the window's own threads
     * @param couldPin   false when no thread was created and the owner was a platform thread: the
     *                   window could not pin, and the stream was not asked for events
     * @param otherPins  pins of other threads delivered meanwhile (for {@link PinRecorder#allPins()})
     */
    public record Seen(List<Pin> pins, boolean couldPin, List<Pin> otherPins) {
        public Seen {
            pins = List.copyOf(pins);
            otherPins = List.copyOf(otherPins);
        }
    }

    /**
     * @throws IllegalStateException with a sentence a person can act on, if this JVM has no JFR
     *                               (a JVM built without it, or started with {@code -XX:-FlightRecorder})
     */
    public static void requireAvailable() {
        if (!FlightRecorder.isAvailable()) {
            throw new IllegalStateException("JDK Flight Recorder is not available in this JVM (java.vm.name "
                    + System.getProperty("java.vm.name") + ", version " + Runtime.version()
                    + "); the pinning assertion reads jdk.VirtualThreadPinned events from it: run the tests on a JDK"
                    + " with JFR and without -XX:-FlightRecorder");
        }
    }

    /** Thrown by {@link #open} while another window is open: windows of one stream do not overlap. */
    public static final class OverlapException extends IllegalStateException {
        private final transient Object holder;

        OverlapException(Object holder) {
            super("a window is already open: windows of one PinStream do not overlap");
            this.holder = holder;
        }

        /** Who opened the window that is open, as given to {@link #open(Object)}; null if not given. */
        public Object holder() {
            return holder;
        }
    }

    /** {@link #open(Object)} with no holder. */
    public synchronized Window open() {
        return open(null);
    }

    /**
     * Opens a window on the calling thread; the stream starts if none is running.
     *
     * @param holder who opens it, told to a caller that finds it open ({@link OverlapException#holder()}): known from
     *               the moment the window can be seen open, as both happen under the stream's lock
     * @throws OverlapException      if another window is open
     * @throws IllegalStateException if the stream could not start: no JFR, the JVM shutting down, or JFR's
     *                               repository could not be made (a {@code java.io.tmpdir} that is not a folder)
     */
    public synchronized Window open(Object holder) {
        if (open != null) {
            throw new OverlapException(open.holder);
        }
        running();
        // After the stream started (its thread takes an id): the next id is the first this window can own.
        open = new Window(Thread.currentThread(), nextThreadId(), holder);
        return open;
    }

    /**
     * Starts the stream, if none is running and no window is open, so that the next {@link #open} finds it running:
     * JFR's start, which in a fresh JVM takes most of a second, is then not the window's to pay.
     *
     * @throws IllegalStateException if the stream could not start, as {@link #open} says
     */
    public synchronized void ready() {
        if (open == null) {
            running();
        }
    }

    /** A stream this window can use: the one running, unless its recording was closed or it is too old; else new. */
    private void running() {
        if (stream != null && recordingClosed()) {
            // closed under the stream after the last window that stopped it, by a test that closes every
            // recording: not this window's doing, so this window gets a new stream rather than the error
            discardStream();
        }
        if (stream != null && System.nanoTime() - startedAt >= keptAtMost.toNanos()) {
            discardStream(); // its chunks would be this window's to dump, however long ago they were recorded
        }
        if (stream == null) {
            start();
        }
    }

    /**
     * Closes the window and returns its pins. Reads the stream's recording, and closes the stream, only if the window could have pinned.
     *
     * @throws IllegalStateException if the window is not the one open
     */
    public synchronized Seen close(Window window) {
        return close(window, false);
    }

    /**
     * Pays once, in a fresh JVM, what its first windows would: JFR's start, a stream's stop and a dump read (with the
     * classes of each), in two windows that start and join a virtual thread, whose pins are no caller's; then starts
     * the stream for the next window ({@link #ready()}). Measured on the project's 2-core machine at a load of 10 to 13
     * (2026-12-07, eight fresh JVMs): 0.68 to 1.4 s; after it, the first window with a virtual thread closed in 13 to
     * 189 ms, the next ones in 10 to 39 ms.
     * Does nothing while a window is open.
     *
     * @throws IllegalStateException if the stream could not start, as {@link #open} says
     * @throws InterruptedException  if interrupted while the virtual thread ran
     */
    public synchronized void warmUp() throws InterruptedException {
        if (open != null) {
            return;
        }
        for (boolean dump : new boolean[] {false, true}) {
            Window window = open(null);
            try {
                Thread.ofVirtual().start(() -> {}).join();
            } finally {
                close(window, dump);
            }
        }
        ready();
    }

    /** {@link #close(Window)}, from a dump of the recording if {@code dump}, whatever the stream's age. */
    private Seen close(Window window, boolean dump) {
        if (window != open) {
            throw new IllegalStateException("not the open window");
        }
        open = null;
        long endId = nextThreadId();
        // The probe took an id of its own: nothing was created in between if it is the next id.
        boolean created = endId > window.firstId + 1;
        if (!created && !window.ownerVirtual) {
            // Whatever has been delivered belongs to earlier windows, all closed: nothing will ask for it.
            delivered.clear();
            horizon = Instant.now();
            return new Seen(List.of(), false, List.of());
        }
        // what the recording holds from the last window that could not pin on, or, if the caller was
        // interrupted meanwhile, what the stream delivered
        AtomicReference<Collection<Delivered>> all = new AtomicReference<>(delivered);
        Instant since = horizon; // before discardStream forgets it
        boolean closedUnder = recordingClosed();
        try {
            if (!closedUnder) {
                Consumer<List<RecordedEvent>> read = events -> all.set(events.stream()
                        .filter(event -> event.getEventType().getName().equals(VIRTUAL_THREAD_PINNED))
                        .map(event -> new Delivered(Pin.of(event), event.getStartTime()))
                        .toList());
                boolean isYoung = !dump && System.nanoTime() - startedAt < young.toNanos();
                boolean exiting = JvmShutdown.inProgress();
                if (isYoung || exiting) {
                    // A young stream stops quickly, quicker than a dump. While the JVM exits (Ctrl-C), JFR's own
                    // shutdown hook deletes the repository's chunks, and a dump then logs "Missing chunkfile"
                    // errors to stdout (into compare's table, once); the stop says nothing and delivers what it
                    // can, which a run stopped by the exit can do with. (An interrupted caller dumps: the dump
                    // runs on a thread of its own, and the flag is kept.)
                    stopKeepingInterrupt(
                            stream,
                            mark,
                            read,
                            STOP_GRACE_ONCE_INTERRUPTED,
                            STOP_BACKSTOP,
                            exiting ? STOP_DUMP_AFTER : YOUNG_STOP_DUMP_AFTER); // exiting: a dump as late as can be
                } else {
                    List<RecordedEvent> events = snapshot(stream);
                    if (events != null) {
                        read.accept(events);
                    }
                }
            }
        } catch (StopFailedException ours) {
            throw ours; // our stop gave up, and closed the stream itself: not the test's doing
        } catch (IllegalStateException e) {
            if (!recordingClosed()) {
                throw e;
            }
            closedUnder = true; // closed between the check and the dump
        } finally {
            // the stream is done with, whether the dump worked or not: the next window opens a new one
            discardStream();
        }
        if (closedUnder) {
            throw new IllegalStateException(RECORDING_CLOSED);
        }
        List<Pin> mine = new ArrayList<>();
        List<Pin> others = new ArrayList<>();
        for (Delivered each : all.get()) {
            long id = each.pin().threadId();
            boolean own = id > window.firstId && id < endId
                    || id == window.owner && !each.start().isBefore(window.opened);
            if (own) {
                mine.add(each.pin()); // told by thread id, exactly: no clock compared
            } else if (!each.start().isBefore(since)) {
                others.add(each.pin()); // a pin from before the last window that could not pin is no window's
            }
        }
        return new Seen(mine, true, others);
    }

    /**
     * What a window says when its stream's recording was closed by someone else while it was open. Public
     * for the tests that check the words.
     */
    public static final String RECORDING_CLOSED = "the JFR recording that the pinning assertion reads was stopped or"
            + " closed while the test ran (code that stops or closes every recording, as FlightRecorder"
            + ".getFlightRecorder().getRecordings().forEach(Recording::close) does, stops or closes it too), so the"
            + " test's pins are not known: stop and close only the recordings the test made itself";

    /** Whether the stream's recording is closed: no longer listed by FlightRecorder (false if not told apart). */
    private boolean recordingClosed() {
        if (recordingId < 0) {
            return false;
        }
        for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (recording.getId() == recordingId) {
                // stopped by someone else counts too: a dump of a stopped recording holds only what came before
                // the stop, so the window would see none of its later pins, and say nothing
                return recording.getState() != RecordingState.RUNNING;
            }
        }
        return true;
    }

    /**
     * {@link #stopKeepingInterrupt} gave up on a stream: {@code stop()} neither returned nor could be
     * replaced by a dump. It closed the stream itself, so a closed recording then is its doing.
     */
    public static final class StopFailedException extends IllegalStateException {
        StopFailedException(String message) {
            super(message);
        }

        StopFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Closes the stream (if any) and forgets it: the next window starts a new one. */
    private void discardStream() {
        if (stream != null) {
            stream.close();
        }
        stream = null;
        recordingId = -1;
        mark = null;
        delivered = null;
        horizon = Instant.MIN;
    }

    /**
     * Every event the stream's recording holds, from a dump of it to a temporary file: every event committed
     * before the call (a dump rotates the recording's chunk, which flushes every thread's buffer). The dump
     * runs on a thread of its own, as {@link #stopKeepingInterrupt} runs {@code stop()}, so that an interrupt
     * of the caller does not break it off half-written; an interrupt that comes meanwhile is kept, and then
     * the caller waits no longer than {@link #STOP_GRACE_ONCE_INTERRUPTED}.
     *
     * @return the events, or null if the caller was interrupted and the dump did not end within the grace
     *     (a cancelled run does not need its last events); the interrupt flag is then set
     * @throws IllegalStateException if the recording was closed under the stream, or could not be dumped or
     *     read, or the dump took longer than {@link #STOP_BACKSTOP}
     */
    static List<RecordedEvent> snapshot(RecordingStream stream) {
        AtomicReference<List<RecordedEvent>> events = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        onStopperThread(() -> events.set(dumpAndRead(stream, VIRTUAL_THREAD_PINNED)), failed, done);
        // BLOCKS-UNTIL: the dump has been written and read
        boolean interrupted = await(done, STOP_BACKSTOP, STOP_GRACE_ONCE_INTERRUPTED);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (done.getCount() > 0) {
            if (interrupted) {
                return null;
            }
            throw new StopFailedException("JFR did not dump the pin stream's recording within " + STOP_BACKSTOP);
        }
        Throwable failure = failed.get();
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("could not read the pin stream's recording: " + failure, failure);
        }
        return events.get();
    }

    /** The ids of the recordings FlightRecorder lists now. */
    private static Set<Long> recordingIds() {
        Set<Long> ids = new HashSet<>();
        FlightRecorder.getFlightRecorder().getRecordings().forEach(recording -> ids.add(recording.getId()));
        return ids;
    }

    private void start() {
        requireAvailable();
        JvmShutdown.requireRunning("the pin stream"); // before the stream exists: nothing to close if it throws
        Queue<Delivered> queue = new ConcurrentLinkedQueue<>();
        Set<Long> before = recordingIds();
        RecordingStream started = new RecordingStream();
        long id;
        StopMark startedMark;
        // from here on, whatever throws closes the stream made: StopMark.on's setMaxAge does once its recording is
        // closed, as by code under test that closes every recording
        try {
            // its recording: the one listed now that was not before (-1 if another thread made one meanwhile)
            Set<Long> made = recordingIds();
            made.removeAll(before);
            id = made.size() == 1 ? made.iterator().next() : -1;
            started.enable(VIRTUAL_THREAD_PINNED).withThreshold(Duration.ZERO).withStackTrace();
            // Copied out at once: the stream may reuse its event objects.
            started.onEvent(
                    VIRTUAL_THREAD_PINNED, event -> queue.add(new Delivered(Pin.of(event), event.getStartTime())));
            startedMark = StopMark.on(started);
            started.startAsync();
        } catch (RuntimeException | Error e) {
            started.close();
            throw e;
        }
        stream = started;
        recordingId = id;
        mark = startedMark;
        delivered = queue; // horizon: Instant.MIN, as discardStream left it or as it starts
        startedAt = System.nanoTime();
    }

    /**
     * The id the next thread created will get (and one used up by this probe): creating an unstarted thread is cheap.
     */
    private static long nextThreadId() {
        return Thread.ofVirtual().unstarted(() -> {}).threadId();
    }

    /** Stops recording; an open window is abandoned. */
    @Override
    public synchronized void close() {
        open = null;
        discardStream();
    }

    /**
     * How long a caller that has been interrupted (a cancelled run) still waits for {@code stop()}
     * before it closes the stream instead: a cancelled run does not need its last events, and must
     * end. A backstop: stopping takes milliseconds, or up to about a second while another recording
     * runs.
     */
    static final Duration STOP_GRACE_ONCE_INTERRUPTED = Duration.ofSeconds(5);

    /**
     * How long {@code stop()} may still take once the stream has delivered the stop's mark: all the
     * events that matter have arrived by then, so a stream that does not end is closed.
     */
    static final Duration STOP_GRACE_AFTER_MARK = Duration.ofSeconds(1);

    /**
     * How long a stopper waits for {@code stop()} or the mark before it reads the stream's recording
     * from a dump instead: both come within about a second, even while another recording runs.
     */
    static final Duration STOP_DUMP_AFTER = Duration.ofSeconds(3);

    /** How long anyone waits for {@code stop()} before the stream is closed and the stop fails: a backstop. */
    static final Duration STOP_BACKSTOP = Duration.ofSeconds(60);

    /**
     * An event a stream's stopper commits just before {@code stop()}. Once the stream has delivered
     * it, it has delivered every event committed before it, so the stopper need not wait for
     * {@code stop()} to return, which on JDK 25 may never happen while another recording runs (see
     * {@link #stopKeepingInterrupt}). Off by default; a recording that runs beside one of our streams
     * has it too, as JFR merges the settings of concurrent recordings.
     */
    @Name(StopMarkEvent.NAME)
    @Category("Loom Patterns")
    @Label("Stream Stop Mark")
    @Description("Committed by loom-patterns just before it stops one of its own event streams")
    @Enabled(false)
    @StackTrace(false)
    static final class StopMarkEvent extends jdk.jfr.Event {
        static final String NAME = "loompatterns.StreamStopMark";

        @Label("Stream")
        long stream;
    }

    /** One stream's stop mark: its id, and a latch that opens when the stream delivers it or stops. */
    static final class StopMark {

        private static final AtomicLong IDS = new AtomicLong();

        /** Longer than any stream of ours lives: chunks go when the stream is closed. */
        static final Duration KEEP_CHUNKS = Duration.ofDays(1);

        private final long id = IDS.incrementAndGet();
        private final CountDownLatch arrived = new CountDownLatch(1);
        private volatile boolean delivered;

        private StopMark() {}

        /**
         * Registers {@link StopMarkEvent} once in a JVM's life: JDK 25's {@code FlightRecorder.register} of a class
         * already registered still retransforms it and marks JFR's metadata stale, each time, while a recording runs.
         */
        private static final class Registered {
            static {
                jdk.jfr.FlightRecorder.register(StopMarkEvent.class);
            }

            static void once() {
                // the class initializer above has run
            }
        }

        /** Makes a stream, not yet started, deliver its stop mark. */
        static StopMark on(RecordingStream stream) {
            // With no max age, a RecordingStream deletes each chunk once it has read it, and a dump of a
            // stuck stream would miss them (RecordingStream.dump's javadoc says so): keep them until closed.
            stream.setMaxAge(KEEP_CHUNKS);
            StopMark mark = new StopMark();
            // registered before the stream starts, not by the first mark's commit: JDK 25.0.3's live stream lost
            // events committed around an event class's registration, measured here: a run of 10,000 virtual threads
            // reading a file counted 292,982 of its 330,000 jdk.FileRead events, none lost once registered first; a
            // recording's file kept them all (docs/design.md, "Platform facts")
            Registered.once();
            stream.enable(StopMarkEvent.class).withoutStackTrace();
            stream.onEvent(StopMarkEvent.NAME, event -> {
                if (event.getLong("stream") == mark.id) {
                    mark.delivered = true;
                    mark.arrived.countDown();
                }
            });
            return mark;
        }

        private void commit() {
            StopMarkEvent event = new StopMarkEvent();
            event.stream = id;
            event.commit();
        }
    }

    /**
     * {@link RecordingStream#stop()}, without losing the caller's interrupt. JDK 25's {@code stop()}
     * catches the {@code InterruptedException} of its wait for the last events and returns: an
     * interrupt that is pending when it is called, or that comes while it waits, makes it return
     * before the events are delivered, with the flag cleared, so a cancelled run would go on as if
     * nobody had cancelled it and read counts short of its last events. Here {@code stop()} runs on a
     * thread of its own, which nothing interrupts, so it delivers everything; the caller waits for
     * it, and an interrupt that comes meanwhile is kept and set again when it returns. (PinStream and
     * ActivityCounter stop through here.)
     *
     * <p><b>A stream that stops delivering.</b> Measured on JDK 25.0.3 with one stream stopped inside
     * another's recording, in a tight loop in one JVM: {@code stop()} took up to a second in most
     * tries and in 4 of about 1,400 never returned (waited 125 s), its stream waiting in
     * {@code ChunkParser.awaitUpdatedHeader}; a stream asked for its events by a chunk rotation
     * instead of {@code stop()} failed to deliver them within 10 s in 4 of about 1,550. A run's pins
     * are recorded inside its {@link ActivityCounter}'s recording, so this is the harness's everyday
     * case. So the stopper first commits the stream's {@link StopMark}, then calls {@code stop()}:
     * <ul>
     *   <li>if {@code stop()} returns, or the stream delivers the mark and {@code stop()} returns
     *       within {@link #STOP_GRACE_AFTER_MARK}, every event committed before has arrived;
     *   <li>otherwise, {@code dumpAfter} ({@link #STOP_DUMP_AFTER} unless given) after the stop or the grace
     *       after the mark, the stream
     *       is stuck, but its recording still holds every event ({@link StopMark#on} keeps its chunks):
     *       it is dumped to a temporary file, read, and handed to the owner's {@code replay}, and the
     *       stream closed. (Closing at once after the mark would do too, but for an event another
     *       thread committed just before the mark that JFR flushed just after it.) What
     *       {@code stop()} throws once the stream is closed under it is not passed on.
     * </ul>
     *
     * <p>The wait is bounded. Once the caller is interrupted it waits for the rest of
     * {@code dumpAfter} (with no replay: at most {@link #STOP_GRACE_ONCE_INTERRUPTED} more), then
     * closes the stream, gives {@code stop()} up to that grace again to end, and returns with its flag set:
     * its last events may be missing, which a cancelled run can afford, and it ends. (A wait here with
     * no bound kept a cancelled run of {@code pinning structured synchronized} from ending in a CI run
     * of the suite.) A stop that takes longer than {@link #STOP_BACKSTOP} with no interrupt fails the
     * same way, with an exception, instead of hanging.
     *
     * @param mark   the stream's stop mark, or null if it has none
     * @param replay what the owner does with the recording's events if the stream is stuck, or null:
     *               then a stuck stream waits for {@link #STOP_BACKSTOP} and fails
     * @throws RuntimeException or Error: what {@code stop()} threw
     * @throws IllegalStateException if {@code stop()} did not return within {@link #STOP_BACKSTOP}, or
     *                               the recording of a stuck stream could not be dumped
     */
    static void stopKeepingInterrupt(RecordingStream stream, StopMark mark, Consumer<List<RecordedEvent>> replay) {
        stopKeepingInterrupt(stream, mark, replay, STOP_GRACE_ONCE_INTERRUPTED, STOP_BACKSTOP, STOP_DUMP_AFTER);
    }

    /**
     * {@link #stopKeepingInterrupt(RecordingStream, StopMark, Consumer)} with its bounds given (tests give short ones),
     * reading the recording from a dump once {@code dumpAfter} has passed with neither the stop nor the mark.
     */
    static void stopKeepingInterrupt(
            RecordingStream stream,
            StopMark mark,
            Consumer<List<RecordedEvent>> replay,
            Duration graceOnceInterrupted,
            Duration backstop,
            Duration dumpAfter) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        // opens when stop() returns, or when the stream delivers the mark
        CountDownLatch stoppedOrMarked = mark == null ? ended : mark.arrived;
        if (mark != null) {
            mark.commit(); // after every event the caller's threads committed: they are done
        }
        Thread stopper = onStopperThread(stream::stop, failed, ended, stoppedOrMarked);
        // BLOCKS-UNTIL: the stream has stopped, or has delivered the mark, so every event up to the stop
        boolean interrupted = await(stoppedOrMarked, replay == null ? backstop : dumpAfter, graceOnceInterrupted);
        if (!interrupted && mark != null && mark.delivered) {
            interrupted = await(ended, STOP_GRACE_AFTER_MARK, Duration.ZERO); // stop() normally follows at once
        }
        if (ended.getCount() == 0) {
            finish(interrupted, failed);
            return;
        }
        // stop() has not returned: from here on, what it throws may be our close()'s doing, and is not passed on
        if (!interrupted && replay != null) {
            // stuck, before or after the mark: the recording still holds every event (StopMark.on keeps its chunks)
            List<RecordedEvent> events = dumped(stream, stopper);
            stream.close();
            if (events == null) {
                Thread.currentThread().interrupt(); // interrupted while it dumped: cancelled
                return;
            }
            replay.accept(events); // every event of the recording, from its start to its stop, in file order
            interrupted = await(ended, STOP_GRACE_AFTER_MARK, Duration.ZERO);
        } else {
            stream.close(); // ends the stream's thread, and with it stop()'s wait for it
            boolean marked = mark != null && mark.delivered;
            interrupted |= await(ended, marked ? STOP_GRACE_AFTER_MARK : graceOnceInterrupted, graceOnceInterrupted);
            if (!interrupted && !marked) {
                throw new StopFailedException("JFR's RecordingStream.stop() did not return within " + backstop
                        + "; the stream was closed, and events committed just before the stop may be missing");
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the stopper thread runs. */
    private interface StopperTask {
        void run() throws Exception;
    }

    /**
     * Runs {@code task} on a daemon thread named {@link #STOPPER_THREAD}, a platform thread: a virtual one would
     * commit a {@code jdk.VirtualThreadStart} that an {@link ActivityCounter} counts. What it throws goes to
     * {@code failed}; every latch of {@code ended} is counted down when it ends.
     */
    private static Thread onStopperThread(
            StopperTask task, AtomicReference<Throwable> failed, CountDownLatch... ended) {
        return Thread.ofPlatform().name(STOPPER_THREAD).daemon().start(() -> {
            try {
                task.run();
            } catch (Throwable e) {
                failed.set(e);
            } finally {
                for (CountDownLatch latch : ended) {
                    latch.countDown();
                }
            }
        });
    }

    /**
     * Every event of the stream's recording, from a dump of it to a temporary file, once the stopper
     * has stopped the recording (it has, when its stream hangs after the stop): the recording keeps its
     * data until closed, so this is what the stream would have delivered.
     *
     * @return every event, or null if an interrupt came while it dumped (the flag is then set) or the JVM began to
     *     shut down first (taken as the cancelled run it is)
     * @throws IllegalStateException if the recording could not be dumped or read
     */
    private static List<RecordedEvent> dumped(RecordingStream stream, Thread stopper) {
        try {
            return dumpAndRead(stream, null);
        } catch (ClosedByInterruptException e) {
            return null; // the dump writes through an interruptible channel; the flag is set
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw new StopFailedException(
                    "JFR's stream stopped delivering events (" + stopper.getState()
                            + " in stop()), and a dump of its recording failed: " + e,
                    e);
        }
    }

    /**
     * The events of the stream's recording, from a dump of it to a file in {@link #dumpFolder()}, deleted then. A
     * dump holds every event of the repository's chunks, those of other recordings too (a
     * {@code -XX:StartFlightRecording} of the build's: thousands a second): with {@code only} given, only events of
     * that type are parsed and kept.
     *
     * @param only the name of the one event type to read, or null for every event
     */
    private static List<RecordedEvent> dumpAndRead(RecordingStream stream, String only) throws IOException {
        Path file = Files.createTempFile(dumpFolder(), "loom-stream-", ".jfr");
        try {
            // asked again just before the dump, as late as can be: a dump that JFR's shutdown hook overtook (it takes
            // the recorder's lock, deletes the repository's chunks, then the dump goes on) logged "Missing chunkfile"
            // and "Data loss might occur" on stderr after Ctrl-C's stopping line (CI, LauncherTest, 2026-12-07). The
            // caller then has what the stream delivered, as when it asked before.
            if (JvmShutdown.inProgress()) {
                return null;
            }
            stream.dump(file);
            if (only == null) {
                return RecordingFile.readAllEvents(file);
            }
            List<RecordedEvent> kept = new ArrayList<>();
            try (EventStream events = EventStream.openFile(file)) {
                events.setReuse(false); // kept past the handler: EventStream may otherwise reuse its event objects
                events.onEvent(only, kept::add);
                events.start(); // reads the file to its end, on this thread
            }
            return kept;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a file in JFR's repository, which JFR deletes at exit: nothing more to do
            }
        }
    }

    /** The folder in JFR's repository that dumps are written to ({@link #dumpFolder()}). */
    static final String DUMP_FOLDER = "loom-dumps";

    /**
     * Where a dump is written: a folder of ours in JFR's repository ({@code jdk.jfr.repository}, which JFR sets once a
     * recording has started, as the stream's has), made at the first dump (found there after); the temporary folder
     * where no repository is named. The property's name and the temporary folder are written here, not taken from
     * {@link JfrRepository}: the assertion's own jar holds this class and none of the CLI's.
     * JFR can write there, wherever {@code -XX:FlightRecorderOptions:repository} put it: a dump to
     * {@code java.io.tmpdir} failed every window that dumped where that was no folder and the repository was
     * elsewhere ("Not a directory", a reviewer's). A folder, not the repository itself: a running stream reads every
     * {@code .jfr} file there as a chunk of its own. JFR's shutdown hook deletes the repository with everything in it,
     * so a dump cut short by the JVM's exit is not left behind either (and {@link JfrRepository} deletes the folder
     * with the repository of a JVM halted or killed); each dump is deleted once read. Before, each was
     * also registered with {@code deleteOnExit}, whose list only grows: 200 windows that dumped left 200 entries in
     * the JVM's {@code DeleteOnExitHook} (a reviewer's).
     */
    static Path dumpFolder() throws IOException {
        String repository = System.getProperty("jdk.jfr.repository");
        return repository == null
                ? Path.of(System.getProperty("java.io.tmpdir"))
                : Files.createDirectories(Path.of(repository, DUMP_FOLDER));
    }

    /** Sets the caller's interrupt again if one came, and throws what {@code stop()} threw. */
    private static void finish(boolean interrupted, AtomicReference<Throwable> failed) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        // stop() declares no checked exception
        if (failed.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failed.get() instanceof Error e) {
            throw e;
        }
    }

    /**
     * Waits up to {@code atMost} for the latch to open, and no longer than {@code onceInterrupted}
     * after the first interrupt; returns true if an interrupt came meanwhile (its flag is then clear).
     */
    private static boolean await(CountDownLatch latch, Duration atMost, Duration onceInterrupted) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + atMost.toNanos();
        while (latch.getCount() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                latch.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    deadline = Math.min(deadline, System.nanoTime() + onceInterrupted.toNanos());
                }
            }
        }
        return interrupted;
    }
}
