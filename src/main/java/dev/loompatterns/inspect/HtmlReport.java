package dev.loompatterns.inspect;

import dev.loompatterns.analysis.Finding;
import java.io.IOException;
import java.io.Writer;

/**
 * The findings as one self-contained HTML page (no network): each finding with its evidence.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static void write(Report report, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>loom inspect: " + escape(report.file())
                + "</title></head><body>\n");
        out.write("<h1>loom inspect</h1><p id=\"file\">" + escape(report.file()) + "</p>\n");
        for (Finding finding : report.findings()) {
            out.write("<section class=\"finding\" data-rule=\"" + escape(finding.rule()) + "\" data-severity=\"" + finding.severity()
                    + "\"><h2>[" + finding.severity() + "] " + escape(finding.rule()) + "</h2><p class=\"summary\">"
                    + escape(finding.summary()) + "</p><p class=\"explanation\">" + escape(finding.explanation()) + "</p></section>\n");
        }
        out.write("</body></html>\n");
        out.flush();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
