package dev.loompatterns.analysis;

import java.nio.file.Path;
import java.util.Set;

/**
 * What a command that a finding gives to paste (the census's {@code slim_command}) must know of the run that reads the
 * recording: how to call the tools where it runs, and the files that run writes besides (its report, a copy for JMC),
 * which the command must not write over.
 *
 * @param jfr     the {@code jfr} to call, as a shell word: a bare {@code jfr} found a JDK 17's on a review's PATH,
 *                which has no {@code scrub} ("unknown command 'scrub'"); {@code loom inspect} gives its own JDK's
 * @param loom    loom's launcher as the user called it ({@code ./loom}), as a shell word
 * @param written the files the run writes besides
 */
public record Pasted(String jfr, String loom, Set<Path> written) {

    /** Where nothing more is known (inside JMC): the tools by their names, on the PATH. */
    public static final Pasted PLAIN = new Pasted("jfr", "loom", Set.of());

    public Pasted {
        written = Set.copyOf(written);
    }
}
