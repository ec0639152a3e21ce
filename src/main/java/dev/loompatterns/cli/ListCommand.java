package dev.loompatterns.cli;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.Variant;
import dev.loompatterns.engine.Notes;
import dev.loompatterns.engine.ReportFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "list",
        description = {
            "List the catalogue: number, id, title and variants.",
            "With an ID, describe that pattern: its tutorial origin, variants and -P parameters."
        },
        footer = {"", "Examples:", "  loom list", "  loom list lock-counter"})
final class ListCommand extends LoomCommand {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "a pattern to describe: its id or its number")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (id != null) {
            describe(pattern(id), out);
            return 0;
        }
        // Every pattern runs in every mode: a modes column would say the same on each row. Fits 120
        // columns; 'list ID' has the rest.
        int idWidth = catalogue.ids().stream().mapToInt(String::length).max().orElse(2);
        int titleWidth = ReportFormat.TABLE_WIDTH - 4 - idWidth - 2;
        String format = "%-3s %-" + idWidth + "s  %s%n";
        out.printf(Locale.ROOT, format, "#", "id", "title, then its variants where it has more than one");
        for (Pattern pattern : catalogue.patterns()) {
            out.printf(
                    Locale.ROOT,
                    format,
                    String.format(Locale.ROOT, "%02d", pattern.number()),
                    pattern.id(),
                    ReportFormat.fit(pattern.title(), titleWidth));
            String variants = pattern.variants().stream().map(Variant::id).collect(Collectors.joining(", "));
            if (pattern.variants().size() > 1) {
                out.printf(Locale.ROOT, format, "", "", ReportFormat.fit("  " + variants, titleWidth));
            }
        }
        out.println();
        out.println(
                "'loom list ID' describes a pattern (ID: its id or its number); 'loom run ID' runs it; 'loom compare'"
                        + " runs them all.");
        return 0;
    }

    private static void describe(Pattern pattern, PrintWriter out) {
        out.printf("%s: %s%n", pattern.id(), pattern.title());
        out.printf("  tutorial:  %s%n", pattern.tutorial());
        out.printf("  modes:     %s%n", pattern.modes().stream().map(Mode::id).collect(Collectors.joining(", ")));
        // Locale.ROOT: an Arabic or Persian locale wrote the count in its own digits, the range beside it in ASCII
        out.printf(
                java.util.Locale.ROOT, "  tasks:     %d by default, %s%n", pattern.defaultTasks(), taskRanges(pattern));
        if (!pattern.info().task().isEmpty()) { // what --tasks counts: workers, items, requests, races, ticks...
            String under = " ".repeat("  tasks:     ".length());
            Notes.wrap(out, under, under, "a task is " + pattern.info().task());
        }
        out.println("  variants:");
        int width =
                pattern.variants().stream().mapToInt(v -> v.id().length()).max().orElse(0);
        // lines of at most the table's width (url-fetch's reached 227), each next line under its text
        for (Variant variant : pattern.variants()) {
            String lead = String.format(Locale.ROOT, "    %-" + width + "s  ", variant.id());
            Notes.wrap(out, lead, " ".repeat(lead.length()), variant.description());
        }
        if (!pattern.params().isEmpty()) {
            out.println("  parameters (-P name=value):");
            int paramWidth = pattern.params().stream()
                    .mapToInt(p -> p.synopsis().length())
                    .max()
                    .orElse(0);
            for (Param param : pattern.params()) {
                String lead = String.format(Locale.ROOT, "    %-" + paramWidth + "s  ", param.synopsis());
                Notes.wrap(out, lead, " ".repeat(lead.length()), param.description());
            }
        }
        out.printf("  package:   dev.loompatterns.%s%n", pattern.id().replace("-", ""));
        out.printf("  example:   %s%n", exampleFile(pattern));
    }

    /**
     * The {@code --tasks} a run takes, as {@code run} checks it: {@code 1..50}, or by mode where the modes differ
     * ({@code 1..20000 in platform mode, 1..5000000 in virtual and structured modes}). The limits were nowhere to be read:
     * a user learned daemon-threads' 50 from the refusal.
     */
    static String taskRanges(Pattern pattern) {
        Map<Integer, List<String>> modesByMax = new LinkedHashMap<>();
        for (Mode mode : pattern.modes()) {
            modesByMax
                    .computeIfAbsent(pattern.maxTasks(mode), max -> new ArrayList<>())
                    .add(mode.id());
        }
        if (modesByMax.size() == 1) {
            return "1.." + modesByMax.keySet().iterator().next();
        }
        return modesByMax.entrySet().stream()
                .map(e -> "1.." + e.getKey() + " in " + String.join(" and ", e.getValue()) + " mode"
                        + (e.getValue().size() == 1 ? "" : "s"))
                .collect(Collectors.joining(", "));
    }

    /** The pattern's example, {@code examples/E<number>_<Id in camel case>.java}: E11_UrlFetch.java. */
    static String exampleFile(Pattern pattern) {
        StringBuilder name = new StringBuilder();
        for (String word : pattern.id().split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return String.format(Locale.ROOT, "examples/E%02d_%s.java", pattern.number(), name);
    }
}
