package dev.loompatterns.analysis.jfr;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a recording file that each come from one JVM, told from its chunks' headers. A file of chunks from
 * more than one JVM (a {@code cat} of two recordings, {@code jfr assemble} of the files of several runs) is one
 * that the JDK's parser ({@code RecordingFile}, and so {@code jfr print}) reads wrongly: it takes a chunk's
 * constants (thread, class, method and stack ids) from the chunk before wherever their keys are the same, which
 * they are only within one JVM, converts every chunk's times with the first chunk's clock, and keeps the chunk
 * before's metadata wherever the next one's has the same id (JDK 25's {@code ChunkParser}, read 2026-12-02). In a
 * review, a {@code cat} of two recordings of one program made the 32 pins of its code "JFR's own" (INFO, nothing to
 * fix, where the recording alone was a WARNING), their methods named from the other JVM; one of a child JVM's
 * recording and {@code loom run pinning}'s read 761 events fewer than the two hold (24,285), without a word; others
 * ended in "Unknown string encoding", said as a file cut short. JMC reads such a file whole.
 *
 * <p>A chunk's header has its start on the wall clock (nanoseconds since the epoch) and on the JVM's own
 * clock (ticks, from the JVM's start with the JDK's default clock), so each chunk says when its JVM
 * started: the same for every chunk of one JVM, up to how far its wall clock was slewed since (at most
 * 500 parts a million on Linux). A chunk that begins where the one before ended is taken as the same JVM's
 * whatever its clock says (a wall clock set back mid-recording). What is read only from the headers cannot be
 * sure the other way: two JVMs started within a millisecond, or a JVM on the CPU's time-stamp counter
 * ({@code -XX:+UseFastUnorderedTimeStamps}, whose ticks count from the machine's start), look like one.
 */
public final class JvmParts {

    /** The bytes of a chunk's header ({@code ChunkHeader.HEADER_SIZE}). */
    static final int HEADER_SIZE = 68;

    /** How far two chunks of one JVM may disagree about its start, before the wall clock's slewing: 1 ms. */
    static final long SAME_START_NANOS = 1_000_000;

    /** How fast Linux slews a wall clock at most (adjtimex: 500 ppm), per nanosecond between the chunks. */
    static final double SLEW = 500e-6;

    private JvmParts() {}

    /** One chunk's header: where it is in the file, and its clocks. */
    record Chunk(long offset, long size, long startNanos, long durationNanos, long startTicks, long ticksPerSecond) {

        /** When its JVM's clock read zero, on the wall clock, in nanoseconds since the epoch. */
        double jvmStart() {
            return startNanos - startTicks * (1e9 / ticksPerSecond);
        }
    }

    /**
     * A run of the file's bytes whose chunks come from one JVM.
     *
     * @param offset the first byte
     * @param size   how many bytes
     * @param chunks how many chunks
     */
    public record Part(long offset, long size, int chunks) {}

    /**
     * The file's parts, one a JVM, in the order they come: one part for a recording of one JVM, and for a
     * file whose headers cannot be read to its end (cut short, damaged, still being written: the JDK's parser
     * says what is wrong), the parts found before, the rest in the last.
     *
     * @throws IOException if the file cannot be read
     */
    public static List<Part> of(Path path) throws IOException {
        List<Part> parts = new ArrayList<>();
        // not a FileChannel, which an interrupt closes: Ctrl-C is seen at the first event, as ever (RecordingReader)
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long length = file.length();
            Chunk previous = null;
            long partStart = 0;
            int partChunks = 0;
            long offset = 0;
            while (offset < length) {
                Chunk chunk = header(file, offset, length);
                if (chunk == null) { // not a whole chunk from here: the rest goes with the part before
                    partChunks++;
                    offset = length;
                    break;
                }
                if (previous != null && !sameJvm(previous, chunk)) {
                    parts.add(new Part(partStart, offset - partStart, partChunks));
                    partStart = offset;
                    partChunks = 0;
                }
                partChunks++;
                previous = chunk;
                offset += chunk.size();
            }
            parts.add(new Part(partStart, offset - partStart, Math.max(partChunks, 1)));
        }
        return parts;
    }

    /** The header of the chunk at {@code offset}, or null where there is no whole chunk of a known version there. */
    private static Chunk header(RandomAccessFile file, long offset, long length) throws IOException {
        if (length - offset < HEADER_SIZE) {
            return null;
        }
        byte[] read = new byte[HEADER_SIZE];
        file.seek(offset);
        file.readFully(read);
        ByteBuffer bytes = ByteBuffer.wrap(read); // big-endian, as JFR writes
        if (bytes.get() != 'F' || bytes.get() != 'L' || bytes.get() != 'R' || bytes.get() != 0) {
            return null;
        }
        short major = bytes.getShort();
        bytes.getShort(); // minor
        long size = bytes.getLong();
        bytes.getLong(); // constant pools
        bytes.getLong(); // metadata
        long startNanos = bytes.getLong();
        long durationNanos = bytes.getLong();
        long startTicks = bytes.getLong();
        long ticksPerSecond = bytes.getLong();
        if (major != 2 || size < HEADER_SIZE || size > length - offset || ticksPerSecond <= 0) {
            return null; // JDK 11 and later write version 2; a chunk still being written has no size yet
        }
        return new Chunk(offset, size, startNanos, durationNanos, startTicks, ticksPerSecond);
    }

    /** Whether {@code next}, which follows {@code previous} in the file, comes from the same JVM. */
    static boolean sameJvm(Chunk previous, Chunk next) {
        if (previous.ticksPerSecond() != next.ticksPerSecond()) {
            return false;
        }
        if (next.startNanos() == previous.startNanos() + previous.durationNanos()) {
            return true; // it begins as the one before ended: rotated by the same recorder
        }
        double apart = Math.abs((double) next.startNanos() - previous.startNanos());
        return Math.abs(next.jvmStart() - previous.jvmStart()) <= SAME_START_NANOS + SLEW * apart;
    }
}
