package dev.loompatterns.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * A recording chunk its JVM never finished: a JVM killed (SIGKILL, the kernel's out-of-memory killer) or crashed
 * while it recorded leaves its last chunk in JFR's repository with a header that says "in progress", and the JDK's
 * parser refuses it ("Recording file is stuck in locked stream state"), as {@code jfr} does.
 *
 * <p>What JFR does, read in the JDK 25 sources ({@code jdk.jfr.internal.consumer.ChunkHeader}) and seen here: since
 * JDK 14 (JEP 349, event streaming) a JVM flushes its recording to the chunk every second and then rewrites the
 * chunk's header, its size, the positions of its last constant pool and metadata and its duration, between two
 * writes of a state byte (offset 64): 255 while it rewrites, then a generation number; 0 once the chunk is
 * finished. So an unfinished chunk whose state is neither 0 nor 255 has a consistent header that covers what was
 * flushed, up to about a second before its JVM ended. A copy of those bytes with the state set to 0 is a finished
 * chunk the JDK's parser reads (by hand, 2026-12-02, JDK 25.0.3: a JVM killed 6 s into starting virtual threads left
 * a 4.3 MB chunk with state 6; the copy read as 5 s of recording with its 98,700 starts and ends).
 */
public final class UnfinishedChunk {

    /** The chunk header's length. */
    static final int HEADER_SIZE = 68;

    /** Where the header's state byte is. */
    static final int STATE_POSITION = 64;

    /** The state while JFR rewrites the header: what it then says cannot be trusted. */
    static final int UPDATING = 255;

    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    private UnfinishedChunk() {}

    /**
     * The bytes flushed to {@code file}'s first chunk if it is one its JVM never finished and its header was whole
     * when the JVM ended; else -1 (a finished chunk, a header caught while it was rewritten, not a chunk).
     */
    public static long flushedSize(Path file) throws IOException {
        byte[] header = new byte[HEADER_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(header, 0, HEADER_SIZE) < HEADER_SIZE) {
                return -1;
            }
        }
        ByteBuffer fields = ByteBuffer.wrap(header); // big-endian, as JFR writes
        int state = header[STATE_POSITION] & 0xff;
        if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || fields.getShort(4) != 2
                || state == 0
                || state == UPDATING) {
            return -1;
        }
        long size = fields.getLong(8);
        long constantPool = fields.getLong(16);
        long metadata = fields.getLong(24);
        if (size <= HEADER_SIZE
                || size > Files.size(file)
                || constantPool < HEADER_SIZE
                || constantPool >= size
                || metadata < HEADER_SIZE
                || metadata >= size) {
            return -1;
        }
        return size;
    }

    /**
     * Writes the chunks of a JVM's repository one after another to {@code joined}, each as far as it was flushed and
     * marked finished where its JVM never finished it: one JVM's chunks in a row are one recording to the JDK's parser.
     *
     * @return how many were unfinished
     */
    public static int join(List<Path> chunks, Path joined) throws IOException {
        int unfinished = 0;
        try (FileChannel to = FileChannel.open(
                joined, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Path chunk : chunks) {
                long flushed = flushedSize(chunk);
                long start = to.size();
                try (FileChannel from = FileChannel.open(chunk, StandardOpenOption.READ)) {
                    long size = flushed < 0 ? from.size() : flushed;
                    for (long copied = 0; copied < size; ) {
                        copied += from.transferTo(copied, size - copied, to.position(start + copied));
                    }
                }
                if (flushed >= 0) {
                    to.write(ByteBuffer.wrap(new byte[] {0}), start + STATE_POSITION);
                    unfinished++;
                }
            }
        }
        return unfinished;
    }
}
