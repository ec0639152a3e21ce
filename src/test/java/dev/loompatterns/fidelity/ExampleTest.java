package dev.loompatterns.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Mode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
                .hasMessageContaining("did not do the harness's work");
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
}
