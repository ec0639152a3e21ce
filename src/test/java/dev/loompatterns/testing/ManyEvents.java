package dev.loompatterns.testing;

import dev.loompatterns.jfr.TaskStartedEvent;
import java.nio.file.Path;
import jdk.jfr.Recording;

/** A recording of many small events, made in this JVM: for readers that must look at an interrupt as they go. */
public final class ManyEvents {

    private ManyEvents() {}

    /** Records {@code events} {@code loompatterns.TaskStarted} events (and nothing else asked for) to {@code file}. */
    public static Path record(Path file, long events) throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable(TaskStartedEvent.NAME);
            recording.start();
            for (long i = 0; i < events; i++) {
                TaskStartedEvent.at(i);
            }
            recording.stop();
            recording.dump(file);
        }
        return file;
    }
}
