package dev.loompatterns.engine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How {@code compare} and {@code run} print their rows. The columns and their order are a contract (docs/design.md, The
 * CLI contract).
 */
public enum ReportFormat {
    TABLE,
    CSV,
    JSON,
    MARKDOWN;

    static final List<String> COLUMNS = List.of(
            "pattern",
            "mode",
            "variant",
            "tasks",
            "wall_ms",
            "tasks_per_s",
            "peak_platform_threads",
            "virtual_threads",
            "pinned",
            "check");

    /** What the default table fits in: a terminal of 120 columns. */
    public static final int TABLE_WIDTH = 120;

    /** The fewest columns a check's summary gets beside its verdict; fewer, and it goes below the row. */
    static final int MIN_SUMMARY = 30;

    /** The table's short headers, for the columns whose contract names are long. */
    static final List<String> SHORT_HEADERS = List.of(
            "pattern", "mode", "variant", "tasks", "wall_ms", "tasks/s", "platform", "virtual", "pinned", "check");

    /**
     * @param wide for the table: every column's contract name and each check's whole text, however
     *             wide; otherwise short headers and each check cut to fit {@value #TABLE_WIDTH} columns
     */
    public void print(List<Row> rows, PrintWriter out, boolean wide) {
        print(rows, out, wide, WIDE_GIVES_THEM_WHOLE);
    }

    /** What gets a cut check whole, where the command has no other way: {@code run}'s. */
    public static final String WIDE_GIVES_THEM_WHOLE = "--wide gives them whole";

    /**
     * As {@link #print(List, PrintWriter, boolean)}; {@code whole} says, where the table cut a check, what
     * gets it whole in this command ({@code compare} has {@code --format} too).
     */
    public void print(List<Row> rows, PrintWriter out, boolean wide, String whole) {
        switch (this) {
            case TABLE -> {
                if (wide) {
                    table(rows, out);
                } else {
                    narrowTable(rows, out, whole);
                }
                if (wrongWay(rows)) { // a line of its own: wrapped inside another, "not" ended up on the line above
                    Notes.note(out, WRONG_WAY_WORDS);
                }
            }
            case CSV -> csv(rows, out);
            case JSON -> json(rows, out);
            case MARKDOWN -> {
                markdown(rows, out);
                if (wrongWay(rows)) { // a paragraph of its own, as the notes under a markdown table are
                    out.println();
                    out.println(WRONG_WAY_WORDS);
                }
            }
        }
        out.flush();
    }

    /** Whether a human reads this format, so notes may follow the rows. */
    public boolean forPeople() {
        return this == TABLE || this == MARKDOWN;
    }

    private static List<String> cells(Row row, boolean detailInCheck) {
        String check = detailInCheck
                ? row.check().word() + ": " + oneLine(row.check().detail())
                : row.check().word();
        return List.of(
                row.pattern(),
                row.mode(),
                row.variant(),
                Integer.toString(row.tasks()),
                String.format(Locale.ROOT, "%.1f", row.wallMs()),
                String.format(Locale.ROOT, "%.0f", row.tasksPerSecond()),
                Integer.toString(row.peakPlatformThreads()),
                row.virtualThreads() < 0 ? "-" : Long.toString(row.virtualThreads()),
                Long.toString(row.pinned()),
                check);
    }

    /**
     * The table in {@value #TABLE_WIDTH} columns: short headers (a legend under the table names
     * them), and the check's verdict with as much of what it measured as fits, cut with an
     * ellipsis; a check that did not pass and would be cut goes on a line of its own below the row
     * (itself cut to the width); {@code whole} says what in this command gives them all.
     */
    private static void narrowTable(List<Row> rows, PrintWriter out, String whole) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(SHORT_HEADERS);
        rows.forEach(row -> lines.add(cells(row, true)));
        int[] widths = widths(lines, SHORT_HEADERS.size() - 1); // the check takes what is left
        int used = 0;
        for (int width : widths) {
            used += width + 2;
        }
        int checkWidth = TABLE_WIDTH - used;
        // Too narrow for a summary beside the verdict: the verdict stays in the row, and a check
        // that did not pass gets its summary on a line of its own below it.
        boolean below = checkWidth < MIN_SUMMARY;
        boolean cut = false;
        for (int r = 0; r < lines.size(); r++) {
            List<String> line = lines.get(r);
            String text = line(line, widths, 3);
            // A check that did not pass is what a reader came for: one that would be cut beside its verdict has its
            // whole line below the row (it lost most of itself in a run of pinning, whose long variant names left
            // 31 columns, where compare's wider rows put it below whole)
            // With too little room for summaries, a row whose whole text fits anyway keeps it.
            boolean summaryBelow = r > 0
                    && text.length() > TABLE_WIDTH
                    && (below || rows.get(r - 1).check().verdict() != dev.loompatterns.core.Check.Verdict.PASSED);
            if (!summaryBelow) {
                cut |= text.length() > TABLE_WIDTH;
                out.println(fit(text, TABLE_WIDTH));
                continue;
            }
            Row row = rows.get(r - 1);
            List<String> verdictOnly = new ArrayList<>(line);
            verdictOnly.set(line.size() - 1, row.check().word());
            out.println(line(verdictOnly, widths, 3));
            if (row.check().verdict() != dev.loompatterns.core.Check.Verdict.PASSED) {
                String summary =
                        "    " + row.check().word() + ": " + oneLine(row.check().detail());
                cut |= summary.length() > TABLE_WIDTH;
                out.println(fit(summary, TABLE_WIDTH));
            }
            cut |= below
                    && row.check().verdict() == dev.loompatterns.core.Check.Verdict.PASSED
                    && !row.check().detail().isEmpty();
        }
        Notes.note(out, legend("platform: peak_platform_threads, virtual: virtual_threads", cut, whole));
    }

    /**
     * What {@code shown} and {@code not shown} mean, where a row says one of them: "not shown" read to a
     * new user as a failure.
     */
    static boolean wrongWay(List<Row> rows) {
        return rows.stream().anyMatch(row -> switch (row.check().verdict()) {
            case DEMONSTRATED, NOT_SHOWN -> true;
            case PASSED, FAILED -> false;
        });
    }

    static final String WRONG_WAY_WORDS =
            "shown / not shown: a wrong-way variant's flaw was / was not seen in this run; neither fails";

    private static void table(List<Row> rows, PrintWriter out) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(COLUMNS);
        rows.forEach(row -> lines.add(cells(row, true)));
        int[] widths = widths(lines, COLUMNS.size() - 1);
        lines.forEach(line -> out.println(line(line, widths, 3)));
    }

    /**
     * One line of a table for people: each cell but the last padded to its column's width, the
     * first {@code left} aligned left and the others (figures) right, two spaces apart; then the
     * last cell, free text, unpadded.
     *
     * @param widths the width of each column but the last
     */
    public static String line(List<String> cells, int[] widths, int left) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(Math.max(0, widths[i] - cell.length()));
            text.append(i < left ? cell + pad : pad + cell).append("  ");
        }
        return text.append(cells.getLast()).toString();
    }

    /** The text, or as much of it as fits {@code width} columns with an ellipsis for the rest. */
    public static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "\u2026";
    }

    /**
     * The line under a table that fits {@value #TABLE_WIDTH} columns: what its short headers stand
     * for, then, when a check was cut, where to read it whole.
     */
    public static String legend(String shortHeaders, boolean cut, String whole) {
        return shortHeaders + (cut ? "; checks are cut to fit " + TABLE_WIDTH + " columns: " + whole : "");
    }

    /**
     * The text on one line, for a cell of a table for people: each line break ({@code \r\n}, {@code \n} or
     * a lone {@code \r}), with the spaces and tabs around it, becomes one space. A check's detail can span
     * lines (an exception's message, such as a pin assertion's); in a cell it would break the row.
     */
    static String oneLine(String text) {
        return LINE_BREAK.matcher(text).replaceAll(" ");
    }

    private static final Pattern LINE_BREAK = Pattern.compile("[ \t]*(?:\r\n|\r|\n)[ \t]*");

    /** The widest cell of each of the first {@code columns} columns. */
    private static int[] widths(List<List<String>> lines, int columns) {
        int[] widths = new int[columns];
        for (List<String> line : lines) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        return widths;
    }

    private static void csv(List<Row> rows, PrintWriter out) {
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(List.of("detail", "pinned_first_use", "pinned_recorder"));
        out.println(String.join(",", header));
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(cells(row, false));
            // for a program, not an eye: json's precision (a slow run's 0.3 tasks/s is not 0), and a count not made
            // as an empty field, which readers take for a missing value (pandas: NaN), not the table's '-'
            cells.set(COLUMNS.indexOf("wall_ms"), String.format(Locale.ROOT, "%.3f", row.wallMs()));
            cells.set(COLUMNS.indexOf("tasks_per_s"), String.format(Locale.ROOT, "%.1f", row.tasksPerSecond()));
            cells.set(
                    COLUMNS.indexOf("virtual_threads"),
                    row.virtualThreads() < 0 ? "" : Long.toString(row.virtualThreads()));
            cells.add(row.check().detail());
            cells.add(Long.toString(row.pinsApart().firstUse()));
            cells.add(Long.toString(row.pinsApart().recorder()));
            out.println(
                    String.join(",", cells.stream().map(ReportFormat::csvQuote).toList()));
        }
    }

    static String csvQuote(String cell) {
        // and a '#': a reader told to skip the notes' '#' lines (pandas' comment='#', as docs/cli.md gives it) takes
        // one anywhere outside quotes for a comment's start, and would cut the cell there
        if (cell.contains(",")
                || cell.contains("\"")
                || cell.contains("\n")
                || cell.contains("\r")
                || cell.contains("#")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    private static void json(List<Row> rows, PrintWriter out) {
        out.println("[");
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            out.printf(
                    Locale.ROOT,
                    "  {\"pattern\": %s, \"mode\": %s, \"variant\": %s, \"tasks\": %d, \"wall_ms\": %.3f,"
                        + " \"tasks_per_s\": %.1f, \"peak_platform_threads\": %d, \"virtual_threads\": %s, \"pinned\":"
                        + " %d, \"check\": %s, \"detail\": %s, \"repeats\": %d, \"spread\": %.3f, \"jit_ms\": %.3f,"
                        + " \"runs_wall_ms\": %s, \"runs_jit_ms\": %s, \"pinned_first_use\": %d, \"pinned_recorder\":"
                        + " %d, \"pinned_apart\": %s}%s%n",
                    jsonString(row.pattern()),
                    jsonString(row.mode()),
                    jsonString(row.variant()),
                    row.tasks(),
                    row.wallMs(),
                    row.tasksPerSecond(),
                    row.peakPlatformThreads(),
                    row.virtualThreads() < 0 ? "null" : Long.toString(row.virtualThreads()),
                    row.pinned(),
                    jsonString(row.check().word().toLowerCase(Locale.ROOT)),
                    jsonString(row.check().detail()),
                    row.repeats(),
                    row.spread(),
                    row.jitMs(),
                    jsonArray(row.runs().stream()
                            .map(run -> String.format(Locale.ROOT, "%.3f", run.wallMillis()))
                            .toList()),
                    jsonArray(row.runs().stream()
                            .map(run ->
                                    String.format(Locale.ROOT, "%.3f", run.jit().toNanos() / 1e6))
                            .toList()),
                    row.pinsApart().firstUse(),
                    row.pinsApart().recorder(),
                    jsonCounts(row.pinsApart().apart()),
                    r < rows.size() - 1 ? "," : "");
        }
        out.println("]");
    }

    private static String jsonCounts(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> jsonString(e.getKey()) + ": " + e.getValue())
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
            out.println("| "
                    + String.join(
                            " | ",
                            cells(row, true).stream()
                                    .map(ReportFormat::markdownCell)
                                    .toList()) + " |");
        }
    }

    /**
     * A cell's text as Markdown shows it as written: a {@code |} would end the cell, {@code <clinit>} is an HTML tag
     * GitHub drops, {@code lambda$run$0} has GitHub's math between its dollars, and {@code &} may start an entity.
     */
    static String markdownCell(String text) {
        return text.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("$", "\\$")
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
