import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the jcstress jar and fails unless every test it planned ran and passed.
 *
 * <p>jcstress 0.16 exits 0 when no test matches {@code -t} ("FATAL: No matching tests."), and when
 * every configuration ended in an error (a {@code java} of another release: JDK 17 gave "44 soft errs",
 * docs/tooling.md); only a failed test makes it exit 1. A build that says it fails when a test fails
 * must fail on those too: a typo in {@code -Djcstress.tests} ran nothing and the build was green.
 *
 * <p>Nor does it say anything of a test it skips: one with more actors than the machine has CPUs
 * ({@code TaskQueueJoinVisibilityStress} had three, and on 2 cores it never ran). So the tests it
 * lists for the same arguments ({@code -l}) are counted against the tests its summary reports
 * results for, and fewer is a failure too.
 *
 * <p>Run by the build (pom.xml, profile {@code jcstress}, execution {@code jcstress-run}) as a
 * single-file program on the JDK 25 the toolchains plugin selected, which also runs the jar. Usage:
 * {@code java JcstressRun.java JAR JCSTRESS-ARGS...}. It passes jcstress's output through as it
 * comes and reads its last {@code (Results: N planned; P passed, F failed, S soft errs, H hard
 * errs)} line. jcstress runs in the report's folder ({@code -r DIR}), where its binary results file goes
 * ({@link #reportFolder}).
 */
public final class JcstressRun {

    private static final Pattern RESULTS = Pattern.compile(
            "\\(Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs\\)");

    /** A test's name as {@code -l} lists it: a class's qualified name, a nested class's too. */
    private static final Pattern TEST_NAME = Pattern.compile("(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$.]*");

    /** The summary's four lines: {@code Interesting}, {@code Failed}, {@code Error}, {@code All remaining} tests. */
    private static final Pattern SUMMARY = Pattern.compile(
            "^\\s*(?:Interesting|Failed|Error|All remaining) tests: (?:No matches\\.|(\\d+) matching test"
                    + " results?\\.)");

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: java JcstressRun.java JAR [JCSTRESS ARGS...]");
            System.exit(2);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> jcstressArgs = new ArrayList<>(List.of(args).subList(1, args.length));
        Path reports = reportFolder(jcstressArgs);
        List<String> command = new ArrayList<>(
                List.of(java, "-jar", Path.of(args[0]).toAbsolutePath().toString()));
        command.addAll(jcstressArgs);
        Files.createDirectories(reports);
        long listed = listed(command, reports);
        Process jcstress = new ProcessBuilder(command)
                .directory(reports.toFile())
                .redirectErrorStream(true)
                .start();
        // a TERM to Maven ends this JVM: jcstress and the JVMs it forked go with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            jcstress.descendants().forEach(ProcessHandle::destroy);
            jcstress.destroy();
        }));
        String results = null;
        boolean fatal = false;
        long reported = 0;
        int summaryLines = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(jcstress.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println(line);
                if (RESULTS.matcher(line).find()) {
                    results = line;
                }
                fatal |= line.startsWith("FATAL:");
                Matcher summary = SUMMARY.matcher(line);
                if (summary.find()) {
                    summaryLines++;
                    reported += summary.group(1) == null ? 0 : Long.parseLong(summary.group(1));
                }
            }
        }
        int exit = jcstress.waitFor();
        String problem = verdict(exit, fatal, results);
        if (problem == null) {
            problem = skipped(listed, summaryLines == 4 ? reported : -1);
        }
        if (problem != null) {
            System.err.println("jcstress: " + problem);
            System.exit(1);
        }
    }

    /**
     * The folder of jcstress's report, {@code -r DIR} (jcstress's default {@code results/} where none is given), made
     * absolute in {@code jcstressArgs}: jcstress runs there, because it writes its binary results file ({@code
     * jcstress-results-TIME.bin.gz}, which {@code -p} reads back) into its working folder, and has no option to put it
     * elsewhere (0.16); run from the checkout, it left one there each run, beside the sources.
     */
    static Path reportFolder(List<String> jcstressArgs) {
        int given = jcstressArgs.indexOf("-r");
        if (given >= 0 && given + 1 < jcstressArgs.size()) {
            Path folder = Path.of(jcstressArgs.get(given + 1)).toAbsolutePath();
            jcstressArgs.set(given + 1, folder.toString());
            return folder;
        }
        // jcstress's default, which it would take from where it runs: given, so that it is the one made here
        Path folder = Path.of("results").toAbsolutePath();
        if (given < 0) {
            jcstressArgs.addAll(List.of("-r", folder.toString()));
        }
        return folder;
    }

    /** How many tests jcstress lists ({@code -l}) for these arguments, run in {@code folder}. */
    private static long listed(List<String> command, Path folder) throws IOException, InterruptedException {
        List<String> list = new ArrayList<>(command);
        list.add("-l");
        Process lister = new ProcessBuilder(list)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .start();
        long names;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(lister.getInputStream(), StandardCharsets.UTF_8))) {
            names = out.lines()
                    .filter(line -> TEST_NAME.matcher(line.strip()).matches())
                    .count();
        }
        lister.waitFor();
        return names;
    }

    /**
     * Why the tests with results are fewer than those listed, or null if they are not; {@code reported} is -1 where
     * the summary could not be read.
     */
    static String skipped(long listed, long reported) {
        if (reported < 0) {
            return "printed no summary of its tests (Interesting, Failed, Error, All remaining): cannot tell whether"
                    + " each of the " + listed + " listed tests ran";
        }
        if (reported < listed) {
            return "results for " + reported + " of the " + listed + " tests it lists (-l): jcstress skips a test"
                    + " with more actors than this machine has CPUs ("
                    + Runtime.getRuntime().availableProcessors()
                    + " here) without a word; keep each test to that many";
        }
        return null;
    }

    /** Why the run is not a pass, or null if every planned test ran and passed. */
    static String verdict(int exit, boolean fatal, String results) {
        if (exit != 0) {
            return "exited with " + exit + " (a test failed, or jcstress could not run: see above)";
        }
        if (fatal) {
            return "stopped before testing (FATAL above; 'No matching tests': -Djcstress.tests matched none)";
        }
        if (results == null) {
            return "printed no results line";
        }
        Matcher counts = RESULTS.matcher(results);
        counts.find();
        long planned = Long.parseLong(counts.group(1));
        long passed = Long.parseLong(counts.group(2));
        long errors = Long.parseLong(counts.group(4)) + Long.parseLong(counts.group(5));
        if (planned == 0) {
            return "planned no test";
        }
        if (errors > 0 || passed != planned) {
            return passed + " of " + planned + " planned configurations passed, " + errors
                    + " ended in an error (see Error tests above and the HTML report)";
        }
        return null;
    }
}
