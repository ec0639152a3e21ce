package dev.loompatterns.testing;

import java.nio.file.Path;
import jdk.jfr.DataAmount;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;

/**
 * Writes a recording that says JFR lost events: two events named {@code jdk.DataLoss}, of 4,096 and 1,024 bytes. JFR
 * writes its own only when its buffers overflow, which no test can bring about at will (a 1 MB memory size lost
 * nothing in a review's tries); a reader knows the event by its name and its {@code amount}, as this one has them.
 * Run in a JVM of its own ({@link OwnJvm}): an event class of that name would stay registered in the test's JVM.
 *
 * <p>Argument: the file to write.
 */
public final class DataLossRecording {

    /** The bytes the two events say were lost. */
    public static final long BYTES_LOST = 4096 + 1024;

    @Name("jdk.DataLoss")
    static final class Loss extends Event {
        @DataAmount
        long amount;

        @DataAmount
        long total;
    }

    private DataLossRecording() {}

    public static void main(String[] args) throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable(Loss.class);
            recording.start();
            long total = 0;
            for (long amount : new long[] {4096, 1024}) {
                Loss loss = new Loss();
                loss.amount = amount;
                loss.total = total += amount;
                loss.commit();
            }
            recording.stop();
            recording.dump(Path.of(args[0]));
        }
    }
}
