package dev.loompatterns.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import jdk.jfr.consumer.RecordingFile;

/**
 * A copy of a recording without the per-virtual-thread events that make JDK Mission Control's
 * parser slow (superlinear in virtual threads: see the census rule), as {@code jfr scrub
 * --exclude-events jdk.VirtualThreadStart,jdk.VirtualThreadEnd} makes it.
 */
public final class Slim {

    static final Set<String> LEFT_OUT = Set.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd");

    private Slim() {
    }

    /** Writes the copy to a hidden file beside the target and moves it into place. */
    public static void write(Path recording, Path target) throws IOException {
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
        try {
            try (RecordingFile file = new RecordingFile(recording)) {
                file.write(temporary, event -> !LEFT_OUT.contains(event.getEventType().getName()));
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
