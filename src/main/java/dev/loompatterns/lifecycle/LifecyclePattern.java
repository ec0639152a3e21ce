package dev.loompatterns.lifecycle;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.ArrayList;
import java.util.List;

/** Catalogue entry for {@code lifecycle}; see the package documentation. */
public final class LifecyclePattern extends AbstractPattern {

    /**
     * Tasks are subjects, walked one after another, each with a helper thread to join; a few
     * milliseconds each, so more than 10,000 would only take long.
     */
    static final PatternInfo INFO =
            PatternInfo.fromCatalogue("lifecycle").maxTasks(10_000).build();

    /**
     * Platform: a platform subject and helper thread, started by the caller and seen from NEW to TERMINATED;
     * virtual: the same walk on virtual threads, which unmount while they sleep, park, join or block;
     * structured: subject and helper as forks, never seen NEW, with the subtask's states read beside the
     * thread's.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformLifecycle::new, VirtualLifecycle::new, StructuredLifecycle::new);

    /**
     * Walks {@code tasks} subjects, one after another, through the thread state diagram in the mode's form
     * and checks that each showed every state in order and, in structured mode, that its subtask went from
     * UNAVAILABLE to SUCCESS, or to FAILED for an odd-numbered subject.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Form form = FORMS.of(mode);
        List<Outcome> outcomes = new ArrayList<>(workload.tasks());
        for (int task = 0; task < workload.tasks(); task++) {
            outcomes.add(form.observe(task));
        }
        return check(mode, outcomes);
    }

    /** The thread states a subject of this mode is expected to show, in order. */
    static List<String> expectedThreadStates(Mode mode) {
        List<String> states = StateWalk.drivenStates();
        if (mode != Mode.STRUCTURED) {
            states.addFirst(Thread.State.NEW.name()); // a fork is started by fork(): never seen NEW
        }
        states.add(Thread.State.TERMINATED.name());
        return states;
    }

    static List<String> expectedSubtaskStates(Mode mode, int task) {
        return mode != Mode.STRUCTURED ? List.of() : List.of("UNAVAILABLE", task % 2 == 1 ? "FAILED" : "SUCCESS");
    }

    /** A virtual thread's {@code toString()} names its carrier after an {@code @} only while it is mounted. */
    private static String carrier(String virtualThread) {
        return virtualThread.contains("@") ? " (mounted)" : " (unmounted)";
    }

    /**
     * Where {@code seen} first departs from {@code expected}, as the check says it: a step the walk gave up
     * on reads {@code showed RUNNABLE in PARKING (timed out), not WAITING(park)}; null if they are equal.
     */
    private static String firstDifference(List<String> seen, List<String> expected) {
        for (int i = 0; i < Math.max(seen.size(), expected.size()); i++) {
            if (i >= seen.size()) {
                return "showed no " + expected.get(i) + " after " + seen.size() + " states";
            }
            if (i >= expected.size()) {
                return "showed " + seen.get(i) + " after " + expected.getLast();
            }
            if (!seen.get(i).equals(expected.get(i))) {
                return "showed " + seen.get(i) + ", not " + expected.get(i);
            }
        }
        return null;
    }

    /** Every subject showed every state of the diagram in order, and every subtask its states. */
    static Check check(Mode mode, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Check.failed("no subject was observed");
        }
        List<String> expected = expectedThreadStates(mode);
        for (Outcome o : outcomes) {
            String difference = firstDifference(o.threadStates(), expected);
            if (difference != null) {
                return Check.failed("subject " + o.task() + " " + difference);
            }
            if (!o.subtaskStates().equals(expectedSubtaskStates(mode, o.task()))) {
                return Check.failed("subtask " + o.task() + " showed " + o.subtaskStates() + ", expected "
                        + expectedSubtaskStates(mode, o.task()));
            }
        }
        StringBuilder detail = new StringBuilder()
                .append(outcomes.size())
                .append(mode == Mode.PLATFORM ? " platform" : " virtual")
                .append(" threads showed ")
                .append(String.join(" > ", expectedThreadStates(mode)));
        if (mode == Mode.STRUCTURED) {
            long failed = outcomes.stream()
                    .filter(o -> o.subtaskStates().getLast().equals("FAILED"))
                    .count();
            detail.append("; subtasks UNAVAILABLE > SUCCESS (")
                    .append(outcomes.size() - failed)
                    .append(") or FAILED (")
                    .append(failed)
                    .append(")");
        }
        if (mode != Mode.PLATFORM) {
            Outcome first = outcomes.getFirst();
            detail.append("; spinning: ")
                    .append(first.mountedAs())
                    .append(", parked: ")
                    .append(first.parkedAs())
                    .append(carrier(first.parkedAs()))
                    .append(", blocked: ")
                    .append(first.blockedAs())
                    .append(carrier(first.blockedAs()));
        }
        return Check.passed(detail.toString());
    }
}
