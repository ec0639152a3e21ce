package dev.loompatterns.analysis.jmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a finding's details read in a JMC result. */
class ResultsTest {

    /** A figure the recording cannot give is null in the details; JMC's text says it is not known. */
    @Test
    void aFigureNotKnownSaysSo() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("started", 2L);
        details.put("lifetime_median_ms", null);

        assertThat(Results.details(details)).isEqualTo("started 2; lifetime_median_ms not known");
    }
}
