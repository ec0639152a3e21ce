package dev.loompatterns.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Mode;
import dev.loompatterns.testing.DefaultLocale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleTest {

    private static final Pairing URL_FETCH = Pairing.of("url-fetch");

    @Test
    void readsATimePerModeFromTheExamplesLines() throws CannotCompare {
        Map<Mode, Double> times = Example.parse("""
            pool(50)   1000 bodies in  1054 ms  in input order
            virtual    1000 bodies in   272 ms  in input order
            structured 1000 bodies in   263 ms  in input order
            """, URL_FETCH);
        assertThat(times)
                .containsExactly(
                        Map.entry(Mode.PLATFORM, 1054.0),
                        Map.entry(Mode.VIRTUAL, 272.0),
                        Map.entry(Mode.STRUCTURED, 263.0));
    }

    @Test
    void anExampleThatDidOtherWorkOrMissedAModeIsAnError() {
        assertThatThrownBy(() -> Example.parse("virtual    999 bodies in 272 ms  in input order", URL_FETCH))
                .hasMessageContaining("did not do the harness's work (1000 tasks)");
        assertThatThrownBy(() -> Example.parse("virtual    1000 bodies in 272 ms  WRONG ORDER", URL_FETCH))
                .hasMessage("E11 failed its own check: virtual    1000 bodies in 272 ms  WRONG ORDER");
        assertThatThrownBy(() -> Example.parse("virtual    1000 bodies in 272 ms  in input order", URL_FETCH))
                .hasMessageContaining("not for each mode");
        assertThatThrownBy(() -> Example.parse("sideways   1000 bodies in 272 ms  in input order", URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessageContaining("a form that is not a mode");
    }

    @Test
    void thePairedRatioIsTheHarnessOverTheExamplePairByPair() {
        Times times = new Times(List.of(100.0, 200.0, 400.0), List.of(110.0, 180.0, 400.0));
        assertThat(times.ratios()).containsExactly(1.1, 0.9, 1.0);
    }

    /**
     * Ctrl-C before the example compiles is an interrupt, not the example's fault: before, javac, whose
     * reads the interrupt breaks, failed with "cannot access java.util.List" and fidelity blamed the example
     * (or javac crashed, its stack trace printed). compile() says it was interrupted and does not start javac:
     * an interrupted javac closes the channels of the JDK's class files it caches for the JVM's life, and
     * every later compile in this test JVM failed (FidelityCommandTest, after this test, in a fresh clone's
     * .ci/run).
     */
    @Test
    void anInterruptWhileCompilingIsAnInterruptNotTheExamplesFault() throws Exception {
        Path source = Fidelity.exampleSource(Path.of("examples"), Pairing.of("thread-basics"));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Example.compile(source)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted(); // not left set for the next test
        }
    }

    /**
     * An example whose constants that set its work are not the harness's is refused before any pair is timed: E01
     * with sleeps of 5 ms was timed against the harness's 500 ms and its "overhead" printed, +71% to +315%, exit 0.
     * The examples as they are pass; one without a constant says which.
     */
    @Test
    void anExampleWhoseConstantsAreNotTheHarnessesIsRefused(@TempDir Path dir) throws Exception {
        Pairing threadBasics = Pairing.of("thread-basics");
        Path original = Fidelity.exampleSource(Path.of("examples"), threadBasics);
        Example.compile(original).check(threadBasics);
        Example.compile(Fidelity.exampleSource(Path.of("examples"), URL_FETCH)).check(URL_FETCH);

        String source = Files.readString(original);
        assertThat(source).contains("Duration.ofMillis(500)");
        Path faster = Files.writeString(
                Files.createDirectories(dir.resolve("faster")).resolve(original.getFileName()),
                source.replace("Duration.ofMillis(500)", "Duration.ofMillis(5)"));
        assertThatThrownBy(() -> Example.compile(faster).check(threadBasics))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E01 did not do the harness's work: its SLEEP is PT0.005S, the harness's workload matches"
                        + " PT0.5S");

        Path renamed = Files.writeString(
                Files.createDirectories(dir.resolve("renamed")).resolve(original.getFileName()),
                source.replace("SLEEP", "PAUSE"));
        assertThatThrownBy(() -> Example.compile(renamed).check(threadBasics))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E01 has no static constant SLEEP, which sets the work the harness matches (PT0.5S)");
    }

    /**
     * The example is compiled into memory and loaded from there, its nested classes too: a temporary folder that
     * takes no files changes nothing (a read-only one failed {@code loom fidelity} with "unexpected error", and a
     * {@code kill -9} left the folder of classes behind).
     */
    @Test
    void compilesAndRunsWithoutATemporaryFolder(@TempDir Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("E11_Nested.java"), """
            public class E11_Nested {
                record Line(String form, int bodies, int ms) {
                    String text() { return String.format("%-10s %d bodies in %5d ms", form, bodies, ms); }
                }
                public static void main(String[] args) {
                    System.out.println(new Line("pool(50)", 1000, 30).text());
                    System.out.println(new Line("virtual", 1000, 20).text());
                    System.out.println(new Line("structured", 1000, 10).text());
                }
            }
            """);
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "");
        String tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", notAFolder.toString());
        Map<Mode, Double> times;
        try {
            times = Example.compile(source).run(URL_FETCH);
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
        }
        assertThat(times)
                .containsExactly(
                        Map.entry(Mode.PLATFORM, 30.0),
                        Map.entry(Mode.VIRTUAL, 20.0),
                        Map.entry(Mode.STRUCTURED, 10.0));
    }
    /**
     * A file that {@code loom fidelity --examples} cannot run is refused in one line, where it said "unexpected error"
     * with a {@code ClassNotFoundException}, a {@code NoSuchMethodException} or an {@code IllegalAccessException} (a
     * helper's audit): a class not named as its file, no {@code main}, an instance {@code main}. A class that is not
     * public runs, as the source launcher runs it.
     */
    @Test
    void aFileFidelityCannotRunIsRefusedAndAClassNotPublicRuns(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Example.compile(source(dir, "class E11_Other {}")))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E11_Url.java declares no top-level class E11_Url: fidelity runs the class named as its"
                        + " file (it declares [E11_Other])");
        assertThatThrownBy(() -> Example.compile(source(dir, "public class E11_Url {}")))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E11_Url has no main(String[]), which fidelity calls to run it");
        assertThatThrownBy(() -> Example.compile(source(dir, "class E11_Url { void main(String[] args) {} }")))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E11_Url's main(String[]) is not static: fidelity calls it without an instance");

        Example hidden = Example.compile(
                source(dir, "class E11_Url { public static void main(String[] args) {" + PRINTS_EACH_MODE + "} }"));
        assertThat(hidden.run(URL_FETCH)).containsEntry(Mode.STRUCTURED, 10.0);
    }

    /**
     * An example's {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt} is reported as the call it was, and
     * does not end the JVM: fidelity runs it in loom's JVM, which the call ended, and loom's Ctrl-C hook then said a
     * signal had stopped it (a helper's audit). Were the call left as it is, this test's JVM would end with it. The
     * examples' own exits, for bad arguments, are not reached: they pass as they are.
     */
    @Test
    void anExampleThatWouldEndTheJvmIsStoppedAtTheCallAndSaysIt(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Example.compile(source(
                                dir,
                                "public class E11_Url { public static void main(String[]" + " args) {"
                                        + PRINTS_EACH_MODE + " try { System.exit(3); } catch (Exception e) {} } }"))
                        .run(URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E11 called System.exit(3), which would have ended loom's JVM, where fidelity runs the"
                        + " example: throw where it exits");
        assertThatThrownBy(() -> Example.compile(source(
                                dir,
                                "public class E11_Url { static class Stop { static void now() {"
                                        + " Runtime.getRuntime().halt(4); } } public static void main(String[] args) {"
                                        + " Stop.now(); } }"))
                        .run(URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessageStartingWith("E11 called Runtime.halt(4)");
        assertThatThrownBy(() -> Example.compile(source(
                                dir,
                                "public class E11_Url { public static void main(String[]"
                                        + " args) { Runtime.getRuntime().exit(5); } }"))
                        .run(URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessageStartingWith("E11 called Runtime.exit(5)");
    }

    /**
     * An exit the example reaches other than by a direct call is stopped too: a method reference ({@code IntConsumer
     * c = System::exit}), which the JVM resolves from a method-handle constant the rewrite of calls did not see, ended
     * loom's JVM, its Ctrl-C hook saying a signal had come and then that the work had not stopped 10 s after it (a
     * review); so did reflection. A handle constant now leads to the stand-in, a look-up of an exit by reflection or a
     * {@code Lookup} is refused, and an exit in a thread of the example's is reported once its {@code main} returns.
     * Were any of them left as they were, this test's JVM would end with it.
     */
    @Test
    void anExitReachedOtherThanByADirectCallIsStoppedToo(@TempDir Path dir) throws Exception {
        assertThat(failureOf(dir, "java.util.function.IntConsumer c = System::exit; c.accept(5);"))
                .isEqualTo("E11 called System.exit(5), which would have ended loom's JVM, where fidelity runs the"
                        + " example: throw where it exits");
        assertThat(failureOf(dir, "java.util.function.IntConsumer c = Runtime.getRuntime()::exit; c.accept(6);"))
                .startsWith("E11 called Runtime.exit(6), ");
        assertThat(failureOf(
                        dir,
                        "java.util.function.ObjIntConsumer<Runtime> c = Runtime::halt;"
                                + " c.accept(Runtime.getRuntime(), 7);"))
                .startsWith("E11 called Runtime.halt(7), ");
        assertThat(failureOf(dir, "System.class.getMethod(\"exit\", int.class).invoke(null, 6);"))
                .isEqualTo("E11 looked up System.exit (by reflection), which would have ended loom's JVM, where"
                        + " fidelity runs the example: throw where it exits");
        assertThat(failureOf(
                        dir,
                        "for (var m : Runtime.class.getDeclaredMethods()) { if (m.getName().equals(\"halt\"))"
                                + " m.invoke(Runtime.getRuntime(), 8); }"))
                .startsWith("E11 looked up Runtime.") // exit or halt, whichever the array has first
                .contains(" (by reflection), ");
        String type = "java.lang.invoke.MethodType.methodType(void.class, int.class)";
        assertThat(failureOf(
                        dir,
                        "java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\", " + type
                                + ").invoke(9);"))
                .startsWith("E11 looked up System.exit (MethodHandles.Lookup.findStatic), ");
        assertThat(failureOf(
                        dir,
                        "java.lang.invoke.MethodHandles.publicLookup().findVirtual(Runtime.class, \"exit\", " + type
                                + ").invoke(Runtime.getRuntime(), 9);"))
                .startsWith("E11 looked up Runtime.exit (MethodHandles.Lookup.findVirtual), ");
        assertThat(failureOf(
                        dir,
                        "java.lang.invoke.MethodHandles.lookup().bind(Runtime.getRuntime(), \"halt\", " + type
                                + ").invoke(9);"))
                .startsWith("E11 looked up Runtime.halt (MethodHandles.Lookup.bind), ");
        assertThat(failureOf(dir, "Thread.ofVirtual().start(() -> System.exit(4)).join();" + PRINTS_EACH_MODE))
                .startsWith("E11 called System.exit(4), ");
        // what is no exit is left as it is: a method reference, a look-up by reflection and by a Lookup, on a hidden
        // class (a lambda's) and an array class too, which have no ClassDesc of their name (they were refused with
        // "Invalid class name", a review)
        Path fine = source(
                dir,
                "public class E11_Url { public static void main(String[] args) throws Throwable {"
                        + " java.util.function.Consumer<String> c = System.out::println;"
                        + " System.class.getMethod(\"lineSeparator\").invoke(null);"
                        + " java.lang.invoke.MethodHandles.lookup().findStatic(Math.class, \"abs\","
                        + " java.lang.invoke.MethodType.methodType(int.class, int.class)).invoke(-1);"
                        + " Runnable r = () -> {}; r.getClass().getDeclaredMethods();"
                        + " java.lang.invoke.MethodHandles.lookup().findVirtual(int[].class, \"clone\","
                        + " java.lang.invoke.MethodType.methodType(Object.class));"
                        + PRINTS_EACH_MODE + "} }");
        assertThat(Example.compile(fine).run(URL_FETCH)).containsEntry(Mode.VIRTUAL, 20.0);
    }

    /** The one line with which the example whose {@code main} runs {@code statements} fails (at its exit, say). */
    private static String failureOf(Path dir, String statements) throws Exception {
        Example example = Example.compile(source(
                dir,
                "public class E11_Url { public static void main(String[] args) throws Throwable {" + statements
                        + "} }"));
        return org.assertj.core.api.Assertions.catchThrowableOfType(CannotCompare.class, () -> example.run(URL_FETCH))
                .getMessage();
    }

    /**
     * An example that exits saying why on stderr is reported with its reason and status: E11 exits 2 where the
     * process may not open the files its requests need, saying to raise ulimit -n, and fidelity said "E11 called
     * System.exit(2), ...: throw where it exits", blaming the example (a review). What an example prints on stderr
     * and does not exit after is printed still, once it has run.
     */
    @Test
    void anExampleThatExitsSayingWhyIsReportedWithItsReason(@TempDir Path dir) throws Exception {
        assertThat(failureOf(dir, "System.err.println(\"E11: the limit is too low\"); System.exit(2);"))
                .isEqualTo("E11 stopped with System.exit(2), saying: E11: the limit is too low");

        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.err;
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Example.compile(source(
                            dir,
                            "public class E11_Url { public static void main(String[] args) {"
                                    + " System.err.println(\"a warning\");" + PRINTS_EACH_MODE + "} }"))
                    .run(URL_FETCH);
        } finally {
            System.setErr(before);
        }
        assertThat(stderr.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("a warning" + System.lineSeparator());
    }

    /**
     * An example that throws is reported with its exception and what it printed: fidelity said "printed a time for
     * [], not for each mode: " and dropped the exception (a helper's audit).
     */
    @Test
    void anExampleThatThrowsIsReportedWithItsException(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Example.compile(source(
                                dir,
                                "public class E11_Url { public static void main(String[]"
                                        + " args) { throw new IllegalStateException(\"boom\"); } }"))
                        .run(URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E11 threw java.lang.IllegalStateException: boom before it printed anything");
        assertThatThrownBy(() -> Example.compile(source(
                                dir,
                                "public class E11_Url { public static void main(String[]"
                                        + " args) { System.out.println(\"pool(50) 1000 bodies in 5 ms\"); throw new"
                                        + " IllegalStateException(\"boom\"); } }"))
                        .run(URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E11 threw java.lang.IllegalStateException: boom after it printed: pool(50) 1000 bodies in"
                        + " 5 ms");
        assertThatThrownBy(() -> Example.parse("", URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E11 printed nothing, where fidelity reads a time for each mode");
    }

    /**
     * An {@link Error} the example throws is reported as an exception is, with what it printed: it was "unexpected
     * error: java.lang.reflect.InvocationTargetException", the Error still wrapped (a review); an {@link
     * OutOfMemoryError} is passed on as it is, for the CLI's line about the heap. An {@link InterruptedException} the
     * example throws by itself, with no Ctrl-C, is its failure too: it was "interrupted", exit 130, as if Ctrl-C had
     * been pressed (a review).
     */
    @Test
    void anErrorOrAnInterruptTheExampleThrowsIsItsFailure(@TempDir Path dir) throws Exception {
        assertThat(failureOf(dir, "System.out.println(\"hello\"); throw new AssertionError(\"boom\");"))
                .isEqualTo("E11 threw java.lang.AssertionError: boom after it printed: hello");
        assertThat(failureOf(dir, "main(args);"))
                .isEqualTo("E11 threw java.lang.StackOverflowError before it printed anything");
        assertThat(failureOf(dir, "throw new InterruptedException(\"mine\");"))
                .isEqualTo("E11 threw java.lang.InterruptedException: mine before it printed anything");
        assertThatThrownBy(() -> Example.compile(source(
                                dir,
                                "public class E11_Url { public static void main(String[] args) {"
                                        + " throw new OutOfMemoryError(\"Java heap space\"); } }"))
                        .run(URL_FETCH))
                .isExactlyInstanceOf(OutOfMemoryError.class)
                .hasMessage("Java heap space");
    }

    /**
     * A line whose count does not fit an int is refused as other work is: it was "unexpected error:
     * NumberFormatException" (a review). A time of 0 ms, which no ratio can be taken against, is refused: it printed
     * "+922337203685477600.0%" (a review); so is one too long for a double, which made the ratio 0.
     */
    @Test
    void aCountPastAnIntOrATimeNoRatioCanBeTakenAgainstIsRefused() {
        assertThatThrownBy(() -> Example.parse("pool(50)   99999999999 bodies in 10 ms", URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E11 did not do the harness's work (1000 tasks): pool(50)   99999999999 bodies in 10 ms");
        assertThatThrownBy(() -> Example.parse("virtual    1000 bodies in 0 ms", URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessage("E11 printed a time of 0 ms, which no ratio can be taken against: virtual    1000 bodies"
                        + " in 0 ms");
        assertThatThrownBy(() -> Example.parse("virtual    1000 bodies in " + "9".repeat(400) + " ms", URL_FETCH))
                .isInstanceOf(CannotCompare.class)
                .hasMessageStartingWith("E11 printed a time of more ms than a number holds, ");
    }

    /**
     * An example that formats its figures in the user's locale is read as well: under an Egyptian Arabic locale its
     * {@code %d} wrote Arabic-Indic digits, and fidelity said it "printed a time for [], not for each mode" (a helper's
     * hunt). The example runs with the root locale's formats; the user's are back once it has run.
     */
    @Test
    void anExampleIsReadWhateverTheUsersLocaleFormatsNumbersIn(@TempDir Path dir) throws Exception {
        assertThat(String.format(DefaultLocale.ARABIC_DIGITS, "%d", 30))
                .as("this JDK's ar-EG digits")
                .isNotEqualTo("30");
        Path source = source(dir, """
            public class E11_Url {
                public static void main(String[] args) {
                    System.out.printf("%-10s %d bodies in %5d ms%n", "pool(50)", 1000, 30);
                    System.out.println(String.format("%-10s %d bodies in %5d ms", "virtual", 1000, 20));
                    var out = new java.io.PrintWriter(System.out, true);
                    out.printf("%-10s %d bodies in %5d ms%n", "structured", 1000, 10);
                }
            }
            """);
        Map<Mode, Double> times = DefaultLocale.during(DefaultLocale.ARABIC_DIGITS, () -> {
            Map<Mode, Double> read = Example.compile(source).run(URL_FETCH);
            assertThat(Locale.getDefault()).as("the user's locale, back").isEqualTo(DefaultLocale.ARABIC_DIGITS);
            assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(DefaultLocale.ARABIC_DIGITS);
            return read;
        });
        assertThat(times).containsEntry(Mode.PLATFORM, 30.0).containsEntry(Mode.STRUCTURED, 10.0);
    }

    /** Statements that print a time for each of url-fetch's forms. */
    private static final String PRINTS_EACH_MODE = """
         System.out.println("pool(50)   1000 bodies in 30 ms");\
         System.out.println("virtual    1000 bodies in 20 ms");\
         System.out.println("structured 1000 bodies in 10 ms");\
        """;

    /** {@code E11_Url.java} in a folder of its own under {@code dir}, holding {@code text}. */
    private static Path source(Path dir, String text) throws java.io.IOException {
        Path folder = Files.createTempDirectory(dir, "example");
        return Files.writeString(folder.resolve("E11_Url.java"), text);
    }
}
