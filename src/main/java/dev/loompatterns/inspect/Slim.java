package dev.loompatterns.inspect;

import dev.loompatterns.jfr.AtomicFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Set;
import jdk.jfr.consumer.RecordingFile;

/**
 * A copy of a recording without the per-virtual-thread events that make JDK Mission Control's
 * parser slow (superlinear in virtual threads: see the census rule), as {@code jfr scrub
 * --exclude-events jdk.VirtualThreadStart,jdk.VirtualThreadEnd} makes it.
 */
public final class Slim {

    static final Set<String> LEFT_OUT = Set.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd");

    private Slim() {}

    /**
     * Writes the copy whole or not at all ({@link AtomicFile}).
     *
     * @throws InterruptedIOException if the thread is interrupted (Ctrl-C in the CLI): copying stops at
     *     the next event and nothing is left under {@code target}
     */
    public static void write(Path recording, Path target) throws IOException {
        AtomicFile.write(target, temporary -> {
            try (RecordingFile file = new RecordingFile(recording)) {
                file.write(temporary, event -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Interrupted();
                    }
                    return !LEFT_OUT.contains(event.getEventType().getName());
                });
            } catch (Interrupted e) {
                throw new InterruptedIOException("interrupted while copying");
            }
        });
    }

    /** Out of the JDK's parser, which calls the filter and lets it throw only unchecked exceptions. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }
}
