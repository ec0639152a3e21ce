package dev.loompatterns.inspect;

import dev.loompatterns.analysis.Finding;
import java.util.List;

/**
 * What {@code loom inspect} found in one recording, ready to print.
 *
 * @param file     the recording
 * @param bytes    its size
 * @param events   the events read
 * @param findings one per rule, in the rules' order
 */
public record Report(String file, long bytes, long events, List<Finding> findings) {

    public Report {
        findings = List.copyOf(findings);
    }
}
