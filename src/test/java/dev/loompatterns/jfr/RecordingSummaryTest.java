package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.analysis.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.DataAmount;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSummaryTest {

    @Test
    void countsThePinsByCauseAndTopFrame(@TempDir Path dir) throws Exception {
        Path file = Programs.record(Programs.UpcallSleeper.class, dir.resolve("upcall.jfr"), "default");

        RecordingSummary summary = RecordingSummary.read(file);

        assertThat(summary.pins()).isGreaterThanOrEqualTo(4);
        assertThat(summary.pinsByCause().keySet())
                .anyMatch(key ->
                        key.startsWith("native-frame at " + Programs.UpcallSleeper.class.getName() + ".compare:"));
        assertThat(summary.lines(null))
                .contains("  pins:                     " + summary.pins() + ", by cause and top frame:");
        List<String> noted = summary.lines("(a note)");
        assertThat(noted.subList(noted.indexOf("    (a note)") + 1, noted.size()))
                .as("the note comes after the pins, before the submit failures")
                .containsExactly("  submit failures:          " + summary.submitFailures());
        assertThat(noted.subList(0, noted.indexOf("    (a note)")))
                .hasSize(summary.lines(null).size() - 1)
                .last()
                .asString()
                .contains(" x native-frame");
    }

    /** The four sorters are the only virtual threads the program starts. */
    @Test
    void countsVirtualThreadsWhereTheProfileRecordsTheirStarts(@TempDir Path dir) throws Exception {
        Path profile = Path.of("jfr-profiles", "virtual-threads.jfc").toAbsolutePath();
        Path file = Programs.record(Programs.UpcallSleeper.class, dir.resolve("counted.jfr"), profile.toString());

        RecordingSummary summary = RecordingSummary.read(file);

        assertThat(summary.virtualThreadsStarted()).isEqualTo(4);
        assertThat(summary.lines(null)).contains("  virtual threads started:  4");
    }

    /** The JDK's default settings leave jdk.VirtualThreadStart off and say so in jdk.ActiveSetting. */
    @Test
    void saysNotRecordedWhereTheProfileLeavesTheStartsOff(@TempDir Path dir) throws Exception {
        Path file = Programs.record(Programs.UpcallSleeper.class, dir.resolve("off.jfr"), "default");

        RecordingSummary summary = RecordingSummary.read(file);

        assertThat(summary.virtualThreadsStarted()).isEqualTo(-1);
        assertThat(summary.lines(null))
                .contains("  virtual threads started:  not recorded (the profile leaves jdk.VirtualThreadStart off)");
    }

    /**
     * JFR writes jdk.DataLoss when its buffers overflow, which a test cannot make happen at will: this program
     * commits two events of that name, with the field the summary reads, in its own JVM. Off unless the
     * settings turn it on, as the JDK's own event is (a .jfc that does not name it leaves it off).
     */
    public static final class LosesData {
        @Name(RecordingSummary.DATA_LOSS)
        @Enabled(false)
        static final class StandIn extends Event {
            @DataAmount
            long amount;
        }

        public static void main(String[] args) {
            for (long amount : new long[] {4096, 1000}) {
                StandIn lost = new StandIn();
                lost.amount = amount;
                lost.commit();
            }
        }
    }

    /** Recorded with the pinning profile, which has jdk.DataLoss on: the summary adds up the bytes lost. */
    @Test
    void saysHowManyBytesJfrLost(@TempDir Path dir) throws Exception {
        Path profile = Path.of("jfr-profiles", "pinning.jfc").toAbsolutePath();
        Path file = Programs.record(LosesData.class, dir.resolve("lost.jfr"), profile.toString());

        RecordingSummary summary = RecordingSummary.read(file);

        assertThat(summary.bytesLost()).isEqualTo(5096);
        assertThat(summary.lines(null))
                .last()
                .isEqualTo("  data lost:                5096 bytes (jdk.DataLoss: JFR's buffers were full; the counts"
                        + " above may be short)");
    }

    /** Without jdk.ActiveSetting the recording cannot tell "off" from "none started": it counts. */
    @Test
    void countsWhereTheRecordingDoesNotSayWhatWasOn(@TempDir Path dir) throws Exception {
        Path profile = profile(dir.resolve("silent.jfc"), """
              <event name="jdk.ActiveSetting"><setting name="enabled">false</setting></event>
              <event name="jdk.VirtualThreadStart"><setting name="enabled">false</setting></event>
              <event name="jdk.VirtualThreadPinned">
                <setting name="enabled">true</setting>
                <setting name="threshold">0 ms</setting>
              </event>
            """);
        Path file = Programs.record(Programs.UpcallSleeper.class, dir.resolve("silent.jfr"), profile.toString());

        RecordingSummary summary = RecordingSummary.read(file);

        assertThat(summary.pins()).isPositive();
        assertThat(summary.virtualThreadsStarted()).isZero();
    }

    /**
     * A profile with the starts and pins off, and a second recording in the program that turns them on for a while
     * ({@link Programs.PartlyRecorded}): the counts are said to be of that while.
     */
    @Test
    void saysWhichCountsAreOfPartOfTheRecording(@TempDir Path dir) throws Exception {
        Path profile = profile(dir.resolve("off.jfc"), """
              <event name="jdk.ActiveSetting"><setting name="enabled">true</setting></event>
              <event name="jdk.VirtualThreadStart"><setting name="enabled">false</setting></event>
              <event name="jdk.VirtualThreadPinned"><setting name="enabled">false</setting></event>
            """);
        Path file = Programs.record(Programs.PartlyRecorded.class, dir.resolve("part.jfr"), profile.toString());

        RecordingSummary summary = RecordingSummary.read(file);

        assertThat(summary.virtualThreadsStarted())
                .as("the threads started while the second recording ran, not those before or after it")
                .isBetween((long) Programs.PartlyRecorded.DURING, (long) Programs.PartlyRecorded.BEFORE);
        assertThat(summary.partOnly()).containsExactlyInAnyOrder("jdk.VirtualThreadStart", "jdk.VirtualThreadPinned");
        assertThat(summary.lines(null))
                .contains(
                        "  virtual threads started:  " + summary.virtualThreadsStarted()
                                + " (while jdk.VirtualThreadStart was on: part of the recording only)",
                        "    (the pins while jdk.VirtualThreadPinned was on: part of the recording only)");
    }

    /** A profile with both on all along: no count is said to be of part of it. */
    @Test
    void saysNothingOfPartWhereTheEventsWereOnThroughout(@TempDir Path dir) throws Exception {
        Path profile = Path.of("jfr-profiles", "virtual-threads.jfc").toAbsolutePath();
        Path file = Programs.record(Programs.PartlyRecorded.class, dir.resolve("whole.jfr"), profile.toString());

        RecordingSummary summary = RecordingSummary.read(file);

        assertThat(summary.virtualThreadsStarted()).isGreaterThanOrEqualTo(2L * Programs.PartlyRecorded.BEFORE);
        assertThat(summary.partOnly()).isEmpty();
        assertThat(String.join("\n", summary.lines(null))).doesNotContain("part of the recording");
    }

    /** A .jfc of these events' settings, every other event left off. */
    private static Path profile(Path file, String events) throws IOException {
        return Files.writeString(
                file,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration version=\"2.0\">\n" + events
                        + "</configuration>\n");
    }
}
