package dev.loompatterns.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.testing.Background;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 2, unit = TimeUnit.MINUTES) // backstop: every wait in a walk is on observed state
class LifecycleTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everySubjectShowsTheWholeDiagramInOrder(Mode mode) throws Exception {
        Form form = LifecyclePattern.FORMS.of(mode);
        List<Outcome> outcomes = new ArrayList<>();
        for (int task = 0; task < 4; task++) {
            outcomes.add(form.observe(task));
        }

        List<String> walked =
                List.of("RUNNABLE(spin)", "TIMED_WAITING(sleep)", "WAITING(park)", "WAITING(join)", "BLOCKED(monitor)");
        for (Outcome o : outcomes) {
            List<String> states = o.threadStates();
            assertThat(states.getLast()).isEqualTo("TERMINATED");
            if (mode == Mode.STRUCTURED) {
                assertThat(states.subList(0, states.size() - 1)).containsExactlyElementsOf(walked);
            } else {
                assertThat(states.getFirst()).isEqualTo("NEW");
                assertThat(states.subList(1, states.size() - 1)).containsExactlyElementsOf(walked);
            }
        }
        assertThat(LifecyclePattern.check(mode, outcomes).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    @Test
    void aSubtaskIsUnavailableUntilItsForkCompletesThenSuccessOrFailed() throws Exception {
        StructuredLifecycle observer = new StructuredLifecycle();
        assertThat(observer.observe(0).subtaskStates()).containsExactly("UNAVAILABLE", "SUCCESS");
        assertThat(observer.observe(1).subtaskStates()).containsExactly("UNAVAILABLE", "FAILED");
    }

    /**
     * A mounted virtual thread's toString names its carrier; a parked one has none (JEP 444). On
     * JDK 24+ a virtual thread blocked on a monitor is unmounted too (JEP 491); before, it pinned.
     */
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"VIRTUAL", "STRUCTURED"})
    void aVirtualThreadHasACarrierOnlyWhileItRuns(Mode mode) throws Exception {
        Outcome o = LifecyclePattern.FORMS.of(mode).observe(0);
        assertThat(o.mountedAs()).contains("/runnable@");
        assertThat(o.parkedAs()).contains("/waiting").doesNotContain("@");
        if (Runtime.version().feature() >= 24) {
            assertThat(o.blockedAs()).contains("/blocked").doesNotContain("@");
        }
    }

    /**
     * A step not seen within the backstop is recorded as what was seen instead and ends the walk,
     * and the check fails naming it. The subject here is never started, so what is seen is fixed.
     */
    @Test
    void aStepNotReachedWithinTheBackstopFailsTheCheckNamingWhatWasSeen() throws Exception {
        StateWalk walk = new StateWalk(0, false, Duration.ofMillis(100));
        Thread subject = Thread.ofPlatform().unstarted(walk::subjectQuietly);
        List<String> seen = new ArrayList<>();
        seen.add(subject.getState().name());
        try {
            walk.drive(subject, seen);
        } finally {
            walk.release(subject);
        }
        seen.add(subject.getState().name());

        assertThat(seen).containsExactly("NEW", "NEW in NOT_STARTED (timed out)", "NEW");
        Check check = LifecyclePattern.check(Mode.PLATFORM, List.of(new Outcome(0, seen, List.of(), "", "", "")));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).isEqualTo("subject 0 showed NEW in NOT_STARTED (timed out), not RUNNABLE(spin)");
    }

    /**
     * A walk stuck halfway (no helper has started, so the subject waits for one after its park and
     * cannot reach the join) stops at the step it gave up on; the helper, started only then, and
     * release let the subject end.
     */
    @Test
    void aWalkStuckHalfwayStopsAtTheStepItGaveUpOnAndTheSubjectStillEnds() throws Exception {
        StateWalk walk = new StateWalk(0, false, Duration.ofMillis(100));
        List<String> seen = new ArrayList<>();
        try (Background<Object> subject = Background.start(() -> {
            walk.subjectQuietly();
            return "ended";
        })) {
            try {
                walk.drive(subject.thread(), seen);
            } finally {
                walk.release(subject.thread());
            }
            // however early the walk gave up, the subject then needs a helper to get past its wait for one
            try (Background<Object> helper = Background.start(() -> {
                walk.helper();
                return "ended";
            })) {
                assertThat(helper.join()).isEqualTo("ended");
            }
            assertThat(subject.join()).isEqualTo("ended");
        }
        // which step gave up depends on how fast the machine is: none before the join can pass it
        assertThat(seen).isNotEmpty().doesNotContain("WAITING(join)", "BLOCKED(monitor)");
        assertThat(seen.getLast()).endsWith(" (timed out)");
        assertThat(seen.subList(0, seen.size() - 1)).noneMatch(state -> state.endsWith(" (timed out)"));
    }

    @Test
    void checkFailsOnAStateOutOfOrderOrAWrongSubtaskState() {
        List<String> states = LifecyclePattern.expectedThreadStates(Mode.PLATFORM);
        List<String> swapped = new ArrayList<>(states);
        swapped.set(2, states.get(3));
        swapped.set(3, states.get(2));
        assertThat(LifecyclePattern.check(Mode.PLATFORM, List.of(new Outcome(0, swapped, List.of(), "", "", "")))
                        .detail())
                .isEqualTo("subject 0 showed WAITING(park), not TIMED_WAITING(sleep)");
        List<String> structured = LifecyclePattern.expectedThreadStates(Mode.STRUCTURED);
        assertThat(LifecyclePattern.check(
                                Mode.STRUCTURED,
                                List.of(new Outcome(1, structured, List.of("UNAVAILABLE", "SUCCESS"), "", "", "")))
                        .detail())
                .contains("expected [UNAVAILABLE, FAILED]");
        assertThat(LifecyclePattern.check(Mode.PLATFORM, List.of()).verdict()).isEqualTo(Check.Verdict.FAILED);
    }

    /**
     * A walk the diagram's states begin but do not end, or one that goes on past its end, fails too. No form
     * makes either today (a walk cut short ends in a "timed out" state, which differs before the end), but a
     * check that compared only the states both lists hold would pass them.
     */
    @Test
    void checkFailsOnAWalkShortOfTheDiagramOrPastIt() {
        List<String> states = LifecyclePattern.expectedThreadStates(Mode.PLATFORM);
        List<String> noEnd = states.subList(0, states.size() - 1);
        assertThat(LifecyclePattern.check(Mode.PLATFORM, List.of(new Outcome(0, noEnd, List.of(), "", "", "")))
                        .detail())
                .isEqualTo("subject 0 showed no TERMINATED after " + noEnd.size() + " states");
        List<String> pastEnd = new ArrayList<>(states);
        pastEnd.add("RUNNABLE(spin)");
        assertThat(LifecyclePattern.check(Mode.PLATFORM, List.of(new Outcome(0, pastEnd, List.of(), "", "", "")))
                        .detail())
                .isEqualTo("subject 0 showed RUNNABLE(spin) after TERMINATED");
    }
}
