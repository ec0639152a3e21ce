package dev.loompatterns.jfr;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * One {@code jdk.VirtualThreadPinned} event: a virtual thread that blocked while it could not
 * unmount, so its carrier blocked with it.
 *
 * @param reason            {@code pinnedReason} (JDK 24+): "Native or VM frame on stack",
 *                          "VM call to X.&lt;clinit&gt; on stack", "Freeze or preempt failed (n)"...
 * @param blockingOperation {@code blockingOperation} (JDK 24+): "LockSupport.park", "Object.wait"...
 * @param thread            the pinned virtual thread's name, or {@code #id} if it has none
 * @param threadId          its {@code Thread.threadId()}
 * @param carrier           the carrier thread that was held
 * @param duration          how long it stayed pinned while blocked
 * @param stack             the stack, innermost frame first, as {@code Type.method:line}, without
 *                          hidden frames
 */
public record Pin(String reason, String blockingOperation, String thread, long threadId, String carrier, Duration duration,
                  List<String> stack) {

    /** Packages whose frames are the JDK's machinery, not the code that chose to block. */
    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    public Pin {
        stack = List.copyOf(stack);
    }

    static Pin of(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        RecordedThread carrier = event.hasField("carrierThread") ? event.getThread("carrierThread") : null;
        return new Pin(
                textOrUnknown(event, "pinnedReason"),
                textOrUnknown(event, "blockingOperation"),
                thread == null ? "?" : nameOf(thread),
                thread == null ? -1 : thread.getJavaThreadId(),
                carrier == null ? "?" : nameOf(carrier),
                event.getDuration(),
                frames(event.getStackTrace()));
    }

    /**
     * The innermost frame outside the JDK: the code that blocked while pinned (a comparator called
     * back from {@code qsort}, a static initializer), or the innermost frame if all are the JDK's.
     */
    public String topFrame() {
        return stack.stream().filter(frame -> JDK_PACKAGES.stream().noneMatch(frame::startsWith)).findFirst()
                .orElse(stack.isEmpty() ? "(no stack trace recorded)" : stack.getFirst());
    }

    /** True if JFR's own event code is on the stack: the pin is the recording's, not the code's. */
    public boolean inJfr() {
        return stack.stream().anyMatch(frame -> frame.startsWith("jdk.internal.event.") || frame.startsWith("jdk.jfr."));
    }

    /** One line: reason, operation, top frame, carrier. */
    public String summary() {
        return String.format(Locale.ROOT, "'%s' %s at %s on %s", reason, blockingOperation, topFrame(), carrier);
    }

    /** Several lines: the summary, the thread and duration, then the stack. */
    public String describe() {
        StringBuilder text = new StringBuilder(summary())
                .append(String.format(Locale.ROOT, "%n    thread %s, pinned %.1f ms", thread, duration.toNanos() / 1e6));
        stack.forEach(frame -> text.append(System.lineSeparator()).append("      at ").append(frame));
        return text.toString();
    }

    static String topFrame(RecordedStackTrace stack) {
        return new Pin("", "", "", 0, "", Duration.ZERO, frames(stack)).topFrame();
    }

    private static List<String> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        // Hidden frames (lambda forms, FFM stubs) are the JVM's plumbing; jfr print leaves them out too.
        return stack.getFrames().stream().filter(frame -> !frame.getMethod().isHidden()).map(Pin::frame).toList();
    }

    private static String frame(RecordedFrame frame) {
        String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        return frame.getLineNumber() > 0 ? name + ":" + frame.getLineNumber() : name;
    }

    private static String nameOf(RecordedThread thread) {
        String name = thread.getJavaName();
        return name == null || name.isEmpty() ? "#" + thread.getJavaThreadId() : name;
    }

    private static String textOrUnknown(RecordedEvent event, String field) {
        String value = event.hasField(field) ? event.getString(field) : null;
        return value == null ? "(not recorded)" : value;
    }
}
