package dev.loompatterns.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.Severity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void seriesAndFlagsAreLeftToTheHtmlReport() {
        Report report = new Report(
                "e.jfr",
                1234,
                5,
                List.of(new Finding(
                        "virtual-thread-census",
                        Severity.OK,
                        "No census.",
                        "",
                        Map.of("started", 0, "applicable", false, "alive_over_time", List.of(1, 2)))));
        StringWriter text = new StringWriter();
        TextReport.print(report, new PrintWriter(text));
        assertThat(text.toString())
                .contains("  started: 0")
                .doesNotContain("applicable")
                .doesNotContain("alive_over_time");
    }
}
