package dev.loompatterns.cli;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Typo;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.engine.Cancellation;
import dev.loompatterns.engine.Notes;
import dev.loompatterns.engine.Progress;
import dev.loompatterns.engine.Statistics;
import dev.loompatterns.fidelity.CannotCompare;
import dev.loompatterns.fidelity.Fidelity;
import dev.loompatterns.fidelity.Pairing;
import dev.loompatterns.fidelity.Times;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loom fidelity ID}: the options, and the table of what {@link Fidelity} measured. */
@Command(
        name = "fidelity",
        description = {
            "Measure what the harness adds to a pattern's time, against the pattern's standalone example.",
            "Both do the same work, in alternating pairs in one JVM; the overhead is the median over pairs of"
                    + " harness / example - 1, with a 95%% interval."
        },
        footer = {
            "",
            "Patterns with a like-for-like example: thread-basics (E01), url-fetch (E11).",
            "Examples:",
            "  loom fidelity thread-basics",
            "  loom fidelity url-fetch --pairs 31"
        })
final class FidelityCommand extends LoomCommand {

    static final int MAX_PAIRS = 1_000;

    @Parameters(index = "0", paramLabel = "ID", description = "thread-basics or url-fetch (or their numbers, 1 and 11)")
    String id;

    @Option(
            names = "--pairs",
            paramLabel = "N",
            description = "measured pairs, each the example once and the harness once in each mode: 1 to " + MAX_PAIRS
                    + " (default: 11 for"
                    + " thread-basics, 101 for url-fetch)")
    Integer pairs;

    @Option(
            names = "--warmup",
            paramLabel = "W",
            description =
                    "unmeasured pairs first: 0 to " + MAX_PAIRS + " (default: 3 for thread-basics, 30 for url-fetch)")
    Integer warmup;

    @Option(
            names = "--examples",
            paramLabel = "DIR",
            description = "the examples folder (default: examples/ beside the jar's target/)")
    Path examples;

    @Override
    public Integer call() throws Exception {
        String patternId = id(id);
        if (!catalogue.ids().contains(patternId)) { // not "no example paired with", as if it were a pattern
            String near = Typo.nearest(
                    patternId, Pairing.all().stream().map(Pairing::patternId).toList());
            throw new UsageException("unknown pattern '" + patternId + "'"
                    + (near == null ? "" : " (did you mean '" + near + "'?)")
                    + "; fidelity takes "
                    + Pairing.all().stream()
                            .map(pairing -> pairing.patternId() + " ("
                                    + catalogue.find(pairing.patternId()).number() + ")")
                            .collect(Collectors.joining(" or ")));
        }
        Pairing pairing = Pairing.of(patternId);
        int pairs = this.pairs == null ? pairing.pairs() : this.pairs;
        int warmup = this.warmup == null ? pairing.warmup() : this.warmup;
        UsageException.requireRange("--pairs", pairs, 1, MAX_PAIRS);
        UsageException.requireRange("--warmup", warmup, 0, MAX_PAIRS);
        if (examples != null) { // empty, the current folder: "no E01_*.java in ;"
            requireName(examples.toString(), "--examples", "give the examples folder");
        }
        Path source = Fidelity.exampleSource(examples == null ? Fidelity.defaultExamples() : examples, pairing);
        requireTemporaryFolder("JFR keeps its repository there"); // its two patterns start no child JVM
        try {
            Map<Mode, Times> times = Fidelity.measure(
                    pairing, catalogue.find(pairing.patternId()), source, pairs, warmup, Progress.onTerminal(err()));
            int measured = times.get(Mode.PLATFORM).example().size();
            print(pairing, source, measured, pairs, warmup, times, out());
            if (measured < pairs) { // stopped by Ctrl-C: what finished is printed, the exit says it stopped
                throw new InterruptedException("interrupted after " + measured + " of " + pairs + " pairs");
            }
            return LoomCli.EXIT_OK;
        } catch (CannotCompare failed) {
            if (Cancellation.requested()) { // what failed, failed because of Ctrl-C: not the example's fault
                throw new InterruptedException("interrupted: " + failed.getMessage());
            }
            err().println("loom: fidelity: " + LoomCli.oneLine(failed.getMessage()));
            return LoomCli.EXIT_CHECK_FAILED;
        }
    }

    /**
     * The table: per mode, each side's median and range, and the paired ratio's median and range; of {@code
     * pairs} measured pairs, fewer than the {@code asked} where Ctrl-C stopped the run.
     */
    void print(
            Pairing pairing, Path source, int pairs, int asked, int warmup, Map<Mode, Times> times, PrintWriter out) {
        boolean interval = pairs >= Statistics.MIN_VALUES_FOR_INTERVAL;
        out.printf(
                Locale.ROOT,
                "%-10s %-22s %-22s %s%n",
                "mode",
                "example ms (range)",
                "loom ms (range)",
                "overhead: median "
                        + (interval
                                ? "(95% confidence interval)"
                                : "(range; " + Statistics.MIN_VALUES_FOR_INTERVAL
                                        + " pairs or more give a 95% interval)"));
        for (Map.Entry<Mode, Times> entry : times.entrySet()) {
            Times t = entry.getValue();
            List<Double> ratios = t.ratios();
            double[] bounds = interval
                    ? Statistics.medianInterval(ratios)
                    : new double[] {Statistics.min(ratios), Statistics.max(ratios)};
            out.printf(
                    Locale.ROOT,
                    "%-10s %-22s %-22s %+6.1f%% (%+.1f%% to %+.1f%%)%n",
                    entry.getKey().id(),
                    medianAndRange(t.example()),
                    medianAndRange(t.loom()),
                    percentOver(Statistics.median(ratios)),
                    percentOver(bounds[0]),
                    percentOver(bounds[1]));
        }
        out.println();
        Notes.note(
                out,
                String.format(
                        Locale.ROOT,
                        "%s%d pair%s after %d warm-up pair%s in one JVM: %s (%s) against 'loom compare %s --variants %s"
                                + " --tasks %d %s',"
                                + " alternating which side runs first. The ms columns give each side's median over the"
                                + " pairs and its range; the overhead is the median over pairs of loom / example - 1%s",
                        pairs < asked
                                ? "Stopped after " + pairs + " of " + asked + " pairs (Ctrl-C, TERM or HUP): "
                                : "",
                        pairs,
                        pairs == 1 ? "" : "s",
                        warmup,
                        warmup == 1 ? "" : "s",
                        source.getFileName(),
                        pairing.example(),
                        pairing.patternId(),
                        Fidelity.harnessVariant(catalogue.find(pairing.patternId()))
                                .id(),
                        pairing.tasks(),
                        String.join(
                                " ",
                                pairing.params().entrySet().stream()
                                        .sorted(Map.Entry.comparingByKey())
                                        .map(e -> "-P " + e.getKey() + "=" + e.getValue())
                                        .toList()),
                        interval
                                ? "; its interval is distribution-free (order statistics of the pairs' ratios)."
                                : ". With "
                                        + (pairs == 1
                                                ? "one pair there is no spread to see"
                                                : pairs + " pairs the" + " range is all there is")
                                        + ": two runs of one program differ by tens of"
                                        + " percent here, so a figure this short says little; --pairs "
                                        + Statistics.MIN_VALUES_FOR_INTERVAL + " or more give an interval."));
        out.flush();
    }

    private static String medianAndRange(List<Double> ms) {
        return String.format(
                Locale.ROOT, "%.0f (%.0f-%.0f)", Statistics.median(ms), Statistics.min(ms), Statistics.max(ms));
    }

    /**
     * How far above 1 a ratio is, in percent to one decimal: a ratio a hair under 1 is "+0.0", where the format alone
     * printed "-0.0" ("-29.9% to -0.0%").
     */
    static double percentOver(double ratio) {
        return Math.round((ratio - 1) * 1000) / 10.0; // rounded as a long, which has no -0
    }
}
