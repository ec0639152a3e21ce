package dev.loompatterns.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loompatterns.analysis.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings as JSON: {@code {"file", "bytes", "events", "bytes_lost", "findings": [{"rule", "severity",
 * "summary", "explanation", "details": {...}}]}}. Rule ids and severities are a contract.
 */
public final class JsonReport {

    /** Indented; leaves the writer it is given open (Jackson closes it by default). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private JsonReport() {}

    /** The report as plain maps and lists, the JSON's shape (the HTML report embeds the same). */
    public static Map<String, Object> tree(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", report.file());
        root.put("bytes", report.bytes());
        root.put("events", report.events());
        root.put("bytes_lost", report.bytesLost());
        List<Map<String, Object>> findings =
                report.findings().stream().map(JsonReport::finding).toList();
        root.put("findings", findings);
        return root;
    }

    static Map<String, Object> finding(Finding finding) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("rule", finding.rule());
        one.put("severity", finding.severity().name());
        one.put("summary", finding.summary());
        one.put("explanation", finding.explanation());
        one.put("details", finding.details());
        return one;
    }

    public static void write(Report report, Writer out) throws IOException {
        JSON.writeValue(out, tree(report));
        out.write(System.lineSeparator());
        out.flush();
    }

    public static String toJson(Object tree) throws IOException {
        return COMPACT.writeValueAsString(tree);
    }
}
