package dev.loompatterns.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
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
}
