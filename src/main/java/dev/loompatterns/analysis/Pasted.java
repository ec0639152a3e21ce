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
 * @param slim    the copy without the virtual threads' starts, ends, sleeps and parks that the run writes
 *                ({@code loom inspect --slim}), or null: the command to make one names it, not a name of its own (a
 *                review's run that wrote {@code edge/churn-slim.jfr} said to make {@code rec/churn-slim.jfr})
 */
public record Pasted(String jfr, String loom, Set<Path> written, Path slim) {

    /** Where nothing more is known (inside JMC): the tools by their names, on the PATH. */
    public static final Pasted PLAIN = new Pasted("jfr", "loom", Set.of(), null);

    public Pasted {
        written = Set.copyOf(written);
    }
}
