package dev.loompatterns.fidelity;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.core.Runner;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.engine.Cancellation;
import dev.loompatterns.engine.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the harness adds to a pattern's time, measured against the pattern's standalone example
 * doing the same work, in pairs in one JVM.
 *
 * <p>Each pair runs the example's {@code main} once (its three forms, each timed by the example's
 * own clock) and the harness's three modes once (timed by {@link Runner}), alternating which side
 * goes first. The overhead is the median over pairs of the harness's time over the example's: a
 * ratio taken between runs seconds apart cancels what drifts between them (the JIT still
 * compiling, other load on the machine), which medians taken side by side in separate JVMs did
 * not (docs/results.md). Both sides share the JVM, so the JIT compiles the JDK code they share
 * (the HTTP client, the scheduler) once for both.
 *
 * <p>The example is compiled from {@code examples/} at run time, so what is measured is the file a
 * reader runs, not a copy of it.
 */
public final class Fidelity {

    private Fidelity() {}

    /** The variant the harness's side runs: the pattern's first, its fault-free default. */
    public static Variant harnessVariant(Pattern pattern) {
        return pattern.variants().getFirst();
    }

    /** {@code examples/} beside the folder holding this project's jar (target/). */
    public static Path defaultExamples() {
        return Example.defaultFolder();
    }

    /** The source of the pairing's example in {@code dir}. */
    public static Path exampleSource(Path dir, Pairing pairing) throws IOException {
        return Example.source(dir, pairing.example());
    }

    /**
     * Runs {@code warmup} unmeasured pairs, then {@code pairs} measured ones. Stopped by Ctrl-C
     * ({@link Cancellation#requested()}) once a measured pair has finished, it returns the pairs finished
     * so far, fewer than asked, and drops the one under way.
     *
     * @param pattern the pairing's pattern
     * @return each mode's times, pair by pair, in mode order
     * @throws CannotCompare if the example does not compile, a side fails its check, or the example did other work
     */
    public static Map<Mode, Times> measure(
            Pairing pairing, Pattern pattern, Path source, int pairs, int warmup, Progress progress) throws Exception {
        Map<Mode, Workload> workloads = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            workloads.put(mode, Workload.resolve(pattern, mode, pairing.tasks(), pairing.params()));
        }
        Example example = Example.compile(source);
        example.check(pairing); // before any time is taken: an example that does other work is no pair
        Map<Mode, List<Double>> exampleMs = new EnumMap<>(Mode.class);
        Map<Mode, List<Double>> loomMs = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            exampleMs.put(mode, new ArrayList<>());
            loomMs.put(mode, new ArrayList<>());
        }
        Runner runner = new Runner();
        try {
            for (int pair = 0; pair < warmup + pairs; pair++) {
                String label = pair < warmup
                        ? "warm-up pair " + (pair + 1) + " of " + warmup
                        : "pair " + (pair - warmup + 1) + " of " + pairs;
                progress.show(pair + 1, warmup + pairs, label);
                Map<Mode, Double> standalone;
                Map<Mode, Double> loom;
                if (pair % 2 == 0) {
                    standalone = example.run(pairing);
                    loom = runHarness(runner, pattern, workloads);
                } else {
                    loom = runHarness(runner, pattern, workloads);
                    standalone = example.run(pairing);
                }
                if (Cancellation.requested()) { // a side Ctrl-C cut short may still have returned a time
                    if (exampleMs.get(Mode.PLATFORM).isEmpty()) {
                        throw new InterruptedException("stopped by Ctrl-C before a measured pair ended");
                    }
                    break; // the pairs before it stand
                }
                if (pair >= warmup) {
                    for (Mode mode : Mode.values()) {
                        exampleMs.get(mode).add(standalone.get(mode));
                        loomMs.get(mode).add(loom.get(mode));
                    }
                }
            }
        } catch (Exception stopped) {
            // whatever Ctrl-C made the pair under way throw: the pairs before it stand, if there are any
            if (!Cancellation.requested() || exampleMs.get(Mode.PLATFORM).isEmpty()) {
                throw stopped;
            }
        } finally {
            progress.clear();
        }
        Map<Mode, Times> times = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            times.put(mode, new Times(exampleMs.get(mode), loomMs.get(mode)));
        }
        return times;
    }

    private static Map<Mode, Double> runHarness(Runner runner, Pattern pattern, Map<Mode, Workload> workloads)
            throws InterruptedException, CannotCompare {
        Map<Mode, Double> times = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            RunReport report = runner.run(pattern, mode, harnessVariant(pattern), workloads.get(mode));
            if (!report.check().ok()) {
                throw new CannotCompare(pattern.id() + " " + mode.id() + " failed its check: "
                        + report.check().detail());
            }
            times.put(mode, report.wallMillis());
        }
        return times;
    }
}
