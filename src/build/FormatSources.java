import com.palantir.javaformat.java.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks or applies the project's Java format: palantir-java-format in its Palantir style (4-space
 * indent, 120 columns), over every {@code .java} file under the directories given.
 *
 * <p>Run by the build (pom.xml, execution {@code format}: {@code check} at {@code verify}, or
 * {@code apply} at {@code process-sources} under the {@code format} profile) as a single-file
 * program on the JDK 25 that the toolchains plugin selected, not inside Maven's own JVM: the
 * formatter parses with the javac of the JVM it runs in, and Maven may run on a JDK 17,
 * whose parser stops at Java 21 syntax such as {@code case Foo f when ...}.
 *
 * <p>Usage: {@code java -cp <formatter class path> FormatSources.java check|apply DIR...}.
 * {@code check} lists the files the formatter would change and exits 1 if there are any;
 * {@code apply} rewrites them in place.
 */
public final class FormatSources {

    private static final String REFORMAT_COMMAND = "./mvnw -B -Pformat process-sources";

    public static void main(String[] args) throws Exception {
        // The formatter leaves its worker threads running: exit, or the JVM waits for them.
        System.exit(format(args));
    }

    private static int format(String[] args) throws Exception {
        if (args.length < 2 || !(args[0].equals("check") || args[0].equals("apply"))) {
            System.err.println("usage: FormatSources check|apply DIR...");
            return 2;
        }
        boolean apply = args[0].equals("apply");
        List<String> files = javaFiles(List.of(args).subList(1, args.length));

        List<String> unformatted = run("--palantir", "--dry-run", files);
        if (unformatted.isEmpty()) {
            System.out.printf("palantir-java-format: all %d Java files are formatted.%n", files.size());
            return 0;
        }
        if (apply) {
            run("--palantir", "--replace", unformatted);
            System.out.printf(
                    "palantir-java-format: reformatted %d of %d Java files.%n", unformatted.size(), files.size());
            return 0;
        }
        System.err.printf(
                "%d of %d Java files are not formatted as palantir-java-format (Palantir style) formats them:%n",
                unformatted.size(), files.size());
        unformatted.forEach(file -> System.err.println("  " + file));
        System.err.println("Reformat them with: " + REFORMAT_COMMAND);
        return 1;
    }

    /** The formatter's output lines (with --dry-run, the files it would change); exits if it fails. */
    private static List<String> run(String style, String mode, List<String> files) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> arguments = new ArrayList<>(List.of(style, mode));
        arguments.addAll(files);
        int status = new Main(new PrintWriter(out, true), new PrintWriter(err, true), System.in)
                .format(arguments.toArray(String[]::new));
        if (status != 0) {
            // A file it cannot parse: javac's message with file and line.
            System.err.print(err);
            System.err.println("palantir-java-format failed (exit status " + status + ").");
            System.exit(2);
        }
        return out.toString().lines().filter(line -> !line.isBlank()).toList();
    }

    private static List<String> javaFiles(List<String> roots) throws IOException {
        List<String> files = new ArrayList<>();
        for (String root : roots) {
            try (Stream<Path> paths = Files.walk(Path.of(root))) {
                paths.filter(path -> path.toString().endsWith(".java") && Files.isRegularFile(path))
                        .map(Path::toString)
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }
}
