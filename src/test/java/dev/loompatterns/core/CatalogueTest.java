package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {

    /**
     * The ids and their order are a contract (docs/design.md, the catalogue: ids and numbers); the number is the
     * position.
     */
    static final List<String> DESIGN_IDS = List.of(
            "thread-basics",
            "creation-styles",
            "daemon-threads",
            "thread-config",
            "lifecycle",
            "lock-counter",
            "reentrant-lock",
            "semaphore-pool",
            "event-signal",
            "bounded-buffer",
            "url-fetch",
            "task-queue",
            "exceptions",
            "deadlock",
            "context",
            "race",
            "deadline",
            "pinning",
            "scheduling",
            "backpressure",
            "timer");

    private final Catalogue catalogue = Catalogue.load();

    @Test
    void everyPatternHasADesignIdAndItsCatalogueNumber() {
        assertThat(catalogue.patterns()).isNotEmpty();
        for (Pattern pattern : catalogue.patterns()) {
            assertThat(DESIGN_IDS)
                    .as(
                            "%s: a new pattern's id goes at the end of DESIGN_IDS here and of the id table in"
                                    + " docs/design.md",
                            pattern.id())
                    .contains(pattern.id());
            assertThat(pattern.number()).as(pattern.id()).isEqualTo(DESIGN_IDS.indexOf(pattern.id()) + 1);
        }
    }

    /** A mistake in catalogue.txt is said by its line, not as the first pattern that could not be made. */
    @Test
    void aCatalogueThatDoesNotLoadSaysWhyFirst() {
        var parse = new IllegalArgumentException("catalogue.txt line 177: unknown field 'task' in countdown-latch");
        var error = new java.util.ServiceConfigurationError(
                "dev.loompatterns.core.Pattern: Provider dev.loompatterns.threadbasics.ThreadBasicsPattern could not"
                        + " be instantiated",
                new ExceptionInInitializerError(parse));
        IllegalStateException said = Catalogue.notLoaded(error);
        assertThat(said.getMessage())
                .startsWith("the catalogue did not load: catalogue.txt line 177: unknown field 'task'")
                .contains("ThreadBasicsPattern could not be instantiated");
        assertThat(said).hasCause(error);
    }

    /** The loader's own error, met in {@link Catalogue#load()}, comes out as that same message. */
    @Test
    void aRegistrationThatCannotBeMadeStopsTheLoadWithItsCause(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services/" + Pattern.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "dev.loompatterns.nosuch.NoSuchPattern\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before)) {
            thread.setContextClassLoader(loader);
            assertThatThrownBy(Catalogue::load)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the catalogue did not load: ")
                    .hasMessageContaining("dev.loompatterns.nosuch.NoSuchPattern not found")
                    .hasCauseInstanceOf(ServiceConfigurationError.class);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void patternsComeInCatalogueOrderWithDistinctIds() {
        assertThat(catalogue.ids())
                .doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> DESIGN_IDS.indexOf(a) - DESIGN_IDS.indexOf(b));
    }

    @Test
    void everyPatternDescribesItself() {
        for (Pattern pattern : catalogue.patterns()) {
            assertThat(pattern.title()).as(pattern.id()).isNotBlank();
            assertThat(pattern.tutorial()).as(pattern.id()).isNotBlank();
        }
    }

    /**
     * {@code catalogue.txt} has a block for every registered pattern and a registered pattern for
     * every block, in the design's order, and a pattern's info says what its block says.
     */
    @Test
    void everyRegisteredPatternHasItsBlockInTheCatalogueFileAndEveryBlockAPattern() {
        List<CatalogueFile.Entry> entries = CatalogueFile.get().entries();
        assertThat(entries)
                .extracting(entry -> entry.info().id())
                .as("the blocks of catalogue.txt against DESIGN_IDS in CatalogueTest: a new pattern's id goes at"
                        + " the end of both, and its class in"
                        + " src/main/resources/META-INF/services/dev.loompatterns.core.Pattern (docs/design.md,"
                        + " how to add a pattern)")
                .containsExactlyElementsOf(DESIGN_IDS);
        assertThat(entries)
                .extracting(entry -> entry.info().number())
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, DESIGN_IDS.size()).boxed().toList());
        assertThat(catalogue.ids())
                .as("the patterns registered in src/main/resources/META-INF/services/dev.loompatterns.core.Pattern"
                        + " (a pattern class a line), in catalogue.txt's order")
                .containsExactlyElementsOf(DESIGN_IDS);
        for (Pattern pattern : catalogue.patterns()) {
            PatternInfo info = pattern.info();
            assertThat(pattern.getClass().getPackageName())
                    .as(pattern.id())
                    .isEqualTo("dev.loompatterns." + pattern.id().replace("-", ""));
            assertThat(info)
                    .as("%s: its number, id, title, tutorial, tasks and variants are its block's", pattern.id())
                    .isEqualTo(CatalogueFile.get()
                            .entry(pattern.id())
                            .builder()
                            .params(info.params().toArray(Param[]::new))
                            .maxTasks(info.maxTasks(Mode.PLATFORM), info.maxTasks(Mode.VIRTUAL))
                            .build());
        }
    }

    @Test
    void unknownIdNamesTheNearestMatchAndWhereTheIdsAreListed() {
        assertThatThrownBy(() -> catalogue.find("lock-countr"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown pattern 'lock-countr'; did you mean 'lock-counter'? (see 'loom list')");
        assertThatThrownBy(() -> catalogue.find("zzzzzzzzzzzzzzzzz"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown pattern 'zzzzzzzzzzzzzzzzz' (see 'loom list')");
    }

    @Test
    void editDistanceCountsSingleEdits() {
        assertThat(Typo.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(Typo.editDistance("", "abc")).isEqualTo(3);
        assertThat(Typo.editDistance("same", "same")).isZero();
        assertThat(Typo.editDistance("lsit", "list"))
                .as("two neighbours swapped: one edit")
                .isEqualTo(1);
    }

    /**
     * An empty id suggested the first id ("race"): every id begins with nothing. A word far from every
     * candidate gets no suggestion.
     */
    @Test
    void nothingTypedOrNothingNearHasNoSuggestion() {
        assertThat(catalogue.nearest("")).isNull();
        assertThat(Typo.nearest("exmaple", List.of("list", "run", "compare", "scale", "inspect")))
                .isNull();
        assertThat(Typo.nearest("lsit", List.of("list", "run", "fidelity"))).isEqualTo("list");
        assertThat(Typo.nearest("--mdoe", List.of("--mode", "--modes"))).isEqualTo("--mode");
        // the beginning of one id: the nearest by edits was another ('back' gave 'race'), or none ('sched')
        assertThat(catalogue.nearest("back")).isEqualTo("backpressure");
        assertThat(catalogue.nearest("sched")).isEqualTo("scheduling");
        assertThat(Typo.nearest("insp", List.of("list", "run", "inspect", "fidelity")))
                .isEqualTo("inspect");
    }
}
