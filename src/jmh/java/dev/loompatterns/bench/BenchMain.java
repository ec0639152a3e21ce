package dev.loompatterns.bench;

import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.core.MutedOnShutdown;

/**
 * The benchmarks jar's main class: JMH's own, which also stops the JVMs JMH forked when this JVM ends. Alone, JMH
 * left a fork running on a {@code kill -INT} of its own JVM (a supervisor's, a CI job's timeout, not Ctrl-C,
 * which signals the fork too): the fork ran on to the end of its iteration, 57 s of a {@code -r 60s} one, then
 * ended as it found its link to JMH closed. Its output is muted once the JVM shuts down ({@link MutedOnShutdown}):
 * JMH took the fork a signal had stopped for a failed benchmark, and printed its RunnerException's stack trace.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        ChildJvm.stopDescendantsOnExit();
        // before JMH starts: it takes System.out for its report as it starts, System.err where it fails
        System.setOut(MutedOnShutdown.of(System.out));
        System.setErr(MutedOnShutdown.of(System.err));
        try {
            org.openjdk.jmh.Main.main(args);
        } catch (java.util.regex.PatternSyntaxException e) {
            // JMH reads a benchmark's name as a regular expression and lets a bad one escape: a stack trace of 15
            // frames for 'bench [x'. One line instead, and the exit JMH gives a bad option
            System.err.println(badPattern(e));
            System.exit(1);
        }
    }

    /** A benchmark pattern JMH could not read, in one line: {@code '[x': Unclosed character class near index 1}. */
    static String badPattern(java.util.regex.PatternSyntaxException e) {
        return "loom bench: '" + e.getPattern() + "' is not a regular expression: " + e.getDescription()
                + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "");
    }
}
