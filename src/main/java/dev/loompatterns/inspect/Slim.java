package dev.loompatterns.inspect;

import dev.loompatterns.analysis.jfr.RecordingReader;
import dev.loompatterns.jfr.AtomicFile;
import java.io.IOException;
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
     * @throws InterruptedException if the calling thread is interrupted (copying a file ignores
     *                              interrupts, so the copy looks every
     *                              {@link RecordingReader#INTERRUPT_CHECK_EVERY} events); nothing is
     *                              left under the target's name
     */
    public static void write(Path recording, Path target) throws IOException, InterruptedException {
        try {
            AtomicFile.write(target, temporary -> {
                try (RecordingFile file = new RecordingFile(recording)) {
                    long[] read = {0};
                    file.write(temporary, event -> {
                        if (++read[0] % RecordingReader.INTERRUPT_CHECK_EVERY == 0 && Thread.interrupted()) {
                            throw new Stopped();
                        }
                        return !LEFT_OUT.contains(event.getEventType().getName());
                    });
                }
            });
        } catch (Stopped e) {
            throw new InterruptedException("stopped while copying " + recording + " to " + target);
        }
    }

    /** Carries the interrupt out of the JDK's filter callback, which may throw only unchecked exceptions. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
