package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pattern package reads the same (docs/design.md, "A pattern's package"): the catalogue entry
 * {@code XPattern} extends {@link AbstractPattern} and holds its {@link PatternInfo} and its
 * {@link ByMode} forms as constants, the package's interface {@code Form} is what every mode
 * implements, and the forms are {@code PlatformX}, {@code VirtualX}, {@code StructuredX}; no class
 * is a "Demo".
 */
class VocabularyTest {

    private static final Set<String> METADATA = Set.of(
            "id",
            "title",
            "tutorial",
            "number",
            "defaultTasks",
            "variants",
            "params",
            "runByDefault",
            "maxTasks",
            "modes");

    private static final Catalogue CATALOGUE = Catalogue.load();

    static Stream<String> patterns() {
        return CATALOGUE.ids().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void thePatternClassHoldsItsMetadataAsDataAndPicksItsFormInOnePlace(String id) {
        Pattern pattern = CATALOGUE.find(id);
        Class<?> type = pattern.getClass();
        assertThat(type.getSimpleName()).endsWith("Pattern");
        assertThat(type.getSuperclass())
                .as("%s extends AbstractPattern, which holds its info", type.getSimpleName())
                .isSameAs(AbstractPattern.class);
        assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName))
                .as("metadata overridden in %s: it belongs in its PatternInfo", type.getSimpleName())
                .noneMatch(METADATA::contains);
        assertThat(staticFinalsOf(type, PatternInfo.class))
                .as("a PatternInfo constant")
                .hasSize(1);
        assertThat(staticFinalsOf(type, ByMode.class))
                .as("a ByMode<Form> constant: the mode picks the form there")
                .hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void everyModeImplementsTheFormAndIsNamedForIt(String id) throws Exception {
        Pattern pattern = CATALOGUE.find(id);
        Class<?> type = pattern.getClass();
        String x = type.getSimpleName().substring(0, type.getSimpleName().length() - "Pattern".length());
        Class<?> form = Class.forName(type.getPackageName() + ".Form");
        assertThat(form.isInterface())
                .as("%s.Form is an interface", type.getPackageName())
                .isTrue();
        for (Mode mode : pattern.modes()) {
            String name = switch (mode) {
                        case PLATFORM -> "Platform";
                        case VIRTUAL -> "Virtual";
                        case STRUCTURED -> "Structured";
                    }
                    + x;
            Class<?> modeClass = Class.forName(type.getPackageName() + "." + name);
            assertThat(form.isAssignableFrom(modeClass))
                    .as("%s implements Form", name)
                    .isTrue();
            assertThat(modeClass).isSameAs(byMode(type).of(mode).getClass());
            assertThat(Modifier.isPublic(modeClass.getModifiers()) && Modifier.isFinal(modeClass.getModifiers()))
                    .as("%s is public final, as every package's forms are", name)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void noClassIsADemo(String id) throws Exception {
        Pattern pattern = CATALOGUE.find(id);
        assertThat(classesIn(pattern.getClass().getPackageName())).noneMatch(name -> name.endsWith("Demo"));
    }

    /**
     * The essay says what each form guarantees about memory (which action happens-before the check reads the result),
     * and shows code in a {@code {@snippet}} (JEP 413), as java.util.concurrent's class comments show a worked example
     * (three essays showed none).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void theEssayHasAMemoryConsistencySectionAndASnippet(String id) throws IOException {
        String pkg = CATALOGUE.find(id).getClass().getPackageName();
        Path essay = Path.of("src/main/java", pkg.replace('.', '/'), "package-info.java");
        assertThat(Files.readString(essay))
                .as(essay.toString())
                .contains("<h2>Memory consistency effects</h2>")
                .containsPattern("happens-before|happen-before")
                .contains("{@snippet")
                .doesNotContain("<pre>");
    }

    private static List<Field> staticFinalsOf(Class<?> type, Class<?> of) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f ->
                        Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()) && f.getType() == of)
                .toList();
    }

    private static ByMode<?> byMode(Class<?> type) throws IllegalAccessException {
        Field field = staticFinalsOf(type, ByMode.class).getFirst();
        field.setAccessible(true);
        return (ByMode<?>) field.get(null);
    }

    /** The top-level classes of a package, from the compiled classes' folder. */
    private static List<String> classesIn(String packageName) throws IOException, URISyntaxException {
        Path folder = Path.of(VocabularyTest.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .getParent()
                .resolve("classes")
                .resolve(packageName.replace('.', '/'));
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .toList();
        }
    }
}
