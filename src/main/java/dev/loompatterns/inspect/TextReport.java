package dev.loompatterns.inspect;

import dev.loompatterns.analysis.Durations;
import dev.loompatterns.analysis.Finding;
import dev.loompatterns.jfr.VisibleText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The findings as text for a terminal: per rule, its severity, id and summary, the explanation,
 * and the details a person reads (numbers, and the first rows of each list); the series that only
 * a picture shows (timelines, histograms) are left to the HTML report. Every line fits
 * {@value #WIDTH} columns, as the CLI's tables do: a longer one wraps at its spaces, its next
 * lines indented to where its text began (under the summary, under the list item's text). A
 * command to copy into a shell ({@code slim_command}), and a single word longer than a line (a
 * long path), stay whole, however long.
 */
public final class TextReport {

    static final int ROWS = 5;
    /** The columns every line fits, as {@code loom compare}'s table (which this package may not use). */
    static final int WIDTH = 120;
    /** The explanation, a paragraph of prose, is wrapped narrower, for reading. */
    static final int PARAGRAPH_WIDTH = 100;

    /** How the name of a detail that is a command ends: printed on one line, never wrapped. */
    static final String COMMAND = "_command";

    private TextReport() {}

    public static void print(Report report, PrintWriter out) {
        // names from the recording (threads, pools, frames) may hold control characters: shown, not obeyed
        Consumer<String> println = line -> out.println(VisibleText.of(line));
        String recording = String.format(
                Locale.ROOT,
                "%s (%s, %s)",
                report.file(),
                size(report.bytes()),
                Durations.count(report.events(), "event"));
        wrap("Recording: ", recording, WIDTH).forEach(println);
        if (report.bytesLost() != 0) {
            wrap("  ", report.lossInWords() + ".", PARAGRAPH_WIDTH).forEach(println);
        }
        for (Finding finding : report.findings()) {
            println.accept("");
            wrap("[" + finding.severity().label() + "] " + finding.rule() + ": ", finding.summary(), WIDTH)
                    .forEach(println);
            if (!finding.explanation().isEmpty()) {
                explanation(finding).forEach(println);
            }
            finding.details().forEach((name, value) -> {
                if (!Finding.readable(name) || !finding.worthShowing(name)) {
                    return;
                }
                if (value instanceof List<?> list) {
                    if (list.isEmpty()) {
                        return;
                    }
                    println.accept("  " + name + ":");
                    list.stream()
                            .limit(ROWS)
                            .forEach(row -> wrap("    - ", row(row), WIDTH).forEach(println));
                    String more = more(list.size(), Finding.total(finding.details(), name));
                    if (!more.isEmpty()) {
                        println.accept("    " + more);
                    }
                } else if (name.endsWith(COMMAND)) {
                    println.accept("  " + name + ": " + row(value)); // to copy into a shell: one line, however long
                } else {
                    wrap("  " + name + ": ", named(name, value), WIDTH).forEach(println);
                }
            });
        }
        out.flush();
    }

    /**
     * What a list's rows leave out: those past {@link #ROWS}, which the JSON lists, and those the
     * finding did not keep ({@code total} beyond the {@code kept}); empty if nothing.
     */
    static String more(int kept, long total) {
        int inJson = Math.max(0, kept - ROWS);
        long notKept = Math.max(0, total - kept);
        if (notKept == 0) {
            return inJson == 0 ? "" : String.format(Locale.ROOT, "(%d more: --format json lists them)", inJson);
        }
        return String.format(
                Locale.ROOT,
                "(%d more%s; the report keeps %d of %d)",
                inJson + notKept,
                inJson == 0 ? "" : ": --format json lists " + inJson,
                kept,
                total);
    }

    /**
     * A detail's value by its name: an epoch-nanosecond time ({@link Finding#TIMES}) as a UTC
     * instant to the millisecond, which a person can match against {@code jfr print}'s times.
     */
    private static String named(String name, Object value) {
        if (value instanceof Number nanos && Finding.TIMES.contains(name)) {
            return Finding.instant(nanos.longValue());
        }
        return row(value);
    }

    /** A map of nothing to show, as a row gives it. */
    static final String NONE = "none";

    private static String row(Object value) {
        if (value == null) {
            return Finding.NOT_KNOWN;
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder();
            map.forEach((k, v) -> {
                if (Finding.readable(String.valueOf(k)) && !"advice".equals(k)) {
                    text.append(text.isEmpty() ? "" : ", ")
                            .append(k)
                            .append(' ')
                            .append(named(String.valueOf(k), v));
                }
            });
            return text.isEmpty() ? NONE : text.toString(); // "waited_in none", where it read "waited_in , ..."
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(TextReport::row).toList());
        }
        return String.valueOf(value);
    }

    /**
     * The finding's explanation, wrapped as prose, except that a command of its details ({@value #COMMAND}) that the
     * explanation quotes stays whole, on a line of its own where it is longer than a line: wrapped at its spaces, the
     * census's {@code jfr scrub} pasted into a shell as three commands.
     */
    static List<String> explanation(Finding finding) {
        String text = finding.explanation();
        for (Map.Entry<String, Object> detail : finding.details().entrySet()) {
            if (detail.getKey().endsWith(COMMAND) && detail.getValue() instanceof String command) {
                text = text.replace(command, command.replace(' ', UNBROKEN_SPACE));
            }
        }
        return wrap("  ", text, PARAGRAPH_WIDTH).stream()
                .map(line -> line.replace(UNBROKEN_SPACE, ' '))
                .toList();
    }

    /** Stands for a space that {@link #wrap} must not break at: a character of Unicode's private use area. */
    private static final char UNBROKEN_SPACE = '\uE000';

    /**
     * {@code text} in lines of at most {@code width} columns, broken at its spaces: the first
     * line begins with {@code lead}, the next ones with as many spaces, so they stand under the
     * text's start. A word longer than a line has room for stays whole on a line of its own. Control characters are
     * written out ({@link VisibleText}) before the words are measured, and a word is measured in the columns a
     * terminal gives it ({@link VisibleText#columns}: two for a CJK character).
     */
    static List<String> wrap(String lead, String text, int width) {
        // control characters written out first: a thread named "ctl\u001b[31mred" measured 10 wide, and printed 19,
        // past the width (a helper's hunt, 2026-12-07); what is written out has none left to write out again
        lead = VisibleText.of(lead);
        text = VisibleText.of(text);
        List<String> lines = new ArrayList<>();
        String indent = " ".repeat(VisibleText.columns(lead));
        StringBuilder line = new StringBuilder(lead);
        int columns = VisibleText.columns(lead);
        boolean empty = true;
        for (String word : text.split(" ")) {
            int wordColumns = VisibleText.columns(word);
            if (!empty && columns + 1 + wordColumns > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
                columns = indent.length();
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            columns += (empty ? 0 : 1) + wordColumns;
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    /** {@code 12.3 KB}, {@code 4.5 MB}. */
    public static String size(long bytes) {
        if (bytes < 0) {
            return "size unknown";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
