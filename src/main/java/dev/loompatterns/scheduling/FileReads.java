package dev.loompatterns.scheduling;

import dev.loompatterns.core.Mode;
import dev.loompatterns.jfr.JvmShutdown;
import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.PinRecorder;
import dev.loompatterns.jfr.StreamStopper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordingStream;

/**
 * Tasks that read a file with {@link RandomAccessFile}. A file read is a system call the JDK
 * cannot make asynchronous: a virtual thread stays mounted through it and its carrier is held,
 * yet JFR records no {@code jdk.VirtualThreadPinned}, because nothing pinned: the thread never
 * tried to unmount. Only {@code jdk.FileRead} shows where the carrier's time went.
 */
final class FileReads {

    static final int FILE_BYTES = 256 * 1024;
    static final int CHUNK = 8 * 1024;

    /**
     * What the JFR stream saw.
     *
     * @param reads       {@code jdk.FileRead} events on the run's task threads
     * @param virtual     of those, reads on virtual threads
     * @param unnamed     of those, reads whose thread the stream did not name: JDK 25.0.3's live stream gave no
     *                    thread for 208,263 of 330,000 reads by 10,000 short-lived virtual threads here, where the
     *                    same reads in a recording's file named every thread (a read that made it throw printed a
     *                    stack trace each, and the check failed)
     * @param readTime    their total duration: time a carrier (or a platform thread) was held
     * @param pins        pins of the run's threads meanwhile ({@link PinRecorder})
     */
    record Measurement(long reads, long virtual, long unnamed, Duration readTime, long pins) {}

    private FileReads() {}

    static Measurement measure(Mode mode, int tasks) throws Exception {
        Path file = Files.createTempFile("loom-file-io", ".bin");
        List<Pin> pins;
        ReadCount count;
        try (RecordingStream stream = new RecordingStream();
                PinRecorder pinRecorder = PinRecorder.start()) {
            Files.write(file, new byte[FILE_BYTES]);
            count = new ReadCount(file.toString());
            StreamStopper stopper = new StreamStopper(stream);
            stream.enable(ReadCount.FILE_READ).withThreshold(Duration.ZERO).withoutStackTrace();
            stream.onEvent(ReadCount.FILE_READ, count::delivered);
            JvmShutdown.requireRunning("the file-read stream");
            stream.startAsync();
            List<Callable<?>> readers = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                readers.add(() -> readAll(file));
            }
            SchedulingPattern.FORMS.of(mode).startAll(readers, index -> {});
            stopper.stop(count::replay); // throws if cancelled: not a run of no reads
            pins = pinRecorder.stop();
            if (Thread.interrupted()) { // the recorder keeps a cancel's interrupt
                throw new InterruptedException("cancelled while the pin recorder stopped");
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return count.measurement(pins.size());
    }

    private static long readAll(Path file) throws IOException {
        long total = 0;
        byte[] chunk = new byte[CHUNK];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            for (int n; (n = in.read(chunk)) > 0; ) { // BLOCKS in the kernel, carrier held
                total += n;
            }
        }
        if (total != FILE_BYTES) {
            throw new IOException("read " + total + " of " + FILE_BYTES + " bytes");
        }
        return total;
    }
}
