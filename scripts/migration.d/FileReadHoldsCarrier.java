import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Fact J8 of migration.md: a virtual thread in a file read holds its carrier, and the scheduler adds no carrier
 * for the time of the call. Run with one carrier, on a JDK 25's {@code java}, where {@code mkfifo} is (Linux,
 * macOS):
 *
 * <pre>java -Djdk.virtualThreadScheduler.parallelism=1 scripts/migration.d/FileReadHoldsCarrier.java [hold-ms]</pre>
 *
 * A virtual thread reads a byte from a FIFO ({@code RandomAccessFile.read}), which a platform thread writes
 * {@code hold-ms} (default 2000) after the reader has opened it. Once the reader is in its read, a second virtual
 * thread is started. Prints when the second thread first ran and when the read ended, both from the second
 * thread's start. Exits 1 if the second thread ran before the read ended (a carrier was free or added for it).
 */
public class FileReadHoldsCarrier {

    public static void main(String[] args) throws Exception {
        if (!"1".equals(System.getProperty("jdk.virtualThreadScheduler.parallelism"))) {
            System.err.println("run with -Djdk.virtualThreadScheduler.parallelism=1: one carrier, held by the read");
            System.exit(2);
        }
        long holdMillis = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        Path folder = Files.createTempDirectory("file-read-holds-carrier");
        Path fifo = folder.resolve("fifo");
        // deleted by a shutdown hook, not a finally: the JVM runs hooks on a signal (scripts/jdk-facts stopped by
        // Ctrl-C or a TERM during J8 left the folder and its FIFO in /tmp, a review) and on System.exit (the exit 1
        // below, where J8 does not hold), neither of which runs a finally
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(fifo, folder), "delete-fifo"));
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IllegalStateException("mkfifo failed");
        }
        run(fifo, holdMillis);
    }

    static void delete(Path fifo, Path folder) {
        try {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(folder);
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + folder + ": " + e);
        }
    }

    static void run(Path fifo, long holdMillis) throws Exception {
        long[] readEnded = new long[1];
        Thread reader = Thread.ofVirtual().name("reader").start(() -> {
            try (RandomAccessFile file = new RandomAccessFile(fifo.toFile(), "r")) {
                file.read(); // blocks until the writer writes: on the carrier, which nothing else can use
                readEnded[0] = System.nanoTime();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CountDownLatch opened = new CountDownLatch(1);
        long[] written = new long[1];
        Thread writer = Thread.ofPlatform().name("writer").start(() -> {
            try (FileOutputStream out = new FileOutputStream(fifo.toFile())) { // returns once the reader opened
                opened.countDown();
                Thread.sleep(holdMillis);
                written[0] = System.nanoTime();
                out.write(1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        if (!opened.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the reader did not open the FIFO within 10 s");
        }
        while (!inRead(reader)) { // its stack, as a RUNNABLE thread in native code has no other state to show
            Thread.sleep(1);
        }
        long started = System.nanoTime();
        long[] ran = new long[1];
        Thread second = Thread.ofVirtual().name("second").start(() -> ran[0] = System.nanoTime());
        second.join();
        reader.join();
        writer.join();
        long ranMs = TimeUnit.NANOSECONDS.toMillis(ran[0] - started);
        long readEndedMs = TimeUnit.NANOSECONDS.toMillis(readEnded[0] - started);
        System.out.println("Java " + Runtime.version() + ", one carrier, a FIFO read held " + holdMillis + " ms");
        System.out.println("the second virtual thread first ran " + ranMs + " ms after its start; the read ended at "
                + readEndedMs + " ms, the byte was written at "
                + TimeUnit.NANOSECONDS.toMillis(written[0] - started) + " ms");
        if (ran[0] < readEnded[0] && ran[0] < written[0]) {
            System.out.println("J8 does not hold here: the second thread ran while the read held the carrier");
            System.exit(1);
        }
        System.out.println("J8 holds: the second thread waited for the read to end");
    }

    static boolean inRead(Thread reader) {
        for (StackTraceElement frame : reader.getStackTrace()) {
            if (frame.getClassName().equals(RandomAccessFile.class.getName()) && frame.getMethodName().equals("read")) {
                return true;
            }
        }
        if (!reader.isAlive()) {
            throw new IllegalStateException("the reader ended before it was seen in its read");
        }
        return false;
    }
}
