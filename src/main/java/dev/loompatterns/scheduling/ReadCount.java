package dev.loompatterns.scheduling;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Duration;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The {@code jdk.FileRead} events of one file, counted as a stream delivers them, or, if the stream
 * stalled ({@link dev.loompatterns.jfr.StreamStopper}), from its recording's events instead: then
 * what was delivered is forgotten and what the stream delivers later is ignored.
 */
final class ReadCount {

    static final String FILE_READ = "jdk.FileRead";

    private final String path;

    @GuardedBy("this")
    private long reads;

    @GuardedBy("this")
    private long virtual;

    @GuardedBy("this")
    private long unnamed;

    @GuardedBy("this")
    private long readNanos;

    @GuardedBy("this")
    private boolean replayed;

    ReadCount(String path) {
        this.path = path;
    }

    /** An event the stream delivered; ignored once the counts come from the recording. */
    synchronized void delivered(RecordedEvent event) {
        if (!replayed) {
            count(event);
        }
    }

    /** The stream stalled: the counts are the recording's. */
    synchronized void replay(List<RecordedEvent> events) {
        replayed = true;
        reads = 0;
        virtual = 0;
        unnamed = 0;
        readNanos = 0;
        events.forEach(this::count);
    }

    synchronized FileReads.Measurement measurement(long pins) {
        return new FileReads.Measurement(reads, virtual, unnamed, Duration.ofNanos(readNanos), pins);
    }

    @GuardedBy("this")
    private void count(RecordedEvent event) {
        if (event.getEventType().getName().equals(FILE_READ) && path.equals(event.getString("path"))) {
            reads++;
            readNanos += event.getDuration().toNanos();
            if (event.getThread() == null) {
                unnamed++; // JDK 25's live stream can leave a thread unnamed (FileReads.Measurement)
            } else if (event.getThread().isVirtual()) {
                virtual++;
            }
        }
    }
}
