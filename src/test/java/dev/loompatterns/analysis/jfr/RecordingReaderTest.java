package dev.loompatterns.analysis.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.analysis.Analysis;
import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.Observation;
import dev.loompatterns.analysis.Rule;
import dev.loompatterns.testing.ManyEvents;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderTest {

    /** Events in the recording the tests read. */
    private static final long EVENTS = 1_000;

    private static Path recording(Path dir) throws Exception {
        return ManyEvents.record(dir.resolve("many.jfr"), EVENTS);
    }

    /**
     * Reading a file ignores interrupts, so Ctrl-C during 'loom inspect' of a large recording used to
     * wait out the CLI's grace period; the reader now stops. On the old code this read the whole file.
     */
    @Test
    void anInterruptedReaderStops(@TempDir Path dir) throws Exception {
        Path file = recording(dir);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> RecordingReader.analyze(file, events -> {}))
                    .isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted())
                    .as("the thread stays interrupted")
                    .isTrue();
        } finally {
            Thread.interrupted(); // not left set for the next test
        }
    }

    /**
     * The reader says how far it got every {@link RecordingReader#PROGRESS_EVERY} events, often enough for the CLI to
     * print a line every 2 s: at a million, a recording of 450,000 events was read for 5 s without a word.
     */
    @Test
    void theReaderSaysHowFarItGotEveryTenThousandEvents(@TempDir Path dir) throws Exception {
        Path file = ManyEvents.record(dir.resolve("many.jfr"), 25_000);
        java.util.List<Long> heard = new java.util.ArrayList<>();
        long events = RecordingReader.analyze(file, heard::add).events();
        assertThat(events).isGreaterThanOrEqualTo(25_000);
        java.util.List<Long> every = new java.util.ArrayList<>();
        for (long n = 10_000; n <= events; n += 10_000) {
            every.add(n);
        }
        assertThat(heard).isEqualTo(every);
    }

    /**
     * A rule that throws is a bug of ours, not a broken file: the CLI said "cut short, or still being
     * written" for both. The reader now tells them apart, whether the rule fails on an event or at the end.
     */
    @Test
    void aRuleThatFailsIsToldApartFromAFileThatDoes(@TempDir Path dir) throws Exception {
        Path file = recording(dir);
        assertThatThrownBy(() -> RecordingReader.analyze(file, events -> {}, Analysis.of(new Failing(true))))
                .isInstanceOf(RecordingReader.RuleFailedException.class)
                .hasMessageContaining("at event")
                .hasMessageContaining("bug in loom")
                .hasRootCauseInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> RecordingReader.analyze(file, events -> {}, Analysis.of(new Failing(false))))
                .isInstanceOf(RecordingReader.RuleFailedException.class)
                .hasMessageContaining("after the last event");
        byte[] whole = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> RecordingReader.analyze(cut, events -> {}, Analysis.of(new Failing(false))))
                .isInstanceOf(IOException.class);
    }

    /**
     * A file cut short is the file's fault wherever the cut falls: the JDK's parser throws an
     * {@code IOException} at some offsets and an {@code IndexOutOfBoundsException} at others (the test
     * above once cut at one of those, in a run of the suite in two JVMs), and both are an
     * {@code IOException} from the reader, never a {@link RecordingReader.RuleFailedException}.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120) // backstop: a damaged file that hung the parser would hang the build
    void aFileCutAnywhereIsAnIOException(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(recording(dir));
        Path cut = dir.resolve("cut.jfr");
        int cuts = 0;
        for (int length = 0; length < whole.length; length += Math.max(1, whole.length / 200)) {
            Files.write(cut, Arrays.copyOf(whole, length));
            int at = length;
            assertThatThrownBy(() -> RecordingReader.analyze(cut, events -> {}, Analysis.of(new Failing(false))))
                    .as("cut at %d of %d bytes", at, whole.length)
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(InterruptedIOException.class);
            cuts++;
        }
        assertThat(cuts).isGreaterThan(100);
    }

    /**
     * A file damaged inside, not only cut, is the file's fault too: a byte changed in the metadata made
     * the JDK's parser throw an {@code InternalError} ("... is not a valid Java type"), and one in an
     * event made a getter of the event's values throw, which read as "a bug in loom" (a reviewer's 8,200
     * damaged copies of two recordings, 66 so). Every copy here either reads or is an {@code IOException}.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120) // backstop, as above
    void aFileDamagedAnywhereReadsOrIsAnIOException(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(recording(dir));
        Path damaged = dir.resolve("damaged.jfr");
        java.util.Random random = new java.util.Random(20261201);
        for (int copy = 0; copy < 400; copy++) {
            byte[] bytes = whole.clone();
            int at = random.nextInt(bytes.length);
            bytes[at] = (byte) (bytes[at] ^ (1 << random.nextInt(8)));
            Files.write(damaged, bytes);
            try {
                RecordingReader.analyze(damaged, events -> {}, Analysis.ofAllRules());
            } catch (IOException expected) {
                assertThat(expected).isNotInstanceOf(InterruptedIOException.class);
            } catch (Throwable e) {
                // the recording is made anew each run: the copy is kept, so that the failure can be replayed
                Path kept = Files.write(Path.of("target", "recording-reader-damaged.jfr"), bytes);
                throw new AssertionError(
                        "a bit flipped at byte " + at + " of " + bytes.length + " (kept as " + kept + "): " + e, e);
            }
        }
    }

    /** A rule with a bug: it divides by zero on its first observation, or when it finishes. */
    private record Failing(boolean onEvent) implements Rule {
        @Override
        public String id() {
            return "failing";
        }

        @Override
        public String name() {
            return "Failing";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of();
        }

        @Override
        public void accept(Observation observation) {
            if (onEvent) {
                divide(0);
            }
        }

        @Override
        public Finding finish(Recording recording) {
            divide(0);
            return null;
        }

        private static int divide(int by) {
            return 1 / by;
        }
    }

    @Test
    void withoutAnInterruptItReadsEveryEvent(@TempDir Path dir) throws Exception {
        assertThat(RecordingReader.analyze(recording(dir), events -> {}).events())
                .isGreaterThanOrEqualTo(EVENTS);
    }
}
