package dev.loompatterns.cli;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.core.Runner;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Workload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code loom fidelity ID}: what the harness adds to a pattern's time, measured against the
 * pattern's standalone example doing the same work, in pairs in one JVM.
 *
 * <p>Each pair runs the example's {@code main} once (its three forms, each timed by the example's
 * own clock) and the harness's three modes once (timed by {@link Runner}), alternating which side
 * goes first. The overhead is the median over pairs of the harness's time over the example's: a
 * ratio taken between runs seconds apart cancels what drifts between them (the JIT still
 * compiling, other load on the machine), which medians taken side by side in separate JVMs did
 * not (README, Results). Both sides share the JVM, so the JIT compiles the JDK code they share
 * (the HTTP client, the scheduler) once for both.
 *
 * <p>The example is compiled from {@code examples/} at run time, so what is measured is the file a
 * reader runs, not a copy of it.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure what the harness adds to a pattern's time, against the pattern's standalone example.",
                "Both do the same work, in alternating pairs in one JVM; the overhead is the median over pairs of",
                "harness / example - 1, with a 95% interval."},
        footer = {"", "Patterns with a like-for-like example: thread-basics (E01), url-fetch (E11).",
                "Examples:", "  loom fidelity thread-basics", "  loom fidelity url-fetch --pairs 31"})
final class FidelityCommand implements Callable<Integer> {

    static final int MAX_PAIRS = 1_000;

    /**
     * A pattern, the example that does its work standalone, the harness's workload that matches the
     * example's constants, and the pairs that resolve 5% on 2 cores (README, Results).
     */
    record Pairing(String patternId, String example, int tasks, Map<String, String> params, int pairs, int warmup) {
    }

    static final List<Pairing> PAIRINGS = List.of(
            // About 2 minutes on 2 cores.
            new Pairing("thread-basics", "E01", 10_000, Map.of("sleep-ms", "500"), 11, 3),
            // One group of 1,000 forks: E11 has one flat scope. Runs of about 150 ms vary by up to
            // 1.8x, so it takes 101 pairs (8.5 minutes) for an interval narrower than 5 points.
            new Pairing("url-fetch", "E11", 1_000, Map.of("latency-ms", "50", "workers", "50", "group-size", "1000"), 101, 30));

    private static final Mode[] MODES = {Mode.PLATFORM, Mode.VIRTUAL, Mode.STRUCTURED};

    /** An example's line: "platform   10000 workers done in  2919 ms, ..." or "pool(50)   1000 bodies in  1674 ms ...". */
    private static final java.util.regex.Pattern EXAMPLE_LINE =
            java.util.regex.Pattern.compile("^(\\S+)\\s+(\\d+) (?:workers done|bodies) in\\s+(\\d+) ms");

    private final Catalogue catalogue;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "thread-basics or url-fetch")
    String id;

    @Option(names = "--pairs", paramLabel = "N",
            description = "measured pairs, each the example once and the harness once in each mode (default: 11 for thread-basics, 101 for url-fetch)")
    Integer pairs;

    @Option(names = "--warmup", paramLabel = "W", description = "unmeasured pairs first (default: 3 for thread-basics, 30 for url-fetch)")
    Integer warmup;

    @Option(names = "--examples", paramLabel = "DIR", description = "the examples folder (default: examples/ beside the jar's target/)")
    Path examples;

    FidelityCommand(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Why the sides cannot be compared: the example does not compile, a side failed its check, or the example did other work. */
    static final class CannotCompare extends Exception {
        CannotCompare(String message) {
            super(message);
        }
    }

    /** One mode's times: the example's and the harness's, pair by pair. */
    record Times(List<Double> example, List<Double> loom) {
        Times {
            example = List.copyOf(example);
            loom = List.copyOf(loom);
        }

        /** The harness's time over the example's, pair by pair. */
        List<Double> ratios() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < example.size(); i++) {
                ratios.add(loom.get(i) / example.get(i));
            }
            return ratios;
        }
    }

    @Override
    public Integer call() throws Exception {
        Pairing pairing = PAIRINGS.stream().filter(p -> p.patternId().equals(id)).findFirst()
                .orElseThrow(() -> new UsageException("fidelity has no example paired with '" + id + "'; it pairs "
                        + String.join(", ", PAIRINGS.stream().map(p -> p.patternId() + " (" + p.example() + ")").toList())));
        int pairs = this.pairs == null ? pairing.pairs() : this.pairs;
        int warmup = this.warmup == null ? pairing.warmup() : this.warmup;
        if (pairs < 1 || pairs > MAX_PAIRS) {
            throw new UsageException("--pairs must be from 1 to " + MAX_PAIRS + ", got " + pairs);
        }
        if (warmup < 0 || warmup > MAX_PAIRS) {
            throw new UsageException("--warmup must be from 0 to " + MAX_PAIRS + ", got " + warmup);
        }
        Path source = exampleSource(examples == null ? defaultExamples() : examples, pairing.example());
        Pattern pattern = catalogue.find(pairing.patternId());
        Map<Mode, Workload> workloads = new EnumMap<>(Mode.class);
        for (Mode mode : MODES) {
            workloads.put(mode, Workload.resolve(pattern, mode, pairing.tasks(), pairing.params()));
        }

        Path classes = Files.createTempDirectory("loom-fidelity-");
        try (Compiled compiled = compile(source, classes)) {
            Method main = compiled.main();
            Map<Mode, List<Double>> exampleMs = new EnumMap<>(Mode.class);
            Map<Mode, List<Double>> loomMs = new EnumMap<>(Mode.class);
            for (Mode mode : MODES) {
                exampleMs.put(mode, new ArrayList<>());
                loomMs.put(mode, new ArrayList<>());
            }
            Progress progress = Progress.onTerminal(spec.commandLine().getErr());
            Runner runner = new Runner();
            try {
                for (int pair = 0; pair < warmup + pairs; pair++) {
                    String label = pair < warmup ? "warm-up pair " + (pair + 1) + " of " + warmup : "pair " + (pair - warmup + 1) + " of " + pairs;
                    progress.show(pair + 1, warmup + pairs, label);
                    Map<Mode, Double> example;
                    Map<Mode, Double> loom;
                    if (pair % 2 == 0) {
                        example = runExample(main, pairing);
                        loom = runHarness(runner, pattern, workloads);
                    } else {
                        loom = runHarness(runner, pattern, workloads);
                        example = runExample(main, pairing);
                    }
                    if (pair >= warmup) {
                        for (Mode mode : MODES) {
                            exampleMs.get(mode).add(example.get(mode));
                            loomMs.get(mode).add(loom.get(mode));
                        }
                    }
                }
            } finally {
                progress.clear();
            }
            Map<Mode, Times> times = new EnumMap<>(Mode.class);
            for (Mode mode : MODES) {
                times.put(mode, new Times(exampleMs.get(mode), loomMs.get(mode)));
            }
            print(pairing, source, pairs, warmup, times, spec.commandLine().getOut());
            return LoomCli.EXIT_OK;
        } catch (CannotCompare failed) {
            spec.commandLine().getErr().println("loom: fidelity: " + failed.getMessage());
            return LoomCli.EXIT_CHECK_FAILED;
        } finally {
            deleteTree(classes);
        }
    }

    /** The table: per mode, each side's median and range, and the paired ratio's median and range. */
    static void print(Pairing pairing, Path source, int pairs, int warmup, Map<Mode, Times> times, PrintWriter out) {
        boolean interval = pairs >= MIN_PAIRS_FOR_INTERVAL;
        out.printf(Locale.ROOT, "%-10s %-22s %-22s %s%n", "mode", "example ms (range)", "loom ms (range)",
                "overhead: median " + (interval ? "(95% confidence interval)" : "(range; 6 pairs or more give a 95% interval)"));
        for (Map.Entry<Mode, Times> entry : times.entrySet()) {
            Times t = entry.getValue();
            List<Double> ratios = t.ratios();
            double[] bounds = interval ? medianInterval(ratios) : new double[] {min(ratios), max(ratios)};
            out.printf(Locale.ROOT, "%-10s %-22s %-22s %+6.1f%% (%+.1f%% to %+.1f%%)%n", entry.getKey().id(),
                    String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", median(t.example()), min(t.example()), max(t.example())),
                    String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", median(t.loom()), min(t.loom()), max(t.loom())),
                    (median(ratios) - 1) * 100, (bounds[0] - 1) * 100, (bounds[1] - 1) * 100);
        }
        out.println();
        out.printf(Locale.ROOT, "%d pair%s after %d warm-up pair%s in one JVM: %s (%s) against 'loom compare %s --tasks %d %s',%n",
                pairs, pairs == 1 ? "" : "s", warmup, warmup == 1 ? "" : "s", source.getFileName(), pairing.example(),
                pairing.patternId(), pairing.tasks(),
                String.join(" ", pairing.params().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> "-P " + e.getKey() + "=" + e.getValue()).toList()));
        out.println("alternating which side runs first. The overhead is the median over pairs of loom / example - 1"
                + (interval ? "; its interval is distribution-free (order statistics of the pairs' ratios)." : "."));
        out.flush();
    }

    /** The example's three forms, run once by its main, timed by its own clock. */
    private static Map<Mode, Double> runExample(Method main, Pairing pairing) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) new String[] {"1"});
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            System.setOut(stdout);
        }
        return parseExample(captured.toString(StandardCharsets.UTF_8), pairing);
    }

    /** The example's lines as a time per mode; a line that is missing, failed or counts other work is an error. */
    static Map<Mode, Double> parseExample(String output, Pairing pairing) throws CannotCompare {
        Map<Mode, Double> times = new EnumMap<>(Mode.class);
        for (String line : output.lines().toList()) {
            Matcher m = EXAMPLE_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String form = m.group(1);
            Mode mode = form.startsWith("pool(") ? Mode.PLATFORM
                    : Arrays.stream(MODES).filter(candidate -> candidate.id().equals(form)).findFirst()
                            .orElseThrow(() -> new CannotCompare(pairing.example() + " printed a form that is not a mode: " + line.strip()));
            if (Integer.parseInt(m.group(2)) != pairing.tasks() || line.contains("FAILED") || line.contains("WRONG")) {
                throw new CannotCompare(pairing.example() + " did not do the harness's work (" + pairing.tasks() + " tasks): " + line.strip());
            }
            times.put(mode, Double.parseDouble(m.group(3)));
        }
        if (times.size() != MODES.length) {
            throw new CannotCompare(pairing.example() + " printed a time for " + times.keySet() + ", not for each mode: " + output.strip());
        }
        return times;
    }

    private static Map<Mode, Double> runHarness(Runner runner, Pattern pattern, Map<Mode, Workload> workloads)
            throws InterruptedException, CannotCompare {
        Map<Mode, Double> times = new EnumMap<>(Mode.class);
        for (Mode mode : MODES) {
            RunReport report = runner.run(pattern, mode, pattern.variants().getFirst(), workloads.get(mode)); // the fault-free default
            if (!report.check().ok()) {
                throw new CannotCompare(pattern.id() + " " + mode.id() + " failed its check: " + report.check().detail());
            }
            times.put(mode, report.wallMillis());
        }
        return times;
    }

    /** {@code examples/} beside the folder holding this class's jar (target/). */
    private static Path defaultExamples() {
        try {
            Path code = Path.of(FidelityCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().getParent().resolve("examples");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("examples");
        }
    }

    static Path exampleSource(Path dir, String example) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("no examples folder at " + dir + "; give it with --examples DIR");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(example + "_") && f.getFileName().toString().endsWith(".java"))
                    .findFirst()
                    .orElseThrow(() -> new UsageException("no " + example + "_*.java in " + dir + "; give the examples folder with --examples DIR"));
        }
    }

    /** The compiled example: its main method, and the class loader to close when done. */
    private record Compiled(URLClassLoader loader, Method main) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            loader.close();
        }
    }

    /** Compiles the example into {@code classes} and loads it. */
    private static Compiled compile(Path source, Path classes) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UsageException("fidelity compiles the example and needs a JDK, not a JRE (no javax.tools compiler in " + System.getProperty("java.home") + ")");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", Integer.toString(Runtime.version().feature()), "--enable-preview",
                    "-Xlint:-preview", "-d", classes.toString());
            boolean compiled = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source)).call();
            if (!compiled) {
                throw new CannotCompare("could not compile " + source + ": " + diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).findFirst()
                        .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                        .orElse("see javac"));
            }
        }
        String className = source.getFileName().toString().replaceFirst("\\.java$", "");
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, FidelityCommand.class.getClassLoader());
        try {
            return new Compiled(loader, loader.loadClass(className).getMethod("main", String[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            loader.close();
            throw e;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is not worth failing a measurement for
        }
    }

    /** The fewest pairs whose ratios give a 95% interval for their median (5 give at most 94%). */
    static final int MIN_PAIRS_FOR_INTERVAL = 6;

    /**
     * A distribution-free 95% confidence interval for the median of {@code values}: the k-th
     * smallest and the k-th largest value, for the largest k with P(Binomial(n, 1/2) <= k - 1) <= 2.5%
     * (15 values: the 4th and the 12th, covering 96.5%).
     * It assumes only that the pairs are independent draws of the same ratio.
     */
    static double[] medianInterval(List<Double> values) {
        int n = values.size();
        if (n < MIN_PAIRS_FOR_INTERVAL) {
            throw new IllegalArgumentException("a 95% interval for a median needs " + MIN_PAIRS_FOR_INTERVAL + " values, got " + n);
        }
        List<Double> sorted = values.stream().sorted().toList();
        // P(X < k) for X ~ Binomial(n, 1/2), summed in logs so that n up to MAX_PAIRS does not underflow.
        double below = 0;
        double logChoose = 0; // log C(n, j), starting at j = 0
        int k = 0;
        for (int j = 0; j < n; j++) {
            double withJ = below + Math.exp(logChoose - n * Math.log(2));
            if (withJ > 0.025) {
                break;
            }
            below = withJ;
            k = j + 1;
            logChoose += Math.log(n - j) - Math.log(j + 1);
        }
        // P(X <= k - 1) <= 2.5%: the median lies below the k-th smallest value, or above the k-th largest, each at most that often.
        return new double[] {sorted.get(k - 1), sorted.get(n - k)};
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
