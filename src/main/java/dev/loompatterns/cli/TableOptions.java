package dev.loompatterns.cli;

import dev.loompatterns.engine.ReportFormat;
import dev.loompatterns.engine.Row;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --wide} option that {@code run}, {@code compare} and {@code scale} share, and the table printing it
 * chooses for {@code run} and {@code compare} ({@code scale} prints its own table and reads only the option).
 */
final class TableOptions {

    @Option(
            names = "--wide",
            description = "the table with every column's full name and each check's whole text, however wide "
                    + "(by default it fits 120 columns)")
    boolean wide;

    void print(ReportFormat format, List<Row> rows, PrintWriter out) {
        format.print(rows, out, wide); // flushes
    }

    /** As {@link #print(ReportFormat, List, PrintWriter)}; {@code whole} says what gets a cut check whole. */
    void print(ReportFormat format, List<Row> rows, PrintWriter out, String whole) {
        format.print(rows, out, wide, whole); // flushes
    }
}
