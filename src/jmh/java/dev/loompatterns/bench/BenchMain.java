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
        org.openjdk.jmh.Main.main(args);
    }
}
