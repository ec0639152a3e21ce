import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the jcstress jar and fails unless every test it planned ran and passed.
 *
 * <p>jcstress 0.16 exits 0 when no test matches {@code -t} ("FATAL: No matching tests."), and when
 * every configuration ended in an error (a {@code java} of another release: "8 soft errs"); only a
 * failed test makes it exit 1. A build that says it fails when a test fails must fail on those too:
 * a typo in {@code -Djcstress.tests} ran nothing and the build was green.
 *
 * <p>Run by the build (pom.xml, profile {@code jcstress}, execution {@code jcstress-run}) as a
 * single-file program on the JDK 25 the toolchains plugin selected, which also runs the jar. Usage:
 * {@code java JcstressRun.java JAR JCSTRESS-ARGS...}. It passes jcstress's output through as it
 * comes and reads its last {@code (Results: N planned; P passed, F failed, S soft errs, H hard
 * errs)} line.
 */
public final class JcstressRun {

    private static final Pattern RESULTS = Pattern.compile(
            "\\(Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs\\)");

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: java JcstressRun.java JAR [JCSTRESS ARGS...]");
            System.exit(2);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", args[0]));
        command.addAll(List.of(args).subList(1, args.length));
        Process jcstress = new ProcessBuilder(command).redirectErrorStream(true).start();
        // a TERM to Maven ends this JVM: jcstress and the JVMs it forked go with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            jcstress.descendants().forEach(ProcessHandle::destroy);
            jcstress.destroy();
        }));
        String results = null;
        boolean fatal = false;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(jcstress.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println(line);
                if (RESULTS.matcher(line).find()) {
                    results = line;
                }
                fatal |= line.startsWith("FATAL:");
            }
        }
        int exit = jcstress.waitFor();
        String problem = verdict(exit, fatal, results);
        if (problem != null) {
            System.err.println("jcstress: " + problem);
            System.exit(1);
        }
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
