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
}
