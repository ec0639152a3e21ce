package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.analysis.Programs;
import java.nio.file.Path;
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
        assertThat(summary.lines())
                .contains("  pins:                     " + summary.pins() + ", by cause and top frame:");
    }

    /**
     * The JDK's default settings, like loom's pinning profile, leave jdk.VirtualThreadStart off: the
     * summary says the virtual threads were not recorded rather than that none started.
     */
    @Test
    void saysVirtualThreadsWereNotRecordedWhenTheSettingsLeaveTheirStartOff(@TempDir Path dir) throws Exception {
        Path off = Programs.record(Programs.Clean.class, dir.resolve("off.jfr"), "default");
        Path on = Programs.record(
                Programs.Clean.class, dir.resolve("on.jfr"), "default,jdk.VirtualThreadStart#enabled=true");

        RecordingSummary notRecorded = RecordingSummary.read(off);
        RecordingSummary recorded = RecordingSummary.read(on);

        assertThat(notRecorded.virtualThreadsStarted()).isNegative();
        assertThat(notRecorded.lines())
                .anySatisfy(line -> assertThat(line).startsWith("  virtual threads started:  not recorded"));
        assertThat(recorded.virtualThreadsStarted()).isGreaterThanOrEqualTo(Programs.Clean.THREADS);
        assertThat(recorded.lines()).contains("  virtual threads started:  " + recorded.virtualThreadsStarted());
    }
}
