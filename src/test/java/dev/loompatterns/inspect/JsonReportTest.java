package dev.loompatterns.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loompatterns.analysis.Analysis;
import dev.loompatterns.analysis.Observation;
import dev.loompatterns.analysis.Rule;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    @Test
    void writesTheReportAndLeavesTheWriterOpen() throws IOException {
        boolean[] closed = {false};
        StringWriter text = new StringWriter() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        JsonReport.write(new Report("e.jfr", 1, 2, List.of()), text);

        assertThat(closed[0]).isFalse();
        assertThat(text.toString())
                .startsWith("{")
                .contains("\"file\" : \"e.jfr\"")
                .endsWith("}" + System.lineSeparator());
    }

    /**
     * The census of a recording where no virtual thread both started and ended: its lifetimes are
     * null, not 0.
     */
    @Test
    void aLifetimeNotKnownIsNull() throws IOException {
        Analysis analysis = Analysis.ofAllRules();
        Observation.ThreadRef thread = new Observation.ThreadRef(1, "v", true);
        analysis.accept(new Observation.VirtualStart(1_000_000_000L, thread));
        StringWriter text = new StringWriter();

        JsonReport.write(
                new Report(
                        "e.jfr",
                        1,
                        1,
                        analysis.finish(
                                new Rule.Recording(analysis.first(), analysis.last(), 1, 1, "e.jfr", Map.of()))),
                text);

        JsonNode census = null;
        for (JsonNode finding : new ObjectMapper().readTree(text.toString()).get("findings")) {
            if (finding.get("rule").asText().equals("virtual-thread-census")) {
                census = finding.get("details");
            }
        }
        assertThat(census).isNotNull();
        for (String name : List.of("lifetime_median_ms", "lifetime_p99_ms")) {
            assertThat(census.has(name)).as(name).isTrue();
            assertThat(census.get(name).isNull()).as(name + " in " + census).isTrue();
        }
    }
}
