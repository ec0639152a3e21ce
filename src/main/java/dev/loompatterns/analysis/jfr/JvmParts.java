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
 * clock (ticks, counted from the JVM's start), so each chunk says when its JVM started: the same for every
 * chunk of one JVM, within {@link #SAME_START_NANOS} and {@link #SAME_START_SHARE} of the time between them.
 * The share is for JFR's ticks on x86 with an invariant time-stamp counter, which it uses by itself
 * ({@code UseFastUnorderedTimeStamps}, set by the JVM's ergonomics): their rate in the header is the
 * frequency in the CPU's name ("@ 2.20GHz"), which can be tenths of a percent off the counter's (a review's
 * example: 2,194.9 MHz against 2.20 GHz, 0.23%), so one JVM's chunks minutes apart disagree by that share of
 * the minutes (read in JDK 25's sources, not run: this machine's CPU names no frequency and JFR counts in
 * nanoseconds). A slewed wall clock moves the JVM's clock with it (Linux's monotonic clock is slewed too), so
 * slewing changes nothing; a clock set (stepped) or a machine suspended between two chunks of one JVM does,
 * and such a file is taken for two JVMs' (the message says it may be that). A chunk that begins where the one
 * before ended is taken as the same JVM's whatever its clock says: a recording's own chunks always do (every
 * rotation read in a review). Two JVMs started within {@link #SAME_START_NANOS} plus that share of the time
 * between their chunks look like one, and their file is read as before.
 *
 * <p>One JVM's chunks whose times overlap hold that time's events twice: a JVM writes one stream of chunks, which
 * all its recordings share, so two dumps of its recordings joined ({@code jcmd JFR.dump} twice, the first a prefix
 * of the second; two recordings running at once; a file joined to itself) repeat the chunks they have in common.
 * The JDK's parser reads them all, and a review's {@code cat} of a recording with itself counted 22 pins for its 11,
 * and a pool blocked longer than it lived. A chunk whose time overlaps that of a chunk of its part begins a part of
 * its own, {@link Part#again}: a file of two dumps is two parts, however many chunks each has. One JVM's chunks out
 * of order in time (dumps joined latest first) do not overlap, and stay one part.
 */
public final class JvmParts {

    /** The bytes of a chunk's header ({@code ChunkHeader.HEADER_SIZE}). */
    static final int HEADER_SIZE = 68;

    /** How far two chunks of one JVM may disagree about its start, besides {@link #SAME_START_SHARE}: 1 ms. */
    static final long SAME_START_NANOS = 1_000_000;

    /**
     * ... and how far per nanosecond between them: 1%, for a time-stamp counter whose real rate is off the
     * frequency its CPU's name gives (tenths of a percent).
     */
    static final double SAME_START_SHARE = 0.01;

    private JvmParts() {}

    /** One chunk's header: where it is in the file, and its clocks. */
    record Chunk(
            long offset,
            long size,
            long constantPool,
            long metadata,
            long startNanos,
            long durationNanos,
            long startTicks,
            long ticksPerSecond,
            int state) {

        /** A finished chunk whose constant pool and metadata positions are not asked for (tests of the clocks). */
        Chunk(long offset, long size, long startNanos, long durationNanos, long startTicks, long ticksPerSecond) {
            this(offset, size, 0, 0, startNanos, durationNanos, startTicks, ticksPerSecond, 0);
        }

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
     * @param again  whether it begins with a chunk whose time overlaps that of a chunk of the part before: time the
     *               parts before hold already (some of it, or all)
     */
    public record Part(long offset, long size, int chunks, boolean again) {}

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
            List<Chunk> inPart = new ArrayList<>();
            long partStart = 0;
            int partChunks = 0;
            boolean partAgain = false;
            long offset = 0;
            while (offset < length) {
                Chunk chunk = header(file, offset, length);
                if (chunk == null) { // not a whole chunk from here: the rest goes with the part before
                    partChunks++;
                    offset = length;
                    break;
                }
                boolean again = inPart.stream().anyMatch(before -> sameJvm(before, chunk) && overlap(before, chunk));
                if (previous != null && (again || !sameJvm(previous, chunk))) {
                    parts.add(new Part(partStart, offset - partStart, partChunks, partAgain));
                    partStart = offset;
                    partChunks = 0;
                    partAgain = again;
                    inPart.clear();
                }
                partChunks++;
                previous = chunk;
                inPart.add(chunk);
                offset += chunk.size();
            }
            parts.add(new Part(partStart, offset - partStart, Math.max(partChunks, 1), partAgain));
        }
        return parts;
    }

    /** The header of the chunk at {@code offset}, or null where there is no whole chunk of a known version there. */
    static Chunk header(RandomAccessFile file, long offset, long length) throws IOException {
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
        long constantPool = bytes.getLong(); // the last one's position
        long metadata = bytes.getLong(); // the last one's position
        long startNanos = bytes.getLong();
        long durationNanos = bytes.getLong();
        long startTicks = bytes.getLong();
        long ticksPerSecond = bytes.getLong();
        int state = bytes.get() & 0xff; // 0 once finished (UnfinishedChunk)
        if (major != 2 || size < HEADER_SIZE || size > length - offset || ticksPerSecond <= 0) {
            return null; // JDK 11 and later write version 2; a chunk still being written has no size yet
        }
        return new Chunk(
                offset, size, constantPool, metadata, startNanos, durationNanos, startTicks, ticksPerSecond, state);
    }

    /** Whether two chunks of one JVM cover some of the same time: begun at one tick, or each before the other ended. */
    static boolean overlap(Chunk a, Chunk b) {
        return a.startTicks() == b.startTicks()
                || (b.startNanos() < a.startNanos() + a.durationNanos()
                        && a.startNanos() < b.startNanos() + b.durationNanos());
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
        return Math.abs(next.jvmStart() - previous.jvmStart()) <= SAME_START_NANOS + SAME_START_SHARE * apart;
    }
}
