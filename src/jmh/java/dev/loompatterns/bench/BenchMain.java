package dev.loompatterns.bench;

import dev.loompatterns.core.ChildJvm;

/**
 * The benchmarks jar's main class: JMH's own, which also stops the JVMs JMH forked when this JVM ends. Alone, JMH
 * left a fork running on a {@code kill -INT} of its own JVM (a supervisor's, a CI job's timeout, not Ctrl-C,
 * which signals the fork too): the fork ran on to the end of its iteration, 57 s of a {@code -r 60s} one, then
 * ended as it found its link to JMH closed.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        ChildJvm.stopDescendantsOnExit();
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
