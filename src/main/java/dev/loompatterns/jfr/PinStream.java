package dev.loompatterns.jfr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.FlightRecorder;
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
 * <p><b>What it costs.</b> Events reach a stream about a second after they are committed, unless
 * the stream is stopped, which delivers everything up to that moment (measured on JDK 25: opening,
 * stopping and closing a stream costs 7-21 ms; opening and closing without stopping, 2 ms). A
 * window in which no thread was created, on a platform thread, cannot have pinned: it closes
 * without touching the stream, and the stream serves the next window. Only a window that could
 * have pinned stops the stream to get its events; the next window opens a new one.
 *
 * <p>Windows do not overlap: {@link #open()} while another window is open throws.
 */
public final class PinStream implements AutoCloseable {

    static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";

    private RecordingStream stream;
    private Queue<Delivered> delivered;
    private Window open;

    /** A pin as delivered, with the time JFR stamped on it. */
    private record Delivered(Pin pin, Instant start) {}

    /** One window: the thread that opened it and the thread ids created while it was open. */
    public final class Window {
        private final long owner;
        private final boolean ownerVirtual;
        private final long firstId;
        private final Instant opened;

        private Window(Thread thread, long firstId) {
            this.owner = thread.threadId();
            this.ownerVirtual = thread.isVirtual();
            this.firstId = firstId;
            this.opened = Instant.now();
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
                    + "); the pin assertion reads jdk.VirtualThreadPinned events from it: run the tests on a JDK with"
                    + " JFR and without -XX:-FlightRecorder");
        }
    }

    /** Opens a window on the calling thread; the stream starts if none is running. */
    public synchronized Window open() {
        if (open != null) {
            throw new IllegalStateException("a window is already open: windows of one PinStream do not overlap");
        }
        if (stream == null) {
            start();
        }
        // After the stream started (its thread takes an id): the next id is the first this window can own.
        open = new Window(Thread.currentThread(), nextThreadId());
        return open;
    }

    /**
     * Closes the window and returns its pins. Stops the stream only if the window could have pinned.
     *
     * @throws IllegalStateException if the window is not the one open
     */
    public synchronized Seen close(Window window) {
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
            return new Seen(List.of(), false, List.of());
        }
        Queue<Delivered> all = delivered;
        try {
            stopKeepingInterrupt(stream); // delivers every event committed so far
        } finally {
            // the stream is done with, whether stop() worked or not: the next window opens a new one
            stream.close();
            stream = null;
            delivered = null;
        }
        List<Pin> mine = new ArrayList<>();
        List<Pin> others = new ArrayList<>();
        for (Delivered each : all) {
            long id = each.pin().threadId();
            boolean own = id > window.firstId && id < endId
                    || id == window.owner && !each.start().isBefore(window.opened);
            (own ? mine : others).add(each.pin());
        }
        return new Seen(mine, true, others);
    }

    private void start() {
        requireAvailable();
        JvmShutdown.requireRunning("the pin stream"); // before the stream exists: nothing to close if it throws
        Queue<Delivered> queue = new ConcurrentLinkedQueue<>();
        RecordingStream started = new RecordingStream();
        started.enable(VIRTUAL_THREAD_PINNED).withThreshold(Duration.ZERO).withStackTrace();
        // Copied out at once: the stream may reuse its event objects.
        started.onEvent(VIRTUAL_THREAD_PINNED, event -> queue.add(new Delivered(Pin.of(event), event.getStartTime())));
        try {
            started.startAsync();
        } catch (RuntimeException | Error e) {
            started.close();
            throw e;
        }
        stream = started;
        delivered = queue;
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
        if (stream != null) {
            stream.close();
            stream = null;
            delivered = null;
        }
    }

    /**
     * How long a caller that has been interrupted (a cancelled run) still waits for {@code stop()}
     * before it closes the stream instead: a cancelled run does not need its last events, and must
     * end. Stopping takes 7-21 ms on JDK 25; this is a backstop.
     */
    static final Duration STOP_GRACE_ONCE_INTERRUPTED = Duration.ofSeconds(5);

    /** How long anyone waits for {@code stop()} before the stream is closed and the stop fails: a backstop. */
    static final Duration STOP_BACKSTOP = Duration.ofSeconds(60);

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
     * <p>The wait is bounded. Once the caller is interrupted it waits at most
     * {@link #STOP_GRACE_ONCE_INTERRUPTED} more, then closes the stream, which ends {@code stop()}'s
     * wait, and returns with its flag set: its last events may be missing, which a cancelled run
     * can afford, and it ends. (A wait here with no bound kept a cancelled run of
     * {@code pinning structured synchronized} from ending in a CI run of the suite.) A stop that
     * takes longer than {@link #STOP_BACKSTOP} with no interrupt fails the same way, with an
     * exception, instead of hanging.
     *
     * @throws RuntimeException or Error: what {@code stop()} threw
     * @throws IllegalStateException if {@code stop()} did not return within {@link #STOP_BACKSTOP}
     */
    static void stopKeepingInterrupt(RecordingStream stream) {
        stopKeepingInterrupt(stream, STOP_GRACE_ONCE_INTERRUPTED, STOP_BACKSTOP);
    }

    /** {@link #stopKeepingInterrupt(RecordingStream)} with its two bounds given (tests give short ones). */
    static void stopKeepingInterrupt(RecordingStream stream, Duration graceOnceInterrupted, Duration backstop) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        // A platform thread: a virtual one would commit a jdk.VirtualThreadStart that an ActivityCounter counts.
        Thread stopper = Thread.ofPlatform().name("loom-jfr-stop").daemon().start(() -> {
            try {
                stream.stop();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        // BLOCKS-UNTIL: the stream has delivered every event up to its stop
        boolean interrupted = join(stopper, backstop, graceOnceInterrupted);
        boolean stopped = !stopper.isAlive();
        if (!stopped) {
            stream.close(); // ends the stream's thread, and with it stop()'s wait for it
            interrupted |= join(stopper, graceOnceInterrupted, graceOnceInterrupted);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!stopped && !interrupted) {
            throw new IllegalStateException("JFR's RecordingStream.stop() did not return within " + backstop
                    + "; the stream was closed, and events committed just before the stop may be missing");
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
     * Waits up to {@code atMost} for {@code thread} to end, and no longer than {@code onceInterrupted}
     * after the first interrupt; returns true if an interrupt came meanwhile (its flag is then clear).
     */
    private static boolean join(Thread thread, Duration atMost, Duration onceInterrupted) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + atMost.toNanos();
        while (thread.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Duration.ofNanos(left));
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
