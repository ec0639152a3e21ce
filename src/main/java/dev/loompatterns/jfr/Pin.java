package dev.loompatterns.jfr;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * One {@code jdk.VirtualThreadPinned} event: a virtual thread that blocked while it could not
 * unmount, so its carrier blocked with it; with its {@link PinCause} as {@link PinTaxonomy} reads it.
 *
 * @param reason            {@code pinnedReason} (JDK 24+): "Native or VM frame on stack",
 *                          "VM call to X.&lt;clinit&gt; on stack", "Freeze or preempt failed (n)"...;
 *                          {@value #NOT_RECORDED} where the event has no such field (JDK 21-23)
 * @param blockingOperation {@code blockingOperation} (JDK 24+): "LockSupport.park", "Object.wait"...
 * @param thread            the pinned virtual thread's name, or {@code #id} if it has none
 * @param threadId          its {@code Thread.threadId()}
 * @param carrier           the carrier thread that was held
 * @param duration          how long it stayed pinned while blocked
 * @param stack             the stack, innermost frame first, as {@code Type.method:line}, without
 *                          hidden frames (where all are hidden, as in a stack cut one frame deep, the innermost)
 * @param stackCut          true where the recording cut the stack at its depth
 *                          ({@code -XX:FlightRecorderOptions:stackdepth}, 64 frames unless set; JFR keeps the
 *                          innermost frames): the frames that called in, the program's among them, may be beyond it
 * @param cause             why it pinned
 * @param subject           the class initialized or waited for, in whose initializer a contended monitor
 *                          was met (class-loading), or whose cache was being filled (jdk-cache-wait), where
 *                          the cause has one; else null
 * @param fromStack         true if the cause was read from the stack alone (no {@code pinnedReason})
 */
public record Pin(
        String reason,
        String blockingOperation,
        String thread,
        long threadId,
        String carrier,
        Duration duration,
        List<String> stack,
        boolean stackCut,
        PinCause cause,
        String subject,
        boolean fromStack) {

    /** The last line of {@link #describe()} where the recording cut the stack. */
    public static final String CUT_AT_DEPTH = "... (the recording cut the stack here, at its depth: 64 frames unless"
            + " -XX:FlightRecorderOptions:stackdepth set another; a greater one, 256 say, shows the frames that called"
            + " in)";

    /** What {@link #reason()} and {@link #blockingOperation()} hold when the event has no such field. */
    public static final String NOT_RECORDED = "(not recorded)";

    public Pin {
        stack = List.copyOf(stack);
    }

    /**
     * A pin known by its fields, its whole stack recorded, classified from the reason, the operation and the stack
     * (which, as text, lacks the hidden frames): what {@link #of(RecordedEvent)} makes of an event.
     */
    public static Pin of(
            String reason,
            String blockingOperation,
            String thread,
            long threadId,
            String carrier,
            Duration duration,
            List<String> stack) {
        Pin unclassified = new Pin(
                reason, blockingOperation, thread, threadId, carrier, duration, stack, false, null, null, false);
        return unclassified.classifiedBy(
                stack.stream().map(PinTaxonomy.Frame::parse).toList());
    }

    static Pin of(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        RecordedThread carrier = hasField(event, "carrierThread", THREAD) ? event.getThread("carrierThread") : null;
        String reason = text(event, "pinnedReason");
        String operation = text(event, "blockingOperation");
        RecordedStackTrace trace = event.getStackTrace();
        List<PinTaxonomy.Frame> frames = frames(trace);
        // Hidden frames (lambda forms, FFM stubs) are the JVM's plumbing; jfr print leaves them out too.
        List<String> visible = frames.stream()
                .filter(frame -> !frame.hidden())
                .map(PinTaxonomy.Frame::toString)
                .toList();
        if (visible.isEmpty() && !frames.isEmpty()) {
            // a stack cut to the JVM's plumbing: its innermost frame, as loom inspect names it, rather than none
            visible = List.of(frames.getFirst().toString());
        }
        Pin unclassified = new Pin(
                reason == null ? NOT_RECORDED : reason,
                operation == null ? NOT_RECORDED : operation,
                thread == null ? "?" : nameOf(thread),
                thread == null ? -1 : thread.getJavaThreadId(),
                carrier == null ? "?" : nameOf(carrier),
                event.getDuration(),
                visible,
                trace != null && trace.isTruncated(),
                null,
                null,
                false);
        return unclassified.classifiedBy(frames);
    }

    /** This pin with its cause, subject and fromStack read from every frame, hidden ones included where known. */
    private Pin classifiedBy(List<PinTaxonomy.Frame> frames) {
        PinTaxonomy.Classification found = PinTaxonomy.classify(orNull(reason), orNull(blockingOperation), frames);
        return new Pin(
                reason,
                blockingOperation,
                thread,
                threadId,
                carrier,
                duration,
                stack,
                stackCut,
                found.cause(),
                found.subject(),
                found.fromStack());
    }

    /**
     * The pin as one line, for a child JVM to report to its parent: tab-separated fields, whether the stack was cut,
     * then the stack, its frames separated by spaces. A backslash, tab, line break or space within a field is
     * written as an escape ({@code \\}, {@code \t}, {@code \n}, {@code \r}, {@code \s}), so that any thread
     * name reads back. {@link #fromLine} reads it back.
     */
    public String toLine() {
        List<String> frames = new ArrayList<>();
        stack.forEach(frame -> frames.add(escaped(frame)));
        return String.join(
                "\t",
                cause.id(),
                subject == null ? "" : escaped(subject),
                Boolean.toString(fromStack),
                escaped(reason),
                escaped(blockingOperation),
                escaped(thread),
                Long.toString(threadId),
                escaped(carrier),
                Long.toString(duration.toNanos()),
                Boolean.toString(stackCut),
                String.join(" ", frames));
    }

    /**
     * The pin {@link #toLine()} wrote.
     *
     * @throws IllegalArgumentException if the line is not one
     */
    public static Pin fromLine(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 11) {
            throw new IllegalArgumentException("not a pin line: " + line);
        }
        try {
            List<String> stack = new ArrayList<>();
            if (!fields[10].isEmpty()) {
                for (String frame : fields[10].split(" ")) {
                    stack.add(unescaped(frame));
                }
            }
            return new Pin(
                    unescaped(fields[3]),
                    unescaped(fields[4]),
                    unescaped(fields[5]),
                    Long.parseLong(fields[6]),
                    unescaped(fields[7]),
                    Duration.ofNanos(Long.parseLong(fields[8])),
                    stack,
                    Boolean.parseBoolean(fields[9]),
                    PinCause.ofId(fields[0]),
                    fields[1].isEmpty() ? null : unescaped(fields[1]),
                    Boolean.parseBoolean(fields[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a pin line: " + line, e);
        }
    }

    /** A field of {@link #toLine()}: no tab, line break or space left in it (the backslash first). */
    private static String escaped(String field) {
        return field.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace(" ", "\\s");
    }

    /** What {@link #escaped} was given. */
    private static String unescaped(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                text.append(c);
                continue;
            }
            char escape = field.charAt(++i);
            text.append(
                    switch (escape) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 's' -> ' ';
                        default -> escape; // a backslash, as escaped wrote it
                    });
        }
        return text.toString();
    }

    /** Whose pin this is, given which classes are the observed code's own. */
    public PinOrigin origin(Predicate<String> ownCode) {
        return PinTaxonomy.origin(cause, subject, ownCode);
    }

    /** The cause's id and its subject: {@code class-init-wait of a.B}. */
    public String causeLabel() {
        return PinTaxonomy.label(cause, subject);
    }

    /**
     * The innermost frame outside the JDK: the code that blocked while pinned (a comparator called
     * back from {@code qsort}, a static initializer), or the innermost frame if all are the JDK's, then marked
     * {@value PinTaxonomy#CUT_SHORT} where the recording cut the stack before any other.
     */
    public String topFrame() {
        return PinTaxonomy.applicationFrame(
                stack.stream().map(PinTaxonomy.Frame::parse).toList(), stackCut);
    }

    /**
     * Whether a class {@code ownCode} accepts ran on the pinned thread: a frame of it is on the stack, or it is the
     * class being initialized, whose {@code <clinit>} the JVM's reason says is on the stack where the recording cut
     * the stack before it.
     */
    public boolean ranCodeOf(Predicate<String> ownCode) {
        return stack.stream().anyMatch(ownCode)
                || cause == PinCause.CLASS_INIT && subject != null && ownCode.test(subject);
    }

    /**
     * Whether the recording cut the stack before any frame of the classes {@code ownCode} accepts: whether those
     * classes called in cannot be told ({@link #ranCodeOf} is false, but only as far as the stack goes).
     */
    public boolean cutBefore(Predicate<String> ownCode) {
        return stackCut && !ranCodeOf(ownCode);
    }

    /** One line: cause, reason, operation, top frame, carrier. */
    public String summary() {
        return String.format(
                Locale.ROOT, "%s: '%s' %s at %s on %s", causeLabel(), reason, blockingOperation, topFrame(), carrier);
    }

    /** Several lines: the summary, the thread and duration, then the stack, and a line where it was cut. */
    public String describe() {
        StringBuilder text = new StringBuilder(summary())
                .append(String.format(
                        Locale.ROOT, "%n    thread %s, pinned %.1f ms", thread, duration.toNanos() / 1e6));
        stack.forEach(
                frame -> text.append(System.lineSeparator()).append("      at ").append(frame));
        if (stackCut) {
            text.append(System.lineSeparator()).append("      ").append(CUT_AT_DEPTH);
        }
        return text.toString();
    }

    /** Every frame of a recorded stack, innermost first, hidden ones included; none for no stack. */
    public static List<PinTaxonomy.Frame> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<PinTaxonomy.Frame> frames = new ArrayList<>();
        for (RecordedFrame frame : stack.getFrames()) {
            RecordedMethod method = frame.getMethod();
            frames.add(new PinTaxonomy.Frame(
                    method.getType().getName(),
                    method.getName(),
                    frame.getLineNumber(),
                    method.isHidden(),
                    Modifier.isNative(method.getModifiers())));
        }
        return frames;
    }

    private static String nameOf(RecordedThread thread) {
        String name = thread.getJavaName();
        return name == null || name.isEmpty() ? "#" + thread.getJavaThreadId() : name;
    }

    /** The event's string field, or null where it has none of that type ({@link #hasField}). */
    public static String text(RecordedEvent event, String field) {
        return hasField(event, field, STRING) ? event.getString(field) : null;
    }

    /** The type name of {@link #hasField(RecordedEvent, String, String)} for a thread. */
    public static final String THREAD = "java.lang.Thread";

    /** The type name of {@link #hasField(RecordedEvent, String, String)} for a string. */
    public static final String STRING = "java.lang.String";

    /** The type name of {@link #hasField(RecordedEvent, String, String)} for a long. */
    public static final String LONG = "long";

    /** The type name of {@link #hasField(RecordedEvent, String, String)} for a float ({@code jdk.CPULoad}'s). */
    public static final String FLOAT = "float";

    /**
     * Whether the event has the field with a value of that type ({@link jdk.jfr.ValueDescriptor#getTypeName()}): a
     * program's own event may take a JDK event's name, or loom's, with fields of its own, which the JDK's parser reads
     * and whose getters of another type throw ("illegal data type conversion"). Where it lacks one, the field is
     * read as absent, as in a JDK that does not write it.
     */
    public static boolean hasField(RecordedEvent event, String field, String type) {
        jdk.jfr.ValueDescriptor descriptor = event.getEventType().getField(field);
        return descriptor != null && descriptor.getTypeName().equals(type);
    }

    private static String orNull(String text) {
        return text == null || text.equals(NOT_RECORDED) ? null : text;
    }
}
