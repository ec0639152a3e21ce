package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The words the reports print for each verdict, and which verdicts fail a run. */
class CheckTest {

    @Test
    void eachVerdictHasItsWordAndOnlyFailedIsNotOk() {
        assertThat(Check.passed("d")).extracting(Check::word, Check::ok).containsExactly("pass", true);
        assertThat(Check.failed("d")).extracting(Check::word, Check::ok).containsExactly("FAIL", false);
        assertThat(Check.demonstrated("d")).extracting(Check::word, Check::ok).containsExactly("shown", true);
        assertThat(Check.notShown("d")).extracting(Check::word, Check::ok).containsExactly("not shown", true);
    }

    @Test
    void aFlawNotShownIsItsOwnVerdictWithItsReason() {
        Check check = Check.notShown("lost none of 100 this time");
        assertThat(check.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(check.detail()).isEqualTo("lost none of 100 this time");
    }

    @Test
    void anExpectationSaysWhatItsVerdictMeansAfterWhatWasMeasured() {
        Check passed = Check.expect(true, "waited 2 ms", ": at once", "; expected under 5 ms");
        Check failed = Check.expect(false, "waited 9 ms", ": at once", "; expected under 5 ms");
        assertThat(passed)
                .extracting(Check::verdict, Check::detail)
                .containsExactly(Check.Verdict.PASSED, "waited 2 ms: at once");
        assertThat(failed)
                .extracting(Check::verdict, Check::detail)
                .containsExactly(Check.Verdict.FAILED, "waited 9 ms; expected under 5 ms");
    }

    /** A count in a check's detail is singular for one: "1 workers ran once each" was a run's with --tasks 1. */
    @Test
    void aCountIsSingularForOneOnly() {
        assertThat(Check.count(1, "worker")).isEqualTo("1 worker");
        assertThat(Check.count(0, "worker")).isEqualTo("0 workers");
        assertThat(Check.count(20_000, "worker")).isEqualTo("20000 workers");
        // a plural of its own: "1 bodies" was printed (a hunt)
        assertThat(Check.count(1, "body", "bodies")).isEqualTo("1 body");
        assertThat(Check.count(0, "body", "bodies")).isEqualTo("0 bodies");
    }
}
