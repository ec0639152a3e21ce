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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pin assertion is a library for projects on JDK 21 too: its classes are class file 65
 * (Java 21), use no preview API, and reach no class of the project that is not one of them.
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
        Set<String> names = classes.stream()
                .map(p -> CLASSES.relativize(p).toString().replace(".class", ""))
                .collect(Collectors.toSet());
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
                    .filter(name -> !names.contains(name))
                    .toList();
            assertThat(projectClassesReached)
                    .as(file + " reaches classes compiled for 25")
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
