package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.EventEnabled;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The N/A of {@code queueing-delay} says which of its three reasons it is: a user's recording has no such
 * event types at all (the common case), settings that left them off, or events with no pairs.
 */
class QueueingDelayRuleTest {

    private static final String SUBMITTED = "loompatterns.TaskSubmitted";
    private static final String STARTED = "loompatterns.TaskStarted";

    private static Rule.Recording recording(EventEnabled both) {
        return new Rule.Recording(0, 1_000_000_000L, 10, 100, "x.jfr", Map.of(SUBMITTED, both, STARTED, both));
    }

    @Test
    void aProgramWithoutLoomsEventsIsToldSo() {
        Finding finding = new QueueingDelayRule().finish(recording(EventEnabled.ABSENT));

        assertThat(finding.severity()).isEqualTo(Severity.NA);
        assertThat(finding.summary())
                .startsWith("Not recorded: the program that made this recording has no loompatterns.TaskSubmitted");
        assertThat(finding.explanation()).contains("./loom run scheduling --variant queueing-delay");
    }

    @Test
    void settingsThatLeftTheEventsOffAreNamed() {
        Finding finding = new QueueingDelayRule().finish(recording(EventEnabled.OFF));

        assertThat(finding.severity()).isEqualTo(Severity.NA);
        assertThat(finding.summary()).contains("settings leave loompatterns.TaskSubmitted and");
    }

    @Test
    void eventsThatNeverPairedAreCounted() {
        QueueingDelayRule rule = new QueueingDelayRule();
        rule.accept(new Observation.TaskSubmitted(10, 1));
        rule.accept(new Observation.TaskSubmitted(20, 2));
        rule.accept(new Observation.TaskStarted(30, 3, new Observation.ThreadRef(5, "", true)));

        Finding finding = rule.finish(recording(EventEnabled.ON));

        assertThat(finding.severity()).isEqualTo(Severity.NA);
        assertThat(finding.summary()).contains("(3 events without its other half");
        assertThat(finding.details()).containsEntry("unpaired", 3);
    }

    @Test
    void onePairIsMeasured() {
        QueueingDelayRule rule = new QueueingDelayRule();
        rule.accept(new Observation.TaskStarted(150_000_000L, 1, new Observation.ThreadRef(5, "", true)));
        rule.accept(new Observation.TaskSubmitted(10_000_000L, 1));

        Finding finding = rule.finish(recording(EventEnabled.ON));

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.summary()).isEqualTo("1 task waited 140 ms before it started.");
    }

    /**
     * A start stamped before its submission (clocks that disagree) is a wait of 0: the longest wait names
     * that task, not task 0 (none such), and reads 0, not a negative.
     */
    @Test
    void aStartBeforeItsSubmissionIsAWaitOfNone() {
        QueueingDelayRule rule = new QueueingDelayRule();
        rule.accept(new Observation.TaskSubmitted(1_000_000_000L, 42));
        rule.accept(new Observation.TaskStarted(995_000_000L, 42, new Observation.ThreadRef(5, "", true)));

        Finding finding = rule.finish(recording(EventEnabled.ON));

        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.summary()).isEqualTo("1 task waited 0 ms before it started.");
        assertThat(finding.details())
                .containsEntry("tasks", 1L)
                .containsEntry("longest_task", 42L)
                .containsEntry("longest_ms", 0.0);
    }
}
