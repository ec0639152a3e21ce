package dev.loompatterns.analysis.jfr;

import dev.loompatterns.analysis.Analysis;
import dev.loompatterns.analysis.Durations;
import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.Observation;
import dev.loompatterns.analysis.Pasted;
import dev.loompatterns.analysis.Rule;
import dev.loompatterns.jfr.EventSettings;
import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.PinTaxonomy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Feeds a recording file to the {@link Analysis} with the JDK's own parser,
 * {@code jdk.jfr.consumer.RecordingFile}, one event at a time: memory follows the rules' state
 * (threads, pools, causes), not the file. Events of types no rule reads are skipped after their
 * type's name is looked at. The recording's settings ({@code jdk.ActiveSetting}) tell the rules
 * which of their event types were on ({@link EventSettings}).
 */
public final class RecordingReader {

    /**
     * Progress: every this many events, the callback hears the count, often enough for a caller to say something
     * every few seconds by the clock: a million, as it was, came 5 to 9 s apart in a review (3 million events of
     * a million virtual threads in 11 to 14 s, on 2 cores), and a recording of 450,000 events read for 5 s without a
     * word. Ten thousand are read in 5 to 50 ms.
     */
    public static final long PROGRESS_EVERY = 10_000;

    private RecordingReader() {}

    /**
     * What reading a file found.
     *
     * @param findings              the rules' findings
     * @param events                how many events it read
     * @param sampledVirtualThreads the ids of the virtual threads of its {@code jdk.ExecutionSample}s: the
     *                              threads whose sleeps the carrier-hogging rule reads (a copy for JMC keeps them)
     * @param bytesLost             the {@code amount} of its {@code jdk.DataLoss} events summed: the
     *                              bytes of events JFR dropped because its buffers were full, which no rule saw
     */
    public record Result(List<Finding> findings, long events, Set<Long> sampledVirtualThreads, long bytesLost) {
        public Result {
            sampledVirtualThreads = Set.copyOf(sampledVirtualThreads);
        }
    }

    /**
     * Reads the file and runs every rule on it.
     *
     * @param progress hears the number of events read, every {@link #PROGRESS_EVERY}
     * @throws InterruptedIOException if the thread is interrupted (Ctrl-C in the CLI): reading stops
     *     at the next event, and the thread stays interrupted
     * @throws IOException if the file cannot be read or is not a whole recording
     */
    public static Result analyze(Path file, LongConsumer progress) throws IOException {
        return analyze(file, file.toString(), false, progress, Analysis.ofAllRules());
    }

    /**
     * {@link #analyze(Path, LongConsumer)} of a file named {@code name} in the findings (the name the user gave), and
     * {@code copied} where it is read in another's stead (a finished copy of a chunk its JVM never finished, or a
     * repository folder's chunks joined: {@link Rule.Recording#copied()}).
     */
    public static Result analyze(Path file, String name, boolean copied, LongConsumer progress) throws IOException {
        return analyze(file, name, copied, progress, Analysis.ofAllRules());
    }

    /**
     * {@link #analyze(Path, String, boolean, LongConsumer)} whose commands to paste call the tools as {@code pasted}
     * says and write over none of the files the run writes besides ({@link Analysis#ofAllRules(Pasted)}).
     */
    public static Result analyze(Path file, String name, boolean copied, LongConsumer progress, Pasted pasted)
            throws IOException {
        return analyze(file, name, copied, progress, Analysis.ofAllRules(pasted));
    }

    /** {@link #analyze(Path, LongConsumer)} with these rules. */
    static Result analyze(Path file, LongConsumer progress, Analysis analysis) throws IOException {
        return analyze(file, file.toString(), false, progress, analysis);
    }

    private static Result analyze(Path file, String name, boolean copied, LongConsumer progress, Analysis analysis)
            throws IOException {
        Set<Long> sampledVirtualThreads = new HashSet<>();
        long events = 0;
        long bytesLost = 0;
        long settingsFrom = Long.MAX_VALUE; // the first jdk.ActiveSetting: JFR writes them as a recording starts
        EventSettings settings;
        try (RecordingFile recording = parse(() -> new RecordingFile(file))) {
            settings = new EventSettings(parse(recording::readEventTypes), analysis.eventTypes());
            while (parse(recording::hasMoreEvents)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted after " + events + " events");
                }
                RecordedEvent event = parse(recording::readEvent);
                events++;
                if (events % PROGRESS_EVERY == 0) {
                    progress.accept(events);
                }
                Observation observation = read(event, settings, events);
                bytesLost += bytesLost(event);
                if (event.getEventType().getName().equals(EventSettings.ACTIVE_SETTING)) {
                    settingsFrom = Math.min(settingsFrom, nanos(event.getStartTime()));
                }
                try { // the rules' code from here on: the event's values were read without complaint
                    if (observation != null) {
                        analysis.accept(observation);
                    }
                } catch (RuntimeException e) {
                    throw new RuleFailedException("at event " + events, e);
                }
                if (observation instanceof Observation.Sample sample
                        && sample.thread().virtual()) {
                    sampledVirtualThreads.add(sample.thread().id());
                }
            }
        }
        try {
            return new Result(
                    analysis.finish(new Rule.Recording(
                            recordingStart(analysis.first(), settingsFrom),
                            analysis.last(),
                            events,
                            Files.size(file),
                            name,
                            settings.all(),
                            Durations.timespans(settings.thresholds()),
                            Durations.timespans(settings.periods()),
                            settings.throttles(),
                            copied)),
                    events,
                    sampledVirtualThreads,
                    bytesLost);
        } catch (RuntimeException e) {
            throw new RuleFailedException("after the last event", e);
        }
    }

    /**
     * The event's values, which the parser reads only when asked: in a damaged file a getter can fail
     * (a frame without its method, a class without its name), so a failure here is the file's, unless
     * the JDK's own {@code jfr print} reads the file whole.
     */
    private static Observation read(RecordedEvent event, EventSettings settings, long number) throws IOException {
        try {
            settings.accept(event);
            return observe(event);
        } catch (RuntimeException | InternalError e) {
            throw new IOException(
                    "event " + number + " has a value that cannot be read, " + e
                            + "; if 'jfr print' reads the file without error, please report it as a bug in loom",
                    e);
        }
    }

    /**
     * Where the recording starts for the rules: its first {@code jdk.ActiveSetting}, which JFR writes as a recording
     * (or a chunk of it) starts, where that comes before the first event a rule reads. A recording started after the
     * program's threads ({@code jcmd JFR.start}) saw 100 of them end 4.2 s in, and their lives were counted from the
     * first of those ends, 2.5 ms, where they had been seen for 4.2 s. With no event a rule reads: 0, as before.
     */
    static long recordingStart(long firstEvent, long firstSetting) {
        return firstEvent > 0 && firstSetting > 0 && firstSetting < firstEvent ? firstSetting : firstEvent;
    }

    /** The bytes a {@code jdk.DataLoss} event says JFR dropped; 0 for any other event. */
    private static long bytesLost(RecordedEvent event) {
        // the name written out, not RecordingSummary's constant: that class is outside this one's set
        // (AssertionClassesTest: the analysis classes are Java 21 class files that reach only each other)
        return event.getEventType().getName().equals("jdk.DataLoss") && Pin.hasField(event, "amount", Pin.LONG)
                ? event.getLong("amount")
                : 0;
    }

    /** A call into the JDK's parser. */
    private interface ParserCall<T> {
        T call() throws IOException;
    }

    /**
     * Calls the parser, for which a damaged file is not always an {@code IOException}: a recording cut
     * at some offsets makes {@code RecordingFile} throw an {@code IndexOutOfBoundsException}, and a byte
     * changed in its metadata an {@code InternalError} ("... is not a valid Java type"; JDK 25, seen in
     * the tests of cut and damaged files). Whatever it throws is the file's fault, so it is an
     * {@code IOException} here, kept apart from what a rule throws ({@link RuleFailedException}).
     */
    private static <T> T parse(ParserCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (RuntimeException | InternalError e) {
            throw new IOException("the JDK's parser failed: " + e, e);
        }
    }

    /**
     * A rule failed on a recording the parser read without complaint: a bug of ours, not a file to
     * blame, so the CLI reports it as an unexpected error rather than as a broken recording.
     */
    public static final class RuleFailedException extends RuntimeException {
        RuleFailedException(String where, RuntimeException cause) {
            super(
                    "a rule of loom inspect failed " + where + " (" + cause + "); the recording read without"
                            + " error, so this is a bug in loom: please report it",
                    cause);
        }
    }

    /** The observation an event makes, or null for events no rule reads. */
    static Observation observe(RecordedEvent event) {
        EventType type = event.getEventType();
        return switch (type.getName()) {
            case "jdk.VirtualThreadStart" -> new Observation.VirtualStart(nanos(event.getStartTime()), virtual(event));
            case "jdk.VirtualThreadEnd" -> new Observation.VirtualEnd(nanos(event.getStartTime()), virtual(event));
            case "jdk.ThreadStart" ->
                new Observation.ThreadStart(nanos(event.getStartTime()), thread(event, "eventThread"));
            case "jdk.ThreadEnd" ->
                new Observation.ThreadEnd(nanos(event.getStartTime()), thread(event, "eventThread"));
            case "jdk.VirtualThreadPinned" ->
                new Observation.Pinned(
                        nanos(event.getStartTime()),
                        event.getDuration().toNanos(),
                        thread(event, "eventThread"),
                        thread(event, "carrierThread").carrierLabel(),
                        Pin.text(event, "pinnedReason"),
                        Pin.text(event, "blockingOperation"),
                        Pin.frames(event.getStackTrace()),
                        truncated(event));
            case "jdk.VirtualThreadSubmitFailed" ->
                new Observation.SubmitFailed(
                        nanos(event.getStartTime()), thread(event, "eventThread"), Pin.text(event, "exceptionMessage"));
            case "jdk.ExecutionSample" ->
                new Observation.Sample(
                        nanos(event.getStartTime()),
                        thread(event, "sampledThread"),
                        PinTaxonomy.applicationFrame(Pin.frames(event.getStackTrace()), truncated(event)));
            case Observation.CpuLoad.EVENT_TYPE -> cpuLoad(event);
            case "loompatterns.TaskSubmitted" ->
                !Pin.hasField(event, TASK_ID, Pin.LONG)
                        ? null // a program's own event of that name
                        : new Observation.TaskSubmitted(nanos(event.getStartTime()), event.getLong(TASK_ID));
            case "loompatterns.TaskStarted" ->
                !Pin.hasField(event, TASK_ID, Pin.LONG)
                        ? null
                        : new Observation.TaskStarted(
                                nanos(event.getStartTime()), event.getLong(TASK_ID), thread(event, "eventThread"));
            default -> blocked(event, Observation.Blocked.Kind.ofEventType(type.getName()));
        };
    }

    /** The loads of a {@code jdk.CPULoad}; null for one without the JDK's three fields (none the JDK writes). */
    private static Observation cpuLoad(RecordedEvent event) {
        if (!Pin.hasField(event, "jvmUser", Pin.FLOAT)
                || !Pin.hasField(event, "jvmSystem", Pin.FLOAT)
                || !Pin.hasField(event, "machineTotal", Pin.FLOAT)) {
            return null;
        }
        return new Observation.CpuLoad(
                nanos(event.getStartTime()),
                event.getFloat("jvmUser") + event.getFloat("jvmSystem"),
                event.getFloat("machineTotal"));
    }

    /**
     * A wait of this kind, or null for an event of no kind (no rule reads it); a sleep with the time it asked for
     * ({@code time}), where the event has it.
     */
    private static Observation blocked(RecordedEvent event, Observation.Blocked.Kind kind) {
        if (kind == null) {
            return null;
        }
        Observation.Blocked blocked = Observation.Blocked.of(
                nanos(event.getStartTime()),
                event.getDuration().toNanos(),
                thread(event, "eventThread"),
                kind,
                () -> Pin.frames(event.getStackTrace()),
                () -> truncated(event));
        long asked = askedNanos(event);
        return kind == Observation.Blocked.Kind.SLEEP && asked >= 0 ? blocked.asked(asked) : blocked;
    }

    /**
     * The time a {@code jdk.ThreadSleep} asked for ({@code time}), in nanoseconds, or -1 where the event has no such
     * field. A sleep for ever, {@code Thread.sleep(Long.MAX_VALUE)} until interrupted, is {@code Long.MAX_VALUE}: the
     * JDK's parser gives that field as {@link java.time.temporal.ChronoUnit#FOREVER}'s duration, which
     * {@code toNanos} cannot hold (it threw, and the whole file was refused as damaged: a helper's hunt).
     */
    public static long askedNanos(RecordedEvent sleep) {
        if (!Pin.hasField(sleep, SLEEP_TIME, Pin.LONG)
                || sleep.getEventType().getField(SLEEP_TIME).getAnnotation(jdk.jfr.Timespan.class) == null) {
            return -1;
        }
        return Durations.nanos(sleep.getDuration(SLEEP_TIME));
    }

    /** Loom's task events' field: the id that pairs a submit with its start. */
    private static final String TASK_ID = "taskId";

    /** {@code jdk.ThreadSleep}'s field for the time the thread asked to sleep. */
    private static final String SLEEP_TIME = "time";

    static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    /** The virtual thread a start or end is about: {@link Observation.ThreadRef#virtual}. */
    private static Observation.ThreadRef virtual(RecordedEvent event) {
        return Observation.ThreadRef.virtual(
                thread(event, "eventThread"),
                Pin.hasField(event, "javaThreadId", Pin.LONG) ? event.getLong("javaThreadId") : -1);
    }

    private static Observation.ThreadRef thread(RecordedEvent event, String field) {
        RecordedThread thread = field.equals("eventThread")
                ? event.getThread()
                : Pin.hasField(event, field, Pin.THREAD) ? event.getThread(field) : null;
        if (thread == null) {
            return Observation.ThreadRef.UNKNOWN;
        }
        String name = thread.getJavaName();
        return new Observation.ThreadRef(thread.getJavaThreadId(), name == null ? "" : name, thread.isVirtual());
    }

    /** Whether the recording cut the event's stack at its depth (JFR keeps the innermost frames). */
    private static boolean truncated(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        return stack != null && stack.isTruncated();
    }
}
