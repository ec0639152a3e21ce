package dev.loompatterns.inspect;

import dev.loompatterns.analysis.Finding;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The findings as text for a terminal: per rule, its severity, id and summary, the explanation,
 * and the details a person reads (numbers, and the first rows of each list); the series that only
 * a picture shows (timelines, histograms) are left to the HTML report.
 */
public final class TextReport {

    static final int ROWS = 5;
    static final int WIDTH = 100;

    private TextReport() {}

    public static void print(Report report, PrintWriter out) {
        out.printf(
                Locale.ROOT, "Recording: %s (%s, %,d events)%n", report.file(), size(report.bytes()), report.events());
        for (Finding finding : report.findings()) {
            out.println();
            out.printf(Locale.ROOT, "[%s] %s: %s%n", finding.severity(), finding.rule(), finding.summary());
            if (!finding.explanation().isEmpty()) {
                wrap(finding.explanation(), "  ").forEach(out::println);
            }
            finding.details().forEach((name, value) -> {
                if (!Finding.readable(name)) {
                    return;
                }
                if (value instanceof List<?> list) {
                    if (list.isEmpty()) {
                        return;
                    }
                    out.println("  " + name + ":");
                    list.stream().limit(ROWS).forEach(row -> out.println("    - " + row(row)));
                    if (list.size() > ROWS) {
                        out.printf(Locale.ROOT, "    (%d more: --format json lists them)%n", list.size() - ROWS);
                    }
                } else {
                    out.println("  " + name + ": " + row(value));
                }
            });
        }
        out.flush();
    }

    private static String row(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder();
            map.forEach((k, v) -> {
                if (Finding.readable(String.valueOf(k)) && !"advice".equals(k)) {
                    text.append(text.isEmpty() ? "" : ", ")
                            .append(k)
                            .append(' ')
                            .append(row(v));
                }
            });
            return text.toString();
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(TextReport::row).toList());
        }
        return String.valueOf(value);
    }

    static List<String> wrap(String text, String indent) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > WIDTH && line.length() > indent.length()) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            line.append(line.length() > indent.length() ? " " : "").append(word);
        }
        if (line.length() > indent.length()) {
            lines.add(line.toString());
        }
        return lines;
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "size unknown";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
