package dev.loompatterns.jfr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * Records the virtual-thread pins of a stretch of code, for a test to assert on. Every pin is
 * recorded ({@code jdk.VirtualThreadPinned} with threshold 0 and its stack trace), and only the
 * pins of the recorder's own threads are kept: the thread that started it, and the threads
 * started while it was open.
 *
 * {@snippet :
 * try (PinRecorder pins = PinRecorder.start()) {
 *     service.handle(request);            // may start virtual threads of its own
 *     pins.stop();
 *     pins.assertNoPins();                // or assertPins(1, 1, "Native or VM frame")
 * }
 * }
 *
 * <p><b>Whose pins.</b> JFR does not record which thread started a virtual thread
 * ({@code jdk.VirtualThreadStart} has no parent field on JDK 25), so every virtual thread started
 * while the recorder is open counts as its own; platform threads count when started by one of its
 * own threads ({@code jdk.ThreadStart}'s {@code parentThread}). Threads that were already running
 * are ignored (a server's pool, another test's leftovers), with one catch: JFR stamps
 * {@code jdk.VirtualThreadStart} when a virtual thread first mounts, so one started just before
 * the recorder but still queued for a carrier counts as its own. Tests that run in parallel with
 * pinning code of their own should run in isolation ({@code @Isolated} in JUnit).
 *
 * <p><b>Blocking.</b> Events reach the recorder asynchronously; {@link #stop()} waits until every
 * event up to that moment has been delivered, so it must be called before reading (measured on
 * JDK 25: without it, nothing had arrived in 20 of 20 tries). Starting and stopping costs a few
 * tens of milliseconds (JFR starts a recording and a stream thread).
 *
 * <p><b>Which pins count.</b> Each pin is classified by {@link PinTaxonomy}: {@link #pins()} keeps
 * those of the observed code ({@link PinOrigin#CODE}) and sets apart ({@link #apart()}) those of a
 * class's first use (a cold JVM loading classes, or waiting for another thread to initialize a class
 * that is not the observed code's own) and those of the recording itself. Recording
 * {@code jdk.VirtualThreadStart} (this recorder does, to know its threads) makes every virtual
 * thread commit an event as it first mounts, and that commit can contend for a monitor inside JFR
 * and pin (seen on JDK 25: "Freeze or preempt failed (2)", Contended monitor enter at
 * {@code jdk.internal.event.VirtualThreadStartEvent.commit}). Which classes are the observed
 * code's own is given to {@link #start(Predicate)}; by default every class outside the JDK.
 * {@link #allPins()} keeps every pin of every thread.
 *
 * <p>Other recordings can run at the same time: JFR merges their settings.
 */
public final class PinRecorder implements AutoCloseable {

    static final String VIRTUAL_THREAD_PINNED = ActivityCounter.VIRTUAL_THREAD_PINNED;
    static final String VIRTUAL_THREAD_START = ActivityCounter.VIRTUAL_THREAD_START;
    static final String THREAD_START = "jdk.ThreadStart";

    /** A platform thread's start: which thread started which. */
    private record Started(long thread, long parent) {
    }

    private final RecordingStream stream = new RecordingStream();
    private final Predicate<String> ownCode;
    private final long owner = Thread.currentThread().threadId();
    private final Queue<Pin> recorded = new ConcurrentLinkedQueue<>();
    private final Queue<Long> virtualStarts = new ConcurrentLinkedQueue<>();
    private final Queue<Started> platformStarts = new ConcurrentLinkedQueue<>();
    private List<Pin> all;
    private List<Pin> own;
    private List<Pin> apart;

    private PinRecorder(Predicate<String> ownCode) {
        this.ownCode = ownCode;
        stream.enable(VIRTUAL_THREAD_PINNED).withThreshold(Duration.ZERO).withStackTrace();
        stream.enable(VIRTUAL_THREAD_START).withoutStackTrace();
        stream.enable(THREAD_START).withoutStackTrace();
        // Copied out at once: the stream may reuse its event objects.
        stream.onEvent(VIRTUAL_THREAD_PINNED, event -> recorded.add(Pin.of(event)));
        stream.onEvent(VIRTUAL_THREAD_START, event -> virtualStarts.add(event.getThread().getJavaThreadId()));
        stream.onEvent(THREAD_START, event -> platformStarts.add(started(event)));
    }

    /** Starts recording; the calling thread is the recorder's first own thread. Every class outside the JDK is own code. */
    public static PinRecorder start() {
        return start(PinTaxonomy.NOT_JDK);
    }

    /**
     * Starts recording; the calling thread is the recorder's first own thread.
     *
     * @param ownCode true for the classes of the observed code ({@link PinTaxonomy#packages}): waiting
     *                for another thread to initialize one of them counts as the code's pin, for any
     *                other class as a first use
     */
    public static PinRecorder start(Predicate<String> ownCode) {
        PinRecorder recorder = new PinRecorder(ownCode);
        recorder.stream.startAsync();
        return recorder;
    }

    /**
     * Stops recording and returns the observed code's pins on the recorder's own threads, in the
     * order they happened (first-use and recording pins are in {@link #apart()}). Calling it again
     * returns the same list.
     */
    public synchronized List<Pin> stop() {
        if (own == null) {
            stream.stop();
            Set<Long> mine = ownThreads();
            all = List.copyOf(recorded);
            List<Pin> threads = all.stream().filter(pin -> mine.contains(pin.threadId())).toList();
            own = threads.stream().filter(pin -> pin.origin(ownCode) == PinOrigin.CODE).toList();
            apart = threads.stream().filter(pin -> pin.origin(ownCode) != PinOrigin.CODE).toList();
        }
        return own;
    }

    /** The observed code's pins on the recorder's own threads; {@link #stop()} first. */
    public synchronized List<Pin> pins() {
        requireStopped();
        return own;
    }

    /**
     * The pins of the recorder's own threads that are not the observed code's: a class's first use,
     * the recording's own; {@link #stop()} first.
     */
    public synchronized List<Pin> apart() {
        requireStopped();
        return apart;
    }

    /** Every pin in the JVM while recording, also other threads'; {@link #stop()} first. */
    public synchronized List<Pin> allPins() {
        requireStopped();
        return all;
    }

    /** Fails if the recorder's own threads pinned at all. */
    public void assertNoPins() {
        assertPins(0, 0, "");
    }

    /**
     * Fails unless the number of own pins whose reason contains {@code reason} ("" for any) is
     * from {@code atLeast} to {@code atMost}. The message lists every pin with its reason and stack.
     *
     * @throws AssertionError if the count is out of range
     */
    public void assertPins(int atLeast, int atMost, String reason) {
        List<Pin> counted = pins().stream().filter(pin -> pin.reason().contains(reason)).toList();
        if (counted.size() < atLeast || counted.size() > atMost) {
            throw new AssertionError(failure(atLeast, atMost, reason, counted) + setApart(apart()));
        }
    }

    /** What was not counted, in one line, or nothing. */
    static String setApart(List<Pin> apart) {
        if (apart.isEmpty()) {
            return "";
        }
        return System.lineSeparator() + "  (not counted: " + PinTally.of(apart, type -> false).apart().entrySet().stream()
                .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", ")) + ")";
    }

    static String failure(int atLeast, int atMost, String reason, List<Pin> counted) {
        String expected = atLeast == atMost ? "exactly " + atLeast : atMost == Integer.MAX_VALUE ? "at least " + atLeast
                : "from " + atLeast + " to " + atMost;
        String which = reason.isEmpty() ? "pins" : "pins with a reason containing '" + reason + "'";
        String header = "expected " + expected + " " + which + " (jdk.VirtualThreadPinned), got " + counted.size();
        if (counted.isEmpty()) {
            return header;
        }
        return counted.stream().map(Pin::describe).collect(Collectors.joining(System.lineSeparator() + "  ",
                header + ":" + System.lineSeparator() + "  ", ""));
    }

    @Override
    public void close() {
        stop();
        stream.close();
    }

    /** The owner, every virtual thread started meanwhile, and platform threads they started, transitively. */
    private Set<Long> ownThreads() {
        Set<Long> mine = new HashSet<>(virtualStarts);
        mine.add(owner);
        List<Started> pending = new ArrayList<>(platformStarts);
        boolean grew = true;
        while (grew) {
            grew = pending.removeIf(start -> mine.contains(start.parent()) && mine.add(start.thread()));
        }
        return mine;
    }

    private static Started started(RecordedEvent event) {
        RecordedThread thread = event.getThread("thread");
        RecordedThread parent = event.getThread("parentThread");
        return new Started(thread == null ? -1 : thread.getJavaThreadId(), parent == null ? -2 : parent.getJavaThreadId());
    }

    private void requireStopped() {
        if (own == null) {
            throw new IllegalStateException("stop() the recorder before reading its pins");
        }
    }
}
