package dev.loompatterns.fidelity;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.engine.Cancellation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A standalone example from {@code examples/}, compiled at run time (so what is measured is the
 * file a reader runs, not a copy of it) and run by its {@code main}, each of its forms timed by
 * the example's own clock, read from the lines it prints.
 */
final class Example {

    /**
     * An example's line: "platform   10000 workers done in  2919 ms, ..." or "pool(50)   1000 bodies in  1674 ms ...".
     */
    private static final Pattern EXAMPLE_LINE =
            Pattern.compile("^(\\S+)\\s+(\\d+) (?:workers done|bodies) in\\s+(\\d+) ms");

    private final Class<?> example;
    private final Method main;

    private Example(Class<?> example, Method main) {
        this.example = example;
        this.main = main;
    }

    /** {@code examples/} beside the folder holding this class's jar (target/). */
    static Path defaultFolder() {
        try {
            Path code = Path.of(Example.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return code.getParent().getParent().resolve("examples");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("examples");
        }
    }

    /** The source of {@code example} ({@code E11}) in {@code dir}: the file {@code E11_*.java}. */
    static Path source(Path dir, String example) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("no examples folder at " + dir + "; give it with --examples DIR");
        }
        try (Stream<Path> files = Files.list(dir)) {
            // a regular file: a folder so named was handed to javac, "javac failed ... directories not supported"
            return files.filter(f -> f.getFileName().toString().startsWith(example + "_")
                            && f.getFileName().toString().endsWith(".java")
                            && Files.isRegularFile(f))
                    .findFirst()
                    .orElseThrow(() -> new UsageException(
                            "no " + example + "_*.java in " + dir + "; give the examples folder with --examples DIR"));
        } catch (AccessDeniedException denied) { // was "unexpected error: java.nio.file.AccessDeniedException"
            throw unreadable(dir);
        } catch (UncheckedIOException reading) { // a folder may open, and refuse to give its entries
            if (reading.getCause() instanceof AccessDeniedException) {
                throw unreadable(dir);
            }
            throw reading;
        }
    }

    private static UsageException unreadable(Path dir) {
        return new UsageException("cannot read the examples folder '" + dir
                + "': permission denied; give one you can read with --examples DIR");
    }

    /**
     * Compiles the example with javac into memory and loads it from there: nothing is written to the disk, so
     * nothing is left behind when the JVM is killed, and a temporary folder that refuses files does not matter (a
     * folder of classes in {@code java.io.tmpdir} was left by a {@code kill -9}, and a read-only one failed the
     * command with "unexpected error").
     */
    static Example compile(Path source) throws Exception {
        Map<String, byte[]> classes = compileInMemory(source);
        String file = source.getFileName().toString();
        String className = file.replaceFirst("\\.java$", "");
        if (!classes.containsKey(className)) { // was "unexpected error: java.lang.ClassNotFoundException"
            throw new CannotCompare(file + " declares no top-level class " + className
                    + ": fidelity runs the class named as its file (it declares "
                    + new java.util.TreeSet<>(classes.keySet()) + ")");
        }
        classes.replaceAll((name, bytes) -> ExampleExit.rewritten(bytes));
        Class<?> example = new Loader(classes, Example.class.getClassLoader()).loadClass(className);
        Method main;
        try {
            main = example.getDeclaredMethod("main", String[].class);
        } catch (NoSuchMethodException e) { // was "unexpected error: java.lang.NoSuchMethodException"
            throw new CannotCompare(className + " has no main(String[]), which fidelity calls to run it");
        }
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new CannotCompare(
                    className + "'s main(String[]) is not static: fidelity calls it without an instance");
        }
        main.setAccessible(true); // a class or main that is not public, as the source launcher runs it too
        return new Example(example, main);
    }

    /**
     * Refuses an example whose constants that set its work ({@link Pairing#constants}) are not the harness's: one whose
     * sleeps were changed from 500 to 5 ms was timed against the harness's 500 and its "overhead" printed, exit 0.
     */
    void check(Pairing pairing) throws CannotCompare {
        for (Map.Entry<String, Object> constant : new java.util.TreeMap<>(pairing.constants()).entrySet()) {
            Object value;
            try {
                java.lang.reflect.Field field = example.getDeclaredField(constant.getKey());
                field.setAccessible(true);
                value = field.get(null);
            } catch (NoSuchFieldException | IllegalAccessException | NullPointerException e) {
                throw new CannotCompare(pairing.example() + " has no static constant " + constant.getKey()
                        + ", which sets the work the harness matches (" + constant.getValue() + ")");
            }
            if (!constant.getValue().equals(value)) {
                throw new CannotCompare(pairing.example() + " did not do the harness's work: its " + constant.getKey()
                        + " is " + value + ", the harness's workload matches " + constant.getValue());
            }
        }
    }

    /**
     * Compiles with the JDK's javac, in this JVM. What javac prints (a crash's stack, for one) is kept
     * out of the terminal: the one line of a {@link CannotCompare} says what went wrong. Ctrl-C while
     * it compiles (javac reading a class file through a channel the interrupt closed fails as "cannot
     * access java.util.List", or crashes) is an {@link InterruptedException}, not the example's fault.
     */
    private static Map<String, byte[]> compileInMemory(Path source)
            throws IOException, CannotCompare, InterruptedException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UsageException(
                    "fidelity compiles the example and needs a JDK, not a JRE (no javax.tools compiler in "
                            + System.getProperty("java.home") + ")");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager standard =
                        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
                InMemory files = new InMemory(standard)) {
            List<String> options = List.of(
                    "--release", Integer.toString(Runtime.version().feature()), "--enable-preview", "-Xlint:-preview");
            if (Thread.currentThread().isInterrupted()) {
                // not even started: an interrupt while javac reads closes the channels of the JDK's class
                // files that javac caches for the JVM's life, and every later compile in it fails
                // ("release version 25 not supported")
                throw new InterruptedException("interrupted before compiling " + source);
            }
            StringWriter printed = new StringWriter();
            boolean compiled;
            try {
                compiled = javac.getTask(
                                printed, files, diagnostics, options, null, standard.getJavaFileObjects(source))
                        .call();
            } catch (RuntimeException crashed) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("interrupted while compiling " + source);
                }
                throw new CannotCompare("javac failed on " + source + ": " + crashed);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while compiling " + source);
            }
            if (!compiled) {
                throw new CannotCompare("could not compile " + source + ": "
                        + diagnostics.getDiagnostics().stream()
                                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                                .findFirst()
                                .map(d -> "line " + d.getLineNumber() + ": "
                                        + d.getMessage(Locale.ROOT)
                                                .lines()
                                                .findFirst()
                                                .orElse(""))
                                .orElse(printed.toString().lines().findFirst().orElse("javac said nothing more")));
            }
            return files.classes();
        }
    }

    /**
     * The example's three forms, run once by its main, timed by its own clock. It runs with {@link Locale#ROOT} for
     * formatting, as the lines are read so: an example's {@code printf} wrote its counts and times in an Arabic or
     * Persian locale's own digits, which fidelity could not read (a helper's hunt); run alone, it keeps the user's.
     * What it prints on stderr is held while it runs and printed after it, or said in the one line where it exits.
     */
    Map<Mode, Double> run(Pairing pairing) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        Locale locale = Locale.getDefault();
        Locale formats = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        // both: PrintStream.printf formats in the FORMAT category's locale, PrintWriter.printf in the default one
        Locale.setDefault(Locale.ROOT);
        ExampleExit.start(said);
        Throwable thrown = null;
        try {
            main.invoke(null, (Object) new String[] {"1"});
        } catch (InvocationTargetException e) {
            thrown = e.getCause();
        } finally {
            Locale.setDefault(locale);
            Locale.setDefault(Locale.Category.FORMAT, formats);
            Locale.setDefault(Locale.Category.DISPLAY, display);
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        // in main or in a thread of the example's, caught there or not: the run ended the JVM, were it the example's
        ExampleExit.Called exit = ExampleExit.takeFirst();
        if (exit != null) {
            throw exited(pairing, exit);
        }
        stderr.print(said.toString(StandardCharsets.UTF_8));
        stderr.flush();
        if (thrown == null) {
            return parse(printed, pairing);
        }
        if (thrown instanceof OutOfMemoryError outOfMemory) {
            throw outOfMemory; // the CLI's own line about the heap
        }
        if (thrown instanceof InterruptedException interrupted && Cancellation.requested()) {
            throw interrupted; // Ctrl-C's: one the example threw by itself is its failure, as any other (a review)
        }
        // an example whose own check failed throws (run alone, it exits 1 so): its lines say which form
        ownCheckFailed(printed, pairing);
        // any other exception or error is the example's failure, said with what it printed: parse's "printed a time
        // for [], not for each mode" dropped the exception, and an Error was "unexpected error" with the
        // InvocationTargetException that wrapped it (a review: AssertionError, StackOverflowError)
        throw new CannotCompare(pairing.example() + " threw " + thrown
                + (printed.isBlank() ? " before it printed anything" : " after it printed: " + printed.strip()));
    }

    /**
     * The example's exit, as one line: with what the example said on stderr before it, its own reason (E11 exits 2
     * where the process may not open the files it needs, saying how to raise ulimit -n; fidelity said "throw where it
     * exits", a review), else what fidelity needs of it.
     */
    private static CannotCompare exited(Pairing pairing, ExampleExit.Called exit) {
        if (!exit.call().isEmpty() && !exit.said().isBlank()) {
            return new CannotCompare(pairing.example() + " stopped with " + exit.call() + ", saying: "
                    + exit.said().strip());
        }
        return new CannotCompare(pairing.example() + " " + exit.getMessage()
                + ", which would have ended loom's JVM, where fidelity runs the example: throw where it exits");
    }

    /** The example's lines as a time per mode; a line that is missing, failed or counts other work is an error. */
    static Map<Mode, Double> parse(String output, Pairing pairing) throws CannotCompare {
        Map<Mode, Double> times = new EnumMap<>(Mode.class);
        for (String line : output.lines().toList()) {
            Matcher m = EXAMPLE_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String form = m.group(1);
            Mode mode = form.startsWith("pool(")
                    ? Mode.PLATFORM
                    : Arrays.stream(Mode.values())
                            .filter(candidate -> candidate.id().equals(form))
                            .findFirst()
                            .orElseThrow(() -> new CannotCompare(
                                    pairing.example() + " printed a form that is not a mode: " + line.strip()));
            ownCheckFailed(line, pairing);
            // compared as digits: a count past an int's range was "unexpected error: NumberFormatException" (a review)
            if (!new BigInteger(m.group(2)).equals(BigInteger.valueOf(pairing.tasks()))) {
                throw new CannotCompare(pairing.example() + " did not do the harness's work (" + pairing.tasks()
                        + " tasks): " + line.strip());
            }
            double ms = Double.parseDouble(m.group(3));
            if (ms == 0 || Double.isInfinite(ms)) { // 0 ms printed "+922337203685477600.0%" (a review)
                throw new CannotCompare(pairing.example() + " printed a time of "
                        + (ms == 0 ? "0 ms" : "more ms than a number holds")
                        + ", which no ratio can be taken against: " + line.strip());
            }
            times.put(mode, ms);
        }
        if (output.isBlank()) {
            throw new CannotCompare(pairing.example() + " printed nothing, where fidelity reads a time for each mode");
        }
        if (times.size() != Mode.values().length) {
            throw new CannotCompare(pairing.example() + " printed a time for " + times.keySet()
                    + ", not for each mode: " + output.strip());
        }
        return times;
    }

    /** Fails if one of {@code printed}'s lines says the example's own check failed. */
    private static void ownCheckFailed(String printed, Pairing pairing) throws CannotCompare {
        for (String line : printed.lines().toList()) {
            if (EXAMPLE_LINE.matcher(line).find() && (line.contains("FAILED") || line.contains("WRONG"))) {
                throw new CannotCompare(pairing.example() + " failed its own check: " + line.strip());
            }
        }
    }

    /** javac's output kept in memory: each class file's bytes by its class's binary name. */
    private static final class InMemory extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> written = new HashMap<>();

        InMemory(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            written.put(className, bytes);
            URI uri = URI.create("memory:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    return bytes;
                }
            };
        }

        Map<String, byte[]> classes() {
            Map<String, byte[]> classes = new HashMap<>();
            written.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
            return classes;
        }
    }

    /** Defines the example's classes from the bytes javac wrote; everything else comes from loom's loader. */
    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> classes;

        Loader(Map<String, byte[]> classes, ClassLoader parent) {
            super("loom-fidelity-example", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
