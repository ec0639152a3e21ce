package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pattern in the catalogue, in every mode and variant, passes its own check with a small
 * workload (a wrong-way variant: shown, or not shown with why). New patterns are covered as soon
 * as they are registered.
 */
class CatalogueRunsTest {

    static Stream<Arguments> cells() {
        return Catalogue.load().patterns().stream()
                .flatMap(pattern -> pattern.modes().stream()
                        .flatMap(mode -> pattern.variants().stream()
                                .map(variant -> Arguments.of(pattern.id(), mode, variant.id()))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    @Timeout(120) // backstop: a hung pattern fails here instead of hanging the build
    void everyCellPassesItsCheck(String id, Mode mode, String variantId) throws InterruptedException {
        Pattern pattern = Catalogue.load().find(id);
        Variant variant = pattern.variant(variantId);
        Workload small = Workload.resolve(pattern, mode, Math.min(pattern.defaultTasks(), 50), Map.of());

        RunReport report = new Runner().run(pattern, mode, variant, small);

        // a wrong-way variant shows its flaw, or says why it did not this time; it never passes or fails
        assertThat(report.check().verdict())
                .as("%s %s %s: %s", id, mode, variantId, report.check().detail())
                .isIn(
                        variant.wrongWay()
                                ? List.of(Check.Verdict.DEMONSTRATED, Check.Verdict.NOT_SHOWN)
                                : List.of(Check.Verdict.PASSED));
        assertThat(report.check().detail()).isNotBlank();
        assertThat(report.tasks()).isEqualTo(small.tasks());
        assertThat(report.wall()).isPositive();
    }
}
