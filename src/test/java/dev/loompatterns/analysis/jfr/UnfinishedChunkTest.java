package dev.loompatterns.analysis.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk's header made to say what a killed JVM leaves (its state a generation number, bytes after the last flush),
 * from a finished recording of this JVM's. The whole round, a killed JVM's chunk read, is
 * {@code InspectCommandTest.aChunkOfARepositoryIsNamedWithItsProcessAndAKilledOnesIsRead}.
 */
public class UnfinishedChunkTest {

    @TempDir
    Path dir;

    private Path finished() throws IOException {
        Path file = dir.resolve("finished.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JavaThreadStatistics");
            recording.start();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /** {@code file}'s bytes with the header's state byte set, and {@code extra} bytes after the chunk. */
    private Path withState(Path file, int state, int extra) throws IOException {
        return Files.write(dir.resolve("state-" + state + "-" + extra + ".jfr"), stateSet(file, state, extra));
    }

    private static byte[] stateSet(Path file, int state, int extra) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] changed = java.util.Arrays.copyOf(bytes, bytes.length + extra);
        changed[UnfinishedChunk.STATE_POSITION] = (byte) state;
        return changed;
    }

    @Test
    void anUnfinishedChunkIsReadUpToItsLastFlushOnceCopiedAsFinished() throws Exception {
        Path finished = finished();
        long size = ByteBuffer.wrap(Files.readAllBytes(finished)).getLong(8);
        Path unfinished = withState(finished, 6, 1000); // a generation; bytes written after the last flush

        assertThat(UnfinishedChunk.flushedSize(unfinished)).isEqualTo(size);
        Path copy = dir.resolve("copy.jfr");
        assertThat(UnfinishedChunk.join(java.util.List.of(unfinished), copy)).isEqualTo(1);

        assertThat(copy).hasSize(size);
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(finished));
        assertThat(RecordingFile.readAllEvents(copy)).isNotEmpty();

        Path two = dir.resolve("two.jfr"); // a finished chunk, then one left unfinished: one JVM's repository
        assertThat(UnfinishedChunk.join(java.util.List.of(finished, unfinished), two))
                .isEqualTo(1);
        assertThat(two).hasSize(2 * size);
        assertThat(RecordingFile.readAllEvents(two))
                .hasSize(2 * RecordingFile.readAllEvents(finished).size());
    }

    /** {@code finished}'s bytes as a JVM killed after a flush leaves them: a generation as the header's state. */
    public static byte[] flushedButUnfinished(Path finished) throws IOException {
        return stateSet(finished, 6, 0);
    }

    /**
     * A header as a JVM killed before its first flush leaves it: the chunk's size the header's own, no constant pool or
     * metadata, a generation as its state.
     */
    public static byte[] neverFlushed(Path finished) throws IOException {
        ByteBuffer header = ByteBuffer.wrap(java.util.Arrays.copyOf(Files.readAllBytes(finished), 68));
        header.putLong(8, 68).putLong(16, 0).putLong(24, 0).putLong(40, 0);
        header.put(UnfinishedChunk.STATE_POSITION, (byte) 1);
        return header.array();
    }

    @Test
    void aChunkNeverFlushedHasNothingToRead() throws Exception {
        Path finished = finished();
        Path never = Files.write(dir.resolve("never.jfr"), neverFlushed(finished));
        assertThat(UnfinishedChunk.nothingFlushed(never)).isTrue();
        assertThat(UnfinishedChunk.flushedSize(never)).isEqualTo(-1);
        assertThat(UnfinishedChunk.nothingFlushed(finished)).as("finished").isFalse();
        assertThat(UnfinishedChunk.nothingFlushed(withState(finished, 6, 0)))
                .as("flushed")
                .isFalse();
    }

    @Test
    void whatIsNotAnUnfinishedChunkWithAWholeHeaderIsLeft() throws Exception {
        Path finished = finished();
        assertThat(UnfinishedChunk.flushedSize(finished)).as("finished").isEqualTo(-1);
        assertThat(UnfinishedChunk.flushedSize(withState(finished, UnfinishedChunk.UPDATING, 0)))
                .as("killed while its header was rewritten")
                .isEqualTo(-1);
        byte[] bytes = Files.readAllBytes(withState(finished, 6, 0));
        Path cut = Files.write(dir.resolve("cut.jfr"), java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThat(UnfinishedChunk.flushedSize(cut))
                .as("shorter than its header says")
                .isEqualTo(-1);
        Path header = Files.write(dir.resolve("header.jfr"), java.util.Arrays.copyOf(bytes, 40));
        assertThat(UnfinishedChunk.flushedSize(header)).as("not even a header").isEqualTo(-1);
        Path text = Files.writeString(dir.resolve("text.jfr"), "x".repeat(200));
        assertThat(UnfinishedChunk.flushedSize(text)).as("no recording").isEqualTo(-1);
    }
}
