package dev.loompatterns.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How {@code compare} and {@code run} print their rows. The columns and their order are a contract (DESIGN.md). */
enum ReportFormat {
    TABLE, CSV, JSON, MARKDOWN;

    static final List<String> COLUMNS = List.of("pattern", "mode", "variant", "tasks", "wall_ms", "tasks_per_s",
            "peak_platform_threads", "virtual_threads", "pinned", "check");

    void print(List<Row> rows, PrintWriter out) {
        switch (this) {
            case TABLE -> table(rows, out);
            case CSV -> csv(rows, out);
            case JSON -> json(rows, out);
            case MARKDOWN -> markdown(rows, out);
        }
        out.flush();
    }

    /** Whether a human reads this format, so notes may follow the rows. */
    boolean forPeople() {
        return this == TABLE || this == MARKDOWN;
    }

    private static List<String> cells(Row row, boolean detailInCheck) {
        String check = detailInCheck ? row.check().word() + ": " + row.check().detail() : row.check().word();
        return List.of(row.pattern(), row.mode(), row.variant(), Integer.toString(row.tasks()),
                String.format(Locale.ROOT, "%.1f", row.wallMs()), String.format(Locale.ROOT, "%.0f", row.tasksPerSecond()),
                Integer.toString(row.peakPlatformThreads()), row.virtualThreads() < 0 ? "-" : Long.toString(row.virtualThreads()),
                Long.toString(row.pinned()), check);
    }

    private static void table(List<Row> rows, PrintWriter out) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(COLUMNS);
        rows.forEach(row -> lines.add(cells(row, true)));
        int[] widths = new int[COLUMNS.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                boolean number = i >= 3 && i <= 8;
                String cell = line.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                text.append(number ? pad + cell : (i == line.size() - 1 ? cell : cell + pad));
                if (i < line.size() - 1) {
                    text.append("  ");
                }
            }
            out.println(text);
        }
    }

    private static void csv(List<Row> rows, PrintWriter out) {
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(List.of("detail", "pinned_first_use", "pinned_recorder"));
        out.println(String.join(",", header));
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(cells(row, false));
            cells.add(row.check().detail());
            cells.add(Long.toString(row.pinsApart().firstUse()));
            cells.add(Long.toString(row.pinsApart().recorder()));
            out.println(String.join(",", cells.stream().map(ReportFormat::csvQuote).toList()));
        }
    }

    static String csvQuote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    private static void json(List<Row> rows, PrintWriter out) {
        out.println("[");
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            out.printf(Locale.ROOT,
                    "  {\"pattern\": %s, \"mode\": %s, \"variant\": %s, \"tasks\": %d, \"wall_ms\": %.3f, \"tasks_per_s\": %.1f, "
                            + "\"peak_platform_threads\": %d, \"virtual_threads\": %s, \"pinned\": %d, \"check\": %s, \"detail\": %s, "
                            + "\"repeats\": %d, \"spread\": %.3f, \"jit_ms\": %.0f, \"runs_wall_ms\": %s, \"runs_jit_ms\": %s, "
                            + "\"pinned_first_use\": %d, \"pinned_recorder\": %d, \"pinned_apart\": %s}%s%n",
                    jsonString(row.pattern()), jsonString(row.mode()), jsonString(row.variant()), row.tasks(), row.wallMs(),
                    row.tasksPerSecond(), row.peakPlatformThreads(), row.virtualThreads() < 0 ? "null" : Long.toString(row.virtualThreads()),
                    row.pinned(),
                    jsonString(row.check().word().toLowerCase(Locale.ROOT)), jsonString(row.check().detail()), row.repeats(),
                    row.spread(), row.jitMs(),
                    jsonArray(row.runs().stream().map(run -> String.format(Locale.ROOT, "%.3f", run.wallMillis())).toList()),
                    jsonArray(row.runs().stream().map(run -> Long.toString(run.jit().toMillis())).toList()),
                    row.pinsApart().firstUse(), row.pinsApart().recorder(), jsonCounts(row.pinsApart().apart()),
                    r < rows.size() - 1 ? "," : "");
        }
        out.println("]");
    }

    private static String jsonCounts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> jsonString(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String jsonArray(List<String> numbers) {
        return "[" + String.join(", ", numbers) + "]";
    }

    static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static void markdown(List<Row> rows, PrintWriter out) {
        out.println("| " + String.join(" | ", COLUMNS) + " |");
        out.println("|" + "---|".repeat(3) + "---:|".repeat(6) + "---|");
        for (Row row : rows) {
            out.println("| " + String.join(" | ", cells(row, true).stream().map(c -> c.replace("|", "\\|")).toList()) + " |");
        }
    }
}
