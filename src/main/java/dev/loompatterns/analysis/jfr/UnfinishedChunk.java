package dev.loompatterns.analysis.jfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A recording chunk its JVM never finished: a JVM killed (SIGKILL, the kernel's out-of-memory killer) or crashed
 * while it recorded leaves its last chunk in JFR's repository with a header that says "in progress", and the JDK's
 * parser refuses it ("Recording file is stuck in locked stream state"), as {@code jfr} does.
 *
 * <p>What JFR does, read in the JDK's sources ({@code jdk.jfr.internal.consumer.ChunkHeader.refresh}, openjdk/jdk's
 * main branch, not the 25 tag) and seen here on JDK 25: since
 * JDK 14 (JEP 349, event streaming) a JVM flushes its recording to the chunk every second and then rewrites the
 * chunk's header, its size, the positions of its last constant pool and metadata and its duration, between two
 * writes of a state byte (offset 64): 255 while it rewrites, then a generation number; 0 once the chunk is
 * finished. So an unfinished chunk whose state is neither 0 nor 255 has a consistent header that covers what was
 * flushed, up to about a second before its JVM ended. A copy of those bytes with the state set to 0 is a finished
 * chunk the JDK's parser reads (by hand, 2026-12-02, JDK 25.0.3: a JVM killed 6 s into starting virtual threads left
 * a 4.3 MB chunk with state 6; the copy read as 5 s of recording with its 98,700 starts and ends).
 */
public final class UnfinishedChunk {

    /** Where the header's state byte is. */
    static final int STATE_POSITION = 64;

    /** The state while JFR rewrites the header: what it then says cannot be trusted. */
    static final int UPDATING = 255;

    private UnfinishedChunk() {}

    /**
     * The bytes flushed to {@code file}'s first chunk if it is one its JVM never finished and its header was whole
     * when the JVM ended; else -1 (a finished chunk, a header caught while it was rewritten, not a chunk).
     */
    public static long flushedSize(Path file) throws IOException {
        JvmParts.Chunk chunk;
        try (java.io.RandomAccessFile read = new java.io.RandomAccessFile(file.toFile(), "r")) {
            chunk = JvmParts.header(read, 0, read.length());
        }
        if (chunk == null || chunk.state() == 0 || chunk.state() == UPDATING) {
            return -1;
        }
        long size = chunk.size();
        boolean inside = chunk.constantPool() >= JvmParts.HEADER_SIZE
                && chunk.constantPool() < size
                && chunk.metadata() >= JvmParts.HEADER_SIZE
                && chunk.metadata() < size;
        return size > JvmParts.HEADER_SIZE && inside ? size : -1;
    }

    /**
     * Whether {@code file}'s first chunk is one its JVM never finished and never flushed either: it ended (killed,
     * crashed) within about a second of its recording's start, before JFR first wrote what it had recorded, so the
     * header still says no metadata (seen here: a JVM killed 1.2 s after start left 9,558 bytes whose header gave a
     * size of 68, the header's own, and no metadata position).
     */
    public static boolean nothingFlushed(Path file) throws IOException {
        JvmParts.Chunk chunk;
        try (java.io.RandomAccessFile read = new java.io.RandomAccessFile(file.toFile(), "r")) {
            chunk = JvmParts.header(read, 0, read.length());
        }
        return chunk != null && chunk.state() != 0 && chunk.state() != UPDATING && chunk.metadata() == 0;
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
