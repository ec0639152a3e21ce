package dev.loompatterns.jfr;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loompatterns.testing.Background;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * A named pipe made in a test's folder, and a thread that reads what is written into it, as {@code cat fifo} would: a
 * file that is not a regular file, which the CLI writes into. A test stands in with it for {@code /dev/null}, which a
 * write that replaced it (as loom's did, run as root) would turn into a file for the whole machine.
 */
public final class Fifo implements AutoCloseable {

    private final Path path;
    /** Opened for reading and writing, which never blocks on Linux: the reader's open goes through at once. */
    private final FileChannel keeper;

    private final Background<String> reader;

    private Fifo(Path path) throws IOException, InterruptedException {
        this.path = path;
        this.keeper = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        CountDownLatch opened = new CountDownLatch(1);
        this.reader = Background.start(() -> {
            try (InputStream in = Files.newInputStream(path)) {
                opened.countDown();
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        // open: the pipe is read from here on, whatever becomes of its name; a failed open fails at once
        reader.await("opening the pipe", () -> opened.getCount() == 0);
    }

    /** Makes the pipe with {@code mkfifo} (the test is skipped where there is none) and starts reading it. */
    public static Fifo make(Path path) throws IOException, InterruptedException {
        mkfifo(path);
        return new Fifo(path);
    }

    /** Makes a named pipe with {@code mkfifo}, which nothing reads yet; the test is skipped where there is none. */
    public static void mkfifo(Path path) throws InterruptedException {
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", path.toString())
                            .inheritIO()
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException noMkfifo) {
            made = false;
        }
        assumeTrue(made, "mkfifo makes a named pipe");
    }

    public Path path() {
        return path;
    }

    /**
     * Everything written into the pipe, once the code under test has closed it: the keeper closes, the last writer,
     * and the reader reads to the end (nothing, if the code never wrote into the pipe).
     */
    public String read() throws Exception {
        keeper.close();
        return reader.join();
    }

    @Override
    public void close() throws IOException {
        keeper.close();
        reader.close();
    }
}
