package dev.loompatterns.jfr;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Counts virtual threads started and pins while a run is under way, from the JVM's own JFR events.
 * No other API counts virtual threads: they are not in {@code ThreadMXBean}'s figures. Pins are
 * kept with their stacks, so that {@link PinTaxonomy} can tell the run's own from a cold JVM's
 * first use of a class ({@link #tally}).
 *
 * <p>Usage: {@link #start()}, run, then {@link #stop()}, and only then read the counts. Events
 * reach a stream asynchronously; {@code stop()} delivers what is pending (measured on JDK 25:
 * {@code close()} without {@code stop()} delivered nothing in 20 of 20 tries).
 */
public final class ActivityCounter implements AutoCloseable {

    static final String VIRTUAL_THREAD_START = "jdk.VirtualThreadStart";
    static final String VIRTUAL_THREAD_PINNED = PinStream.VIRTUAL_THREAD_PINNED;

    private final RecordingStream stream;
    private final PinStream.StopMark mark;
    private final LongAdder started = new LongAdder();
    private final Queue<Pin> pinned = new ConcurrentLinkedQueue<>();
    private boolean stopped;

    @GuardedBy("this")
    private boolean replayed;

    private volatile Instant startedAt = Instant.MIN;

    private final boolean countingStarts;

    /** Counts virtual thread starts and pins. */
    public ActivityCounter() {
        this(true);
    }

    /**
     * @param countStarts false to leave {@code jdk.VirtualThreadStart} off: JFR merges the settings of
     *                    recordings that run at the same time, so counting starts would put one event
     *                    per virtual thread into a recording whose profile leaves them out (and make
     *                    it slow to open in JDK Mission Control)
     */
    public ActivityCounter(boolean countStarts) {
        this.countingStarts = countStarts;
        JvmShutdown.requireRunning("the activity counter"); // before the stream exists: nothing to close if it throws
        registerHarnessEvents();
        this.stream = new RecordingStream();
        if (countStarts) {
            stream.enable(VIRTUAL_THREAD_START).withoutStackTrace();
        }
        // Stacks for pins only: a run that pins pins a handful of times, and the stack is what tells a pin apart.
        stream.enable(VIRTUAL_THREAD_PINNED).withThreshold(Duration.ZERO).withStackTrace();
        stream.onEvent(VIRTUAL_THREAD_START, this::delivered);
        // Copied out at once: the stream may reuse its event objects.
        stream.onEvent(VIRTUAL_THREAD_PINNED, this::delivered);
        this.mark = PinStream.StopMark.on(stream);
    }

    /**
     * The harness's events, registered and initialized before this, the first stream of a run, starts: a live stream
     * loses events committed around an event class's registration, which the first commit would make mid-run
     * ({@code PinStream.StopMark.on}); and a task's first commit would initialize the class while the run's other
     * virtual threads wait for it, pinned (a class-init-wait of {@code TaskStartedEvent}, 65 ms, in a test's run).
     * Once in a JVM's life, as {@code PinStream.StopMark} registers its own: JDK 25 marks JFR's metadata stale at each
     * registration, of a registered class too (scripts/pin-stream.d/RegisterPerStream.java).
     */
    private static void registerHarnessEvents() {
        HarnessEvents.registered();
    }

    /** Registers and initializes the harness's event classes when it is itself initialized, once. */
    private static final class HarnessEvents {
        static {
            for (Class<? extends jdk.jfr.Event> event :
                    List.of(TaskSubmittedEvent.class, TaskStartedEvent.class, PatternRunEvent.class)) {
                jdk.jfr.FlightRecorder.register(event);
                try {
                    java.lang.invoke.MethodHandles.lookup().ensureInitialized(event);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e); // public classes of this package: cannot happen
                }
            }
        }

        static void registered() {
            // the class initializer above has run
        }
    }

    /**
     * Starts counting. Used as a resource ({@code try (var c = new ActivityCounter().start())}), a
     * counter that fails to start is never closed by its caller: it closes its stream itself.
     */
    public ActivityCounter start() {
        startedAt = Instant.now();
        try {
            stream.startAsync();
        } catch (RuntimeException | Error e) {
            stream.close();
            throw e;
        }
        return this;
    }

    /** Stops the stream, after which every event of the run has been counted. */
    public void stop() {
        if (!stopped) {
            stopped = true;
            PinStream.stopKeepingInterrupt(stream, mark, this::replay);
        }
    }

    /** An event the stream delivered; ignored once the counts come from the recording instead. */
    private synchronized void delivered(RecordedEvent event) {
        if (!replayed) {
            count(event);
        }
    }

    /** The stream stopped delivering ({@link PinStream#stopKeepingInterrupt}): counts from its recording. */
    synchronized void replay(List<RecordedEvent> events) {
        replayed = true;
        started.reset();
        pinned.clear();
        // a dump holds whole chunks, which may begin before this counter did: what ended before it is not its
        events.stream().filter(event -> !event.getEndTime().isBefore(startedAt)).forEach(this::count);
    }

    private void count(RecordedEvent event) {
        switch (event.getEventType().getName()) {
            case VIRTUAL_THREAD_START -> started.increment();
            case VIRTUAL_THREAD_PINNED -> pinned.add(Pin.of(event));
            default -> {} // the stop mark
        }
    }

    /** Virtual threads started, or -1 if starts were not counted. */
    public long virtualThreadsStarted() {
        requireStopped();
        return countingStarts ? started.sum() : -1;
    }

    /** True if this JFR configuration records {@code jdk.VirtualThreadStart}. */
    public static boolean recordsVirtualThreadStarts(jdk.jfr.Configuration configuration) {
        return "true".equals(configuration.getSettings().get(VIRTUAL_THREAD_START + "#enabled"));
    }

    /** Every pin in the JVM while counting, in the order delivered. */
    public List<Pin> pins() {
        requireStopped();
        return List.copyOf(pinned);
    }

    /** The pins, counted by whose they are; {@code ownCode} names the observed code's classes. */
    public PinTally tally(java.util.function.Predicate<String> ownCode) {
        return PinTally.of(pins(), ownCode);
    }

    private void requireStopped() {
        if (!stopped) {
            throw new IllegalStateException("stop() the counter before reading it");
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            stream.close();
        }
    }
}
