package dev.loompatterns.inspect;

import dev.loompatterns.analysis.Finding;
import java.util.List;

/**
 * What {@code loom inspect} found in one recording, ready to print.
 *
 * @param file     the recording
 * @param bytes    its size
 * @param events    the events read
 * @param findings  one per rule, in the rules' order
 * @param bytesLost the bytes of events JFR dropped while recording ({@code jdk.DataLoss}), which no rule saw
 */
public record Report(String file, long bytes, long events, List<Finding> findings, long bytesLost) {

    public Report {
        findings = List.copyOf(findings);
    }

    /** A report of a recording that lost nothing. */
    public Report(String file, long bytes, long events, List<Finding> findings) {
        this(file, bytes, events, findings, 0);
    }

    /**
     * What the header says after the size and the count where JFR lost events, empty where it lost none: every count
     * of the findings may then be short (a census said "exact" of a recording that had dropped events).
     */
    public String lossInWords() {
        return bytesLost == 0
                ? ""
                : "JFR lost " + TextReport.size(bytesLost)
                        + " of events while recording (jdk.DataLoss: its buffers were"
                        + " full), so every count below may be short";
    }
}
