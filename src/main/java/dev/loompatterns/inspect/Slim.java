package dev.loompatterns.inspect;

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

    /** Writes the copy whole or not at all ({@link AtomicFile}). */
    public static void write(Path recording, Path target) throws IOException {
        AtomicFile.write(target, temporary -> {
            try (RecordingFile file = new RecordingFile(recording)) {
                file.write(
                        temporary,
                        event -> !LEFT_OUT.contains(event.getEventType().getName()));
            }
        });
    }
}
