package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.ChildJvm;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pin assertion is a library for projects on JDK 21 too: its classes are class file 65
 * (Java 21), use no preview API, and reach no class of the project that is not one of them. So is
 * {@code analysis} (its JMC bundle requires JavaSE-21), reaching only itself and the {@code jfr.Pin*} classes.
 * (Tested here on JDK 25; loading them on a JDK 21 is not run here: no JDK 21 on the machine.)
 */
class AssertionClassesTest {

    static final Path CLASSES = Path.of("target", "classes");

    /** The assertion's classes, as the build compiles them for 21 (pom.xml, compiler plugin). */
    static List<Path> assertionClasses() throws IOException {
        try (Stream<Path> jfr = Files.list(CLASSES.resolve("dev/loompatterns/jfr"));
                Stream<Path> junit = Files.list(CLASSES.resolve("dev/loompatterns/jfr/junit"))) {
            return Stream.concat(
                            jfr.filter(p -> p.getFileName().toString().startsWith("Pin")
                                    || p.getFileName().toString().equals("JvmShutdown.class")),
                            junit)
                    .filter(p -> p.toString().endsWith(".class"))
                    .sorted()
                    .toList();
        }
    }

    /** {@code loom inspect}'s analysis and its JMC rules: compiled for 21 too, with the assertion. */
    static List<Path> analysisClasses() throws IOException {
        try (Stream<Path> analysis = Files.walk(CLASSES.resolve("dev/loompatterns/analysis"))) {
            return analysis.filter(p -> p.toString().endsWith(".class"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theAssertionsClassesAreJava21ClassFilesThatReachOnlyEachOther() throws IOException {
        List<Path> classes = assertionClasses();
        assertThat(classes.stream().map(p -> p.getFileName().toString()))
                .contains(
                        "PinRecorder.class",
                        "PinTaxonomy.class",
                        "PinStream.class",
                        "Pin.class",
                        "PinningExtension.class",
                        "ShouldNotPin.class",
                        "ShouldPin.class");
        assertJava21ReachingOnly(classes, names(classes));
    }

    /**
     * The analysis reaches only itself, the pin taxonomy's classes ({@code jfr.Pin*}) and the reader
     * of a recording's settings ({@code jfr.EventSettings}, {@code jfr.EventEnabled}) and the quoting of
     * a command it prints ({@code jfr.ShellWord}, {@code jfr.VisibleText}), each a Java 21 class.
     */
    @Test
    void theAnalysisClassesAreJava21ClassFilesThatReachOnlyEachOtherAndTheJfrClassesTheyUse() throws IOException {
        List<Path> classes = analysisClasses();
        assertThat(classes.stream().map(p -> CLASSES.relativize(p).toString()))
                .contains(
                        "dev/loompatterns/analysis/Analysis.class",
                        "dev/loompatterns/analysis/jfr/RecordingReader.class",
                        "dev/loompatterns/analysis/jmc/LoomJmcRule.class");
        Set<String> reachable = names(classes);
        // what a recording's settings say, and their reader: checked as analysis classes are
        List<Path> settings = List.of(
                CLASSES.resolve("dev/loompatterns/jfr/EventEnabled.class"),
                CLASSES.resolve("dev/loompatterns/jfr/EventSettings.class"),
                CLASSES.resolve("dev/loompatterns/jfr/ShellWord.class"),
                CLASSES.resolve("dev/loompatterns/jfr/VisibleText.class"));
        reachable.addAll(names(settings));
        assertionClasses().stream()
                .filter(p -> p.getFileName().toString().startsWith("Pin"))
                .filter(p -> p.getParent().endsWith("jfr"))
                .map(AssertionClassesTest::name)
                .forEach(reachable::add);
        assertJava21ReachingOnly(classes, reachable);
        assertJava21ReachingOnly(settings, reachable);
    }

    private static String name(Path file) {
        return CLASSES.relativize(file).toString().replace(".class", "");
    }

    private static Set<String> names(List<Path> classes) {
        return classes.stream().map(AssertionClassesTest::name).collect(Collectors.toCollection(HashSet::new));
    }

    /**
     * Each class is a Java 21 class file without preview, and of the project's classes reaches only {@code reachable}.
     */
    private static void assertJava21ReachingOnly(List<Path> classes, Set<String> reachable) throws IOException {
        for (Path file : classes) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
            assertThat(model.majorVersion()).as(file + ": class file version").isEqualTo(ClassFile.JAVA_21_VERSION);
            assertThat(model.minorVersion())
                    .as(file + ": not compiled with --enable-preview")
                    .isZero();
            List<String> projectClassesReached = java.util.stream.StreamSupport.stream(
                            model.constantPool().spliterator(), false)
                    .filter(ClassEntry.class::isInstance)
                    .map(entry -> ((ClassEntry) entry).asInternalName())
                    .filter(name -> name.startsWith("dev/loompatterns/"))
                    .filter(name -> !reachable.contains(name))
                    .toList();
            assertThat(projectClassesReached)
                    .as(file + " reaches classes it may not (compiled for 25, or outside its set)")
                    .isEmpty();
        }
    }

    @Test
    void theCatalogueStaysOnJava25() throws IOException {
        ClassModel model =
                ClassFile.of().parse(Files.readAllBytes(CLASSES.resolve("dev/loompatterns/core/Runner.class")));
        assertThat(model.majorVersion()).isEqualTo(ClassFile.JAVA_25_VERSION);
    }

    /** Starts a recorder in a JVM without JFR and prints what it said. */
    public static final class WithoutJfr {
        public static void main(String[] args) {
            try (PinRecorder recorder = PinRecorder.start()) {
                System.out.println("started");
            } catch (IllegalStateException e) {
                System.out.println("refused=" + e.getMessage());
            }
        }
    }

    @Test
    void withoutJfrTheRecorderSaysWhatIsMissing() throws InterruptedException {
        ChildJvm.Result child =
                ChildJvm.run(List.of("-XX:-FlightRecorder"), WithoutJfr.class, List.of(), Duration.ofMinutes(1));
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.value("refused"))
                .startsWith("JDK Flight Recorder is not available in this JVM")
                .contains("-XX:-FlightRecorder");
    }
}
