package dev.loompatterns.inspect;

import dev.loompatterns.jfr.AtomicFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A copy of a recording without the per-virtual-thread events that make JDK Mission Control's
 * parser slow: it is superlinear in the virtual threads a file names (see the census rule), so the
 * copy leaves out every {@code jdk.VirtualThreadStart} and {@code jdk.VirtualThreadEnd}, and the
 * {@code jdk.ThreadSleep} and {@code jdk.ThreadPark} of virtual threads, which name each virtual
 * thread that slept, or parked while pinned (one that unmounts to park has no jdk.ThreadPark), past
 * the threshold (20 ms in the JDK's default settings). Platform threads' sleeps and parks stay:
 * the pool-candidate rule reads them, and so do JMC's own rules. So do the sleeps of virtual threads
 * that have execution samples, which the copy names anyway: the carrier-hogging rule ends their
 * stretches at them, and finds on the copy what it found on the recording. {@code jfr scrub} cannot
 * tell virtual threads from platform ones: {@code --exclude-events jdk.ThreadSleep,jdk.ThreadPark}
 * drops both.
 */
public final class Slim {

    /** What the copy leaves out, in words for the CLI. */
    public static final String LEFT_OUT_IN_WORDS = "virtual threads' starts, ends, sleeps and parks";

    /** Left out whatever thread they name. */
    static final Set<String> LEFT_OUT = Set.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd");
    /** Left out when their event thread is virtual. */
    static final Set<String> LEFT_OUT_IF_VIRTUAL = Set.of("jdk.ThreadSleep", "jdk.ThreadPark");
    /** Kept of a virtual thread with execution samples. */
    static final String KEPT_IF_SAMPLED = "jdk.ThreadSleep";

    private Slim() {}

    /**
     * Writes the copy whole or not at all ({@link AtomicFile}).
     *
     * @param sampledVirtualThreads the ids of the virtual threads with execution samples in the recording, whose
     *                              sleeps stay ({@code RecordingReader.Result.sampledVirtualThreads})
     * @throws InterruptedIOException if the thread is interrupted (Ctrl-C in the CLI): copying stops at
     *     the next event and nothing is left under {@code target}
     */
    public static void write(Path recording, Path target, Set<Long> sampledVirtualThreads) throws IOException {
        AtomicFile.write(target, temporary -> {
            try (RecordingFile file = new RecordingFile(recording)) {
                file.write(temporary, event -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Interrupted();
                    }
                    return kept(event, sampledVirtualThreads);
                });
            } catch (Interrupted e) {
                throw new InterruptedIOException("interrupted while copying");
            }
        });
    }

    private static boolean kept(RecordedEvent event, Set<Long> sampledVirtualThreads) {
        String type = event.getEventType().getName();
        if (LEFT_OUT.contains(type)) {
            return false;
        }
        if (LEFT_OUT_IF_VIRTUAL.contains(type)) {
            RecordedThread thread = event.getThread();
            return thread == null
                    || !thread.isVirtual()
                    || type.equals(KEPT_IF_SAMPLED) && sampledVirtualThreads.contains(thread.getJavaThreadId());
        }
        return true;
    }

    /** Out of the JDK's parser, which calls the filter and lets it throw only unchecked exceptions. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }
}
