package dev.loompatterns.analysis.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.ManyEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which chunks of a file one JVM wrote, told from their headers (what the JDK's parser needs, and does not check). */
class JvmPartsTest {

    private static final long SECOND = 1_000_000_000L;
    /** 2026-12-02, on the wall clock. */
    private static final long NOW = 1_796_186_498_761_439_111L;

    /** A chunk of a JVM that started at {@code jvmStart}, begun {@code ticks} nanoseconds after, lasting a second. */
    private static JvmParts.Chunk chunk(long jvmStart, long ticks) {
        return new JvmParts.Chunk(0, 1_000, jvmStart + ticks, SECOND, ticks, SECOND);
    }

    /**
     * A chunk begun {@code seconds} after the start of a JVM that counts time on a time-stamp counter running at
     * 2,194.9 MHz, whose header says 2.20 GHz (the frequency in its CPU's name).
     */
    private static JvmParts.Chunk counter(long seconds) {
        long stated = 2_200_000_000L;
        long ticks = seconds * 2_194_900_000L;
        return new JvmParts.Chunk(0, 1_000, NOW + seconds * SECOND, SECOND, ticks, stated);
    }

    @Test
    void chunksOfOneJvmAgreeOnItsStartAndThoseOfTwoDoNot() {
        JvmParts.Chunk first = chunk(NOW, 2 * SECOND);
        // the next chunk of the same JVM, a minute on (a dump of another recording, not where the first ended)
        assertThat(JvmParts.sameJvm(first, chunk(NOW, 62 * SECOND))).isTrue();
        // a JVM on a time-stamp counter whose real rate, 2,194.9 MHz, is 0.23% under the 2.20 GHz its header says:
        // its chunks a minute and an hour apart put its start 0.14 s and 8.3 s apart, and are still one JVM's
        JvmParts.Chunk counted = counter(2);
        assertThat(JvmParts.sameJvm(counted, counter(62))).isTrue();
        assertThat(JvmParts.sameJvm(counted, counter(3_602))).isTrue();
        // and earlier in the file than the first (dumps joined in another order)
        assertThat(JvmParts.sameJvm(chunk(NOW, 62 * SECOND), first)).isTrue();
        // another JVM, started 4.35 s later (a child JVM's recording after its parent's)
        assertThat(JvmParts.sameJvm(first, chunk(NOW + 4_350_000_000L, SECOND))).isFalse();
        // another started 2 s later, its chunk a minute on: more than 1 ms and 1% of the minute (0.6 s)
        assertThat(JvmParts.sameJvm(first, chunk(NOW + 2 * SECOND, 62 * SECOND)))
                .isFalse();
        // another clock altogether
        JvmParts.Chunk tsc = new JvmParts.Chunk(0, 1_000, NOW + 2 * SECOND, SECOND, 2 * 2_900_000_000L, 2_900_000_000L);
        assertThat(JvmParts.sameJvm(first, tsc)).isFalse();
    }

    /** The wall clock set back (or a laptop suspended) mid-recording: the next chunk still begins where this ended. */
    @Test
    void aChunkThatBeginsWhereTheOneBeforeEndedIsTheSameJvmsWhateverItsClock() {
        JvmParts.Chunk first = chunk(NOW, 2 * SECOND);
        JvmParts.Chunk next = new JvmParts.Chunk(0, 1_000, first.startNanos() + SECOND, SECOND, 2 * SECOND + 1, SECOND);
        assertThat(JvmParts.sameJvm(first, next)).isTrue();
    }

    /**
     * One JVM's chunks that cover some of the same time hold its events twice (two dumps of its recordings joined);
     * its chunks out of order in time (dumps joined latest first) do not, nor does the next chunk of a rotation.
     */
    @Test
    void chunksOfOneJvmOverlapOnlyWhereTheyCoverTheSameTime() {
        JvmParts.Chunk first = chunk(NOW, 2 * SECOND); // 2 s to 3 s after the JVM started
        assertThat(JvmParts.overlap(first, first)).isTrue();
        assertThat(JvmParts.overlap(first, chunk(NOW, 2 * SECOND + SECOND / 2))).isTrue(); // begun before it ended
        assertThat(JvmParts.overlap(chunk(NOW, 2 * SECOND + SECOND / 2), first)).isTrue(); // in either order
        assertThat(JvmParts.overlap(first, chunk(NOW, 3 * SECOND))).isFalse(); // begun as it ended
        assertThat(JvmParts.overlap(chunk(NOW, 62 * SECOND), first)).isFalse(); // a later one first in the file
    }

    /**
     * A recording of this JVM, in several chunks: one part; twice over, a second part that goes back over the
     * first's time; cut short, one part.
     */
    @Test
    void aRecordingOfOneJvmIsOnePartWholeJoinedToItselfOrCutShort(@TempDir Path dir) throws Exception {
        Path file = ManyEvents.record(dir.resolve("one.jfr"), 1_000);
        long size = Files.size(file);
        List<JvmParts.Part> parts = JvmParts.of(file);
        assertThat(parts).hasSize(1);
        assertThat(parts.getFirst().offset()).isZero();
        assertThat(parts.getFirst().size()).isEqualTo(size);
        int chunks = parts.getFirst().chunks(); // one, unless another test's recording ran beside it
        byte[] bytes = Files.readAllBytes(file);
        Path twice = dir.resolve("twice.jfr");
        Files.write(twice, bytes);
        Files.write(twice, bytes, java.nio.file.StandardOpenOption.APPEND);
        assertThat(JvmParts.of(twice))
                .containsExactly(
                        new JvmParts.Part(0, size, chunks, false), new JvmParts.Part(size, size, chunks, true));
        // what is not a whole chunk goes with the part before, for the JDK's parser to say what is wrong
        Path cut = Files.write(dir.resolve("cut.jfr"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(JvmParts.of(cut))
                .singleElement()
                .extracting(JvmParts.Part::size)
                .isEqualTo(size / 2);
        Path header = Files.write(dir.resolve("header.jfr"), java.util.Arrays.copyOf(bytes, 30));
        assertThat(JvmParts.of(header)).containsExactly(new JvmParts.Part(0, 30, 1, false));
    }
}
