package dev.loompatterns.inspect;

import dev.loompatterns.analysis.Durations;
import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.Severity;
import dev.loompatterns.jfr.VisibleText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The findings as one self-contained HTML page that needs no network to view: per rule its severity,
 * summary and explanation, the numbers as tiles, the evidence as tables, and pictures drawn with
 * Chart.js (inlined from the class path, see {@link ChartLibrary}): pins on a lane per carrier,
 * pins by cause, virtual threads alive over time and their lifetimes, queueing delays, the longest
 * stretches virtual threads were seen holding their carriers, the pools' blocked shares and waits for locks.
 *
 * <p>The report's JSON ({@link JsonReport#tree}) is embedded in a {@code <script
 * type="application/json">} element with {@code <}, {@code >} and {@code &} written as
 * {@code \}{@code u} escapes, so nothing from the recording can end the element; the page's own
 * script ({@code report.js} beside this class) reads it and draws. Everything else from the
 * recording (thread names, frames, pool names, the file name) is HTML-escaped. Without JavaScript,
 * or without Chart.js on the class path, the page still has everything but the pictures, whose
 * numbers are in folded tables. The pictures' data is bounded by what the rules keep (at most 2,000
 * pins, 500 census points); the tables of pin groups are not: a row a place that pinned.
 */
public final class HtmlReport {

    /** Details that hold milliseconds under other names ({@code blocked_in: {park: 12.5}}). */
    static final Set<String> IN_MS = Set.of("blocked_in", "waited_in");
    /** A string detail longer than this is a line of its own, not a tile. */
    static final int TILE_TEXT = 40;
    /** Under each picture of pins: what the faded ones are. */
    static final String SET_APART = "Faded: pins set apart, a class's first use or JFR's own, nothing to fix.";

    /**
     * A table cell's text longer than this, in code points, is cut to its first {@link #CELL_HEAD} and last
     * {@link #CELL_TAIL}: room for the longest advice (about 260) and a frame; a name of thousands is cut.
     */
    static final int CELL_TEXT = 300;

    static final int CELL_HEAD = 100;
    static final int CELL_TAIL = 30;

    /** A word of a summary or an explanation longer than this, in code points, is cut (see {@link #prose}). */
    static final int WORD = 120;

    static final int WORD_HEAD = 60;
    static final int WORD_TAIL = 20;
    private static final Pattern LONG_WORD = Pattern.compile("\\S{" + (WORD + 1) + ",}");

    /** Height of one carrier's lane in the pin timeline, in CSS pixels. */
    static final int LANE = 26;

    private static final String STYLE = resource("report.css");
    private static final String SCRIPT = resource("report.js");

    private HtmlReport() {}

    public static void write(Report report, Writer out) throws IOException {
        write(report, out, ChartLibrary.find());
    }

    static void write(Report report, Writer out, Optional<ChartLibrary> library) throws IOException {
        long origin = timeOrigin(report);
        StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\" data-charts=\"pending\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>loom inspect: ")
                .append(escape(report.file()))
                .append("</title>\n")
                .append("<style>\n")
                .append(STYLE)
                .append("</style>\n")
                // without scripts no picture is drawn: its empty box, up to 2,400 px tall, goes too (a review), and so
                // do its figure's border and caption, which hiding the canvas alone left (a helper's hunt)
                .append("<noscript><style>.charts { display: none; }</style></noscript>\n")
                // first of all scripts: errors of the library's or ours are caught and shown on the page
                .append(
                        "<script>window.loomErrors=[];window.addEventListener('error',function(e){window.loomErrors.push(String(e.message));});</script>\n")
                .append("</head><body>\n");
        header(page, report, origin);
        page.append("<main>\n");
        for (Finding finding : report.findings()) {
            section(page, finding, origin);
        }
        page.append("</main>\n<footer><p>Written by <code>loom inspect</code>. ");
        library.ifPresentOrElse(
                lib -> page.append("Charts drawn with ")
                        .append(ChartLibrary.NAME)
                        .append(' ')
                        .append(escape(lib.version()))
                        .append(" (")
                        .append(ChartLibrary.LICENSE)
                        .append("), inlined in this page with the report's data: it needs no network."),
                () -> page.append("<strong>No charts:</strong> ")
                        .append(ChartLibrary.NAME)
                        .append(" was not on the class path when this page was written (the org.webjars.npm:chart.js"
                                + " jar in target/lib)."));
        page.append("</p><p id=\"chart-errors\" hidden></p></footer>\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) visibleStrings(JsonReport.tree(report)));
        data.put("time_origin", origin);
        page.append("<script type=\"application/json\" id=\"loom-data\">")
                .append(jsonForScript(JsonReport.toJson(data)))
                .append("</script>\n");
        library.ifPresent(lib -> page.append("<script>\n").append(lib.script()).append("\n</script>\n"));
        page.append("<script>\n").append(SCRIPT).append("</script>\n</body></html>\n");
        out.write(page.toString());
        out.flush();
    }

    private static void header(StringBuilder page, Report report, long origin) {
        page.append("<header><h1>loom inspect</h1><p class=\"recording\"><span id=\"file\">")
                .append(escape(report.file()))
                .append("</span> &middot; ")
                .append(escape(TextReport.size(report.bytes())))
                .append(" &middot; ")
                .append(Durations.count(report.events(), "event"))
                .append("</p>\n");
        if (report.bytesLost() != 0) {
            page.append("<p class=\"lost\">")
                    .append(escape(report.lossInWords()))
                    .append(".</p>\n");
        }
        if (origin != 0) {
            page.append("<p class=\"origin\">Times read <code>+0.000 s</code> at ")
                    .append(Instant.ofEpochSecond(0, origin))
                    .append(", the first event the pictures show.</p>\n");
        }
        page.append("<noscript><p class=\"origin\">The pictures need JavaScript; the folded tables hold their"
                + " numbers.</p></noscript>\n<nav class=\"overview\">");
        for (Finding finding : report.findings()) {
            page.append("<a class=\"chip\" href=\"#")
                    .append(anchor(finding.rule()))
                    .append("\">")
                    .append(badge(finding))
                    .append(' ')
                    .append(escape(finding.rule()))
                    .append("</a>");
        }
        page.append("</nav></header>\n");
    }

    private static String badge(Finding finding) {
        Severity severity = finding.severity();
        return "<span class=\"badge " + severity.name().toLowerCase(Locale.ROOT) + "\">" + severity.label() + "</span>";
    }

    static String anchor(String rule) {
        return "rule-" + rule.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static void section(StringBuilder page, Finding finding, long origin) {
        String rule = escape(finding.rule());
        page.append("<section class=\"finding ")
                .append(finding.severity().name().toLowerCase(Locale.ROOT))
                .append("\" id=\"")
                .append(anchor(finding.rule()))
                .append("\" data-rule=\"")
                .append(rule)
                .append("\" data-severity=\"")
                .append(finding.severity())
                .append("\">\n<h2>")
                .append(badge(finding))
                .append(" <span class=\"rule\">")
                .append(rule)
                .append("</span></h2>\n<p class=\"summary\">")
                .append(prose(finding.summary()))
                .append("</p>\n");
        if (!finding.explanation().isEmpty()) {
            page.append("<p class=\"explanation\">")
                    .append(prose(finding.explanation()))
                    .append("</p>\n");
        }
        tiles(page, finding, origin);
        charts(page, finding);
        evidence(page, finding, origin);
        page.append("</section>\n");
    }

    /** The scalar details as tiles (short ones) and lines (long text, such as a command). */
    private static void tiles(StringBuilder page, Finding finding, long origin) {
        StringBuilder tiles = new StringBuilder();
        StringBuilder lines = new StringBuilder();
        finding.details().forEach((name, value) -> {
            if (Finding.FLAGS.contains(name)
                    || !finding.worthShowing(name)
                    || value instanceof List<?>
                    || value instanceof Map<?, ?>) {
                return;
            }
            String text = value(name, value, origin);
            if (value instanceof String s && s.length() > TILE_TEXT) {
                lines.append("<p class=\"fact\"><span class=\"label\">")
                        .append(escape(label(name)))
                        .append("</span> <code>")
                        .append(escape(text))
                        .append("</code></p>\n");
            } else {
                tiles.append("<div class=\"tile\" data-name=\"")
                        .append(escape(name))
                        .append("\"><span class=\"value\">")
                        .append(escape(text))
                        .append("</span><span class=\"label\">")
                        .append(escape(label(name)))
                        .append("</span></div>");
            }
        });
        if (!tiles.isEmpty()) {
            page.append("<div class=\"tiles\">").append(tiles).append("</div>\n");
        }
        page.append(lines);
    }

    /** A count of the finding's details, 0 where it has none (or null: not known). */
    private static long count(Finding finding, String name) {
        return finding.details().get(name) instanceof Number n ? n.longValue() : 0;
    }

    /** " (the 20 longest of 22)" where the finding cut its list, else nothing. */
    private static String kept(Finding finding, String list, String which) {
        long total = Finding.total(finding.details(), list);
        int kept = finding.list(list).size();
        return total > kept ? String.format(Locale.ROOT, " (the %,d %s of %,d)", kept, which, total) : "";
    }

    /** A figure per picture that this finding has data for; report.js draws into its canvas. */
    private static void charts(StringBuilder page, Finding finding) {
        List<String> figures = new ArrayList<>();
        switch (finding.rule()) {
            case "pinning" -> {
                List<Object> pins = finding.list("timeline");
                if (!pins.isEmpty()) {
                    Set<Object> carriers = new LinkedHashSet<>();
                    pins.forEach(pin -> carriers.add(pin instanceof Map<?, ?> m ? m.get("carrier") : null));
                    String caption =
                            "Pins on each carrier: a lane per carrier thread, a bar per pin from its start for its"
                                    + " duration, coloured by cause"
                                    + (Boolean.FALSE.equals(finding.details().get("timeline_complete"))
                                            ? String.format(
                                                    Locale.ROOT,
                                                    " (the earliest %,d pins of %s)",
                                                    pins.size(),
                                                    value(
                                                            "pins",
                                                            finding.details().get("pins"),
                                                            0))
                                            : "")
                                    + ". " + SET_APART;
                    figures.add(figure(finding, "pin-timeline", caption, 90 + LANE * carriers.size(), true));
                }
                if (!finding.list("by_cause").isEmpty()) {
                    figures.add(figure(
                            finding,
                            "pins-by-cause",
                            "Pins by cause: how many. " + SET_APART,
                            80 + 34 * finding.list("by_cause").size(),
                            false));
                    figures.add(figure(
                            finding,
                            "pinned-by-cause",
                            "Pins by cause: how long they held their carriers (ms). " + SET_APART,
                            80 + 34 * finding.list("by_cause").size(),
                            false));
                }
            }
            case "virtual-thread-census" -> {
                // where the summary says "at least", so do the pictures (a helper's hunt): as report.js's axes
                long unseenStart = count(finding, "ended_without_start") + count(finding, "alive_throughout");
                long cut = count(finding, "lifetimes_cut_at_edges");
                if (!finding.list("alive_over_time").isEmpty()) {
                    figures.add(figure(
                            finding,
                            "alive",
                            "Virtual threads alive over time: the most alive at once in each slice of the recording"
                                    + (unseenStart > 0
                                            ? ", at least (lower bounds: a thread alive through the recording that no"
                                                    + " event names is not counted)."
                                            : "."),
                            280,
                            true));
                }
                if (!finding.list("lifetimes").isEmpty()) {
                    figures.add(figure(
                            finding,
                            "lifetimes",
                            "Virtual thread lifetimes: how many lived up to each length (a doubling scale)"
                                    + (cut > 0
                                            ? String.format(
                                                    Locale.ROOT,
                                                    "; the lifetimes of %s alive at the recording's start or end"
                                                            + " are the part it saw: at least (lower bounds).",
                                                    Durations.count(cut, "thread"))
                                            : "."),
                            280,
                            true));
                }
            }
            case "queueing-delay" -> {
                if (!finding.list("histogram").isEmpty()) {
                    figures.add(figure(
                            finding,
                            "queueing",
                            "Waits from submission to start: how many waited up to each length (a doubling scale).",
                            280,
                            true));
                }
            }
            case "wakeup-delay" -> {
                if (!finding.list("histogram").isEmpty()) {
                    figures.add(figure(
                            finding,
                            "wakeups",
                            "How late virtual threads woke from their sleeps, asked for the recording's threshold or"
                                    + " more: how many woke up to each delay (a doubling scale).",
                            280,
                            true));
                }
            }
            case "carrier-hogging" -> {
                if (!finding.list("threads").isEmpty()) {
                    figures.add(figure(
                            finding,
                            "hogging",
                            "The longest stretch each virtual thread was seen holding its carrier (sampled, with no"
                                    + " recorded block that released it), on a lane per thread"
                                    + kept(finding, "threads", "longest")
                                    + ".",
                            90 + LANE * finding.list("threads").size(),
                            true));
                }
            }
            case "pool-candidate" -> {
                int pools = finding.list("candidates").size()
                        + finding.list("waiting_for_locks").size()
                        + finding.list("other_pools").size();
                if (pools > 0) {
                    figures.add(figure(
                            finding,
                            "pools",
                            "Share of each pool's time its threads spent blocked (a lower bound), then waiting to"
                                    + " take a lock (not counted as blocked)"
                                    + (((Number) finding.details().getOrDefault("no_stack_waits", 0)).longValue() > 0
                                            ? ", then waiting with no stack recorded (idle or not: not counted)"
                                            : "")
                                    + kept(finding, "waiting_for_locks", "pools waiting most for locks")
                                    + kept(finding, "other_pools", "most blocked other pools")
                                    + ".",
                            80 + 30 * pools,
                            true));
                }
            }
            default -> {}
        }
        if (!figures.isEmpty()) {
            page.append("<div class=\"charts\">\n");
            figures.forEach(page::append);
            page.append("</div>\n");
        }
    }

    private static String figure(Finding finding, String chart, String caption, int height, boolean wide) {
        return "<figure class=\"chart" + (wide ? " wide" : "") + "\"><figcaption>" + escape(caption)
                + "</figcaption><div class=\"canvas\" style=\"height:" + Math.min(height, 2400)
                + "px\"><canvas data-chart=\"" + chart
                + "\" data-rule=\"" + escape(finding.rule()) + "\" role=\"img\" aria-label=\"" + escape(caption)
                + "\"></canvas></div></figure>\n";
    }

    /** The list and map details as tables; those a chart shows are folded away. */
    private static void evidence(StringBuilder page, Finding finding, long origin) {
        StringBuilder tables = new StringBuilder();
        finding.details().forEach((name, value) -> {
            if (Finding.FLAGS.contains(name)) {
                return;
            }
            if (value instanceof List<?> list && !list.isEmpty()) {
                String table = list.stream().allMatch(row -> row instanceof Map<?, ?>)
                        ? table(name, list, origin)
                        : "<p>" + escape(cell(name, list, origin)) + "</p>";
                if (Finding.SERIES.contains(name)) { // a picture, its numbers in a folded table
                    tables.append("<details class=\"evidence\" data-name=\"")
                            .append(escape(name))
                            .append("\"><summary>")
                            .append(escape(label(name)))
                            .append(" (" + Durations.count(list.size(), "row") + ")")
                            .append("</summary>")
                            .append(table)
                            .append("</details>\n");
                } else {
                    long total = Finding.total(finding.details(), name);
                    tables.append("<h3>")
                            .append(escape(label(name)))
                            .append(
                                    total > list.size()
                                            ? String.format(
                                                    Locale.ROOT, " (%,d of %,d: the rest not kept)", list.size(), total)
                                            : "")
                            .append("</h3>\n")
                            .append(table);
                }
            } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                tables.append("<h3>")
                        .append(escape(label(name)))
                        .append("</h3>\n")
                        .append(table(name, List.of(map), origin));
            }
        });
        if (!tables.isEmpty()) {
            page.append("<div class=\"evidence\">\n").append(tables).append("</div>\n");
        }
    }

    private static String table(String name, List<?> rows, long origin) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> ((Map<?, ?>) row).keySet().forEach(key -> columns.add(String.valueOf(key))));
        StringBuilder table = new StringBuilder("<div class=\"scroll\"><table data-name=\"")
                .append(escape(name))
                .append("\"><thead><tr>");
        columns.forEach(
                column -> table.append("<th>").append(escape(label(column))).append("</th>"));
        table.append("</tr></thead><tbody>\n");
        Object adviceAbove = null;
        for (Object row : rows) {
            Map<?, ?> map = (Map<?, ?>) row;
            table.append("<tr>");
            for (String column : columns) {
                Object cell = map.get(column);
                boolean sameAdvice = column.equals(ADVICE) && cell != null && cell.equals(adviceAbove);
                if (column.equals(ADVICE)) {
                    adviceAbove = cell; // a row with none breaks the run: the next says its own
                }
                if (sameAdvice) {
                    // the advice of a cause, the same for each of its groups: a Jetty server's 28 class-loading rows
                    // each repeated its 260 characters (a helper's page)
                    table.append("<td class=\"same\" data-label=\"")
                            .append(escape(label(column)))
                            .append("\">")
                            .append(AS_ABOVE)
                            .append("</td>");
                    continue;
                }
                // a value the row gives as null is not known, as a tile says (it was blank: a helper's hunt); a column
                // the row does not have (a group's classified_from, where the event had a reason) stays blank
                String text = cell == null && !map.containsKey(column) ? "" : cell(column, cell, origin);
                // words short enough not to widen a table keep whole: SessionInputBufferImpl broke into
                // "SessionInputBuff" and "erImpl" in a narrow column, where every cell broke anywhere
                table.append(
                                cell instanceof Number
                                        ? "<td class=\"n\""
                                        : shortWords(text) ? "<td class=\"words\"" : "<td")
                        .append(" data-label=\"")
                        .append(escape(label(column)))
                        .append("\">")
                        .append(cellText(text))
                        .append("</td>");
            }
            table.append("</tr>\n");
        }
        return table.append("</tbody></table></div>\n").toString();
    }

    /**
     * A cell's text, escaped; longer than {@link #CELL_TEXT} code points, its start and end around an ellipsis, the
     * whole of it in a folded {@code <details>} under them. A thread named with 3,000 characters filled its cell,
     * dozens of lines high at 1,300 px and hundreds at 420 px, where the pictures cut it.
     */
    static String cellText(String raw) {
        String text = VisibleText.of(raw);
        int length = text.codePointCount(0, text.length());
        if (length <= CELL_TEXT) {
            return breakAtDots(escape(text));
        }
        return "<details class=\"long\"><summary>" + around(text, CELL_HEAD, CELL_TAIL) + " <span class=\"chars\">("
                + Durations.count(length, "character") + ")</span></summary><span class=\"whole\">"
                + escape(text) + "</span></details>";
    }

    /**
     * Escaped text with a place to break after each dot of a qualified name ({@code <wbr>} where a letter follows), so a
     * narrow column wraps {@code com.example.shop.UpcallSort.compareSleeping:92} between its names, not in one
     * ({@code Upc|allSort}, a review's screenshot at 1,280 px). A number's point ({@code 85.2}) and a sentence's full
     * stop are left alone.
     */
    static String breakAtDots(String escaped) {
        return DOT_BEFORE_A_NAME.matcher(escaped).replaceAll(".<wbr>");
    }

    private static final Pattern DOT_BEFORE_A_NAME = Pattern.compile("\\.(?=[A-Za-z_$]|&lt;)");

    /**
     * The longest word a cell keeps whole, in characters: {@code SessionInputBufferImpl} (22), a class's simple name, a
     * method's; a cell with a longer one breaks anywhere, as all did, so that no word can widen its table.
     */
    static final int WHOLE_WORD = 40;

    /** Whether a cell's text is shown whole ({@link #CELL_TEXT}) and has no word past {@link #WHOLE_WORD}. */
    static boolean shortWords(String raw) {
        String text = VisibleText.of(raw);
        return text.codePointCount(0, text.length()) <= CELL_TEXT && longestWord(text) <= WHOLE_WORD;
    }

    /**
     * The length of the longest run of {@code text} that a line cannot break inside: between white space, hyphens,
     * slashes and the dots {@link #breakAtDots} breaks after.
     */
    static int longestWord(String text) {
        int longest = 0;
        for (String word : WORD_BREAK.split(text)) {
            longest = Math.max(longest, word.codePointCount(0, word.length()));
        }
        return longest;
    }

    private static final Pattern WORD_BREAK = Pattern.compile("\\s+|(?<=[-/])|\\.(?=[A-Za-z_$<])");

    /**
     * A summary's or an explanation's text, escaped, each word (a run without white space) of more than
     * {@link #WORD} code points cut to its first {@link #WORD_HEAD} and last {@link #WORD_TAIL}, whole in the
     * title of its span: a summary naming a thread of 3,000 characters was 75 lines of bold text at 420 px (the
     * table below it has the name whole).
     */
    static String prose(String raw) {
        String text = VisibleText.of(raw);
        Matcher words = LONG_WORD.matcher(text);
        StringBuilder shown = new StringBuilder(text.length() + 16);
        int done = 0;
        while (words.find()) {
            String word = words.group();
            if (word.codePointCount(0, word.length()) > WORD) {
                shown.append(escape(text.substring(done, words.start())))
                        .append("<span class=\"cut\" title=\"")
                        .append(escape(word))
                        .append("\">")
                        .append(around(word, WORD_HEAD, WORD_TAIL))
                        .append("</span>");
                done = words.end();
            }
        }
        return shown.append(escape(text.substring(done))).toString();
    }

    /** text's first head and last tail code points, escaped, around an ellipsis. */
    private static String around(String text, int head, int tail) {
        int length = text.codePointCount(0, text.length());
        return escape(text.substring(0, text.offsetByCodePoints(0, head))) + "\u2026"
                + escape(text.substring(text.offsetByCodePoints(0, length - tail)));
    }

    /** A table cell: a value, or a list or map of them on one line. */
    private static String cell(String name, Object value, long origin) {
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(
                    label(String.valueOf(k)) + " " + cell(IN_MS.contains(name) ? name : String.valueOf(k), v, origin)));
            return String.join(", ", parts);
        }
        if (value instanceof List<?> list) {
            return String.join(
                    ", ", list.stream().map(v -> cell(name, v, origin)).toList());
        }
        return value(name, value, origin);
    }

    /** The column of a rule's advice for a group, said once for the rows in a row that share it. */
    static final String ADVICE = "advice";

    /** What a row's advice cell says where its advice is the row above's. */
    static final String AS_ABOVE = "as above";

    /** The details that are a share of a pool's time, from 0 to 1: said as a percentage. */
    static final Set<String> SHARES = Set.of("blocked_share", "lock_wait_share", "blocked_share_of_work");

    /** A value as a person reads it: grouped digits, ms and shares with their unit, times from the origin. */
    static String value(String name, Object value, long origin) {
        if (value == null) {
            return Finding.NOT_KNOWN;
        }
        if (value instanceof Number number && Finding.TIMES.contains(name) && origin != 0) {
            return String.format(Locale.ROOT, "+%.3f s", (number.longValue() - origin) / 1e9);
        }
        String unit = name.endsWith("_ms") || IN_MS.contains(name) ? " ms" : "";
        if (SHARES.contains(name) && value instanceof Number share) {
            return String.format(Locale.ROOT, "%.0f%%", share.doubleValue() * 100);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.format(Locale.ROOT, "%,d", (long) d) + unit;
            }
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString() + unit;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue()) + unit;
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return String.valueOf(value) + unit;
    }

    /**
     * Where a detail's name, read as words, would say less than it holds: {@code code_pinned_ms} is the time of the
     * code's pins and of the slow first uses, both warned of, beside a tile of the code's pins alone; queueing-delay's
     * {@code longest_task} is an id, which "longest task" under "15" made read as a count.
     */
    private static final Map<String, String> LABELS = Map.of(
            "code_pinned_ms", "held by the pins warned of", "longest_task", "id of the task that waited longest");

    /** {@code longest_run_ms} reads "longest run"; a few read as {@link #LABELS} say. */
    static String label(String name) {
        if (LABELS.containsKey(name)) {
            return LABELS.get(name);
        }
        String words = name.endsWith("_ms") ? name.substring(0, name.length() - 3) : name;
        return words.replace('_', ' ');
    }

    /**
     * The earliest time the pictures show, in epoch nanoseconds: their x axes and the times in the
     * tables count from it. 0 if the report has no times.
     */
    static long timeOrigin(Report report) {
        long origin = Long.MAX_VALUE;
        for (Finding finding : report.findings()) {
            for (String series : List.of("timeline", "alive_over_time", "threads")) {
                for (Object row : finding.list(series)) {
                    if (row instanceof Map<?, ?> map) {
                        for (String key : List.of("time", "start")) {
                            if (map.get(key) instanceof Number n && n.longValue() > 0) {
                                origin = Math.min(origin, n.longValue());
                            }
                        }
                    }
                }
            }
            if (finding.details().get("peak_at") instanceof Number n && n.longValue() > 0) {
                origin = Math.min(origin, n.longValue());
            }
        }
        return origin == Long.MAX_VALUE ? 0 : origin;
    }

    /** Text for an HTML element or a quoted attribute. */
    static String escape(String raw) {
        // control characters and bidi overrides written out, as the text report does: a thread named with
        // U+202E showed the rest of its line backwards
        String text = VisibleText.of(raw);
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * The report's data with every string as {@link VisibleText#of} writes it, for the charts'
     * labels and tooltips: they showed a thread's right-to-left override reordered ("new linelive" for
     * {@code new\nline\u202Eevil}) where the tables, escaped, show it written out.
     */
    static Object visibleStrings(Object value) {
        if (value instanceof String s) {
            return VisibleText.of(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> shown = new LinkedHashMap<>();
            map.forEach((key, inner) -> shown.put(key, visibleStrings(inner)));
            return shown;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(HtmlReport::visibleStrings).toList();
        }
        return value;
    }

    /**
     * JSON that can stand inside a {@code <script>} element: {@code <}, {@code >} and {@code &}
     * (which occur only inside JSON strings) and the line separators U+2028/2029 become
     * {@code \}{@code uXXXX} escapes, so no {@code </script>} or {@code <!--} is left and the parsed
     * value is the same.
     */
    static String jsonForScript(String json) {
        StringBuilder safe = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<', '>', '&', '\u2028', '\u2029' -> safe.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the HTML report's " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
