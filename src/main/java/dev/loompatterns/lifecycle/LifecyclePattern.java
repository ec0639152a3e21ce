package dev.loompatterns.lifecycle;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.ArrayList;
import java.util.List;

/** Catalogue entry for {@code lifecycle}; see the package documentation. */
public final class LifecyclePattern implements Pattern {

    @Override
    public String id() {
        return "lifecycle";
    }

    @Override
    public String title() {
        return "the thread state diagram, observed";
    }

    @Override
    public String tutorial() {
        return "the thread life cycle diagram: new, runnable, blocked/waiting, terminated";
    }

    @Override
    public int number() {
        return 5;
    }

    /** Tasks are subjects, walked one after another, each with a helper thread to join. */
    @Override
    public int defaultTasks() {
        return 20;
    }

    /** Subjects are walked one after another, a few milliseconds each: more would only take long. */
    @Override
    public int maxTasks(Mode mode) {
        return 10_000;
    }

    static StateObserver observerFor(Mode mode) {
        return switch (mode) {
            case PLATFORM -> new PlatformLifecycle();
            case VIRTUAL -> new VirtualLifecycle();
            case STRUCTURED -> new StructuredLifecycle();
        };
    }

    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        StateObserver observer = observerFor(mode);
        List<Observation> observations = new ArrayList<>(workload.tasks());
        for (int task = 0; task < workload.tasks(); task++) {
            observations.add(observer.observe(task));
        }
        return check(mode, observations);
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

    /** Every subject showed every state of the diagram in order, and every subtask its states. */
    static Check check(Mode mode, List<Observation> observations) {
        if (observations.isEmpty()) {
            return Check.failed("no subject was observed");
        }
        for (Observation o : observations) {
            if (!o.threadStates().equals(expectedThreadStates(mode))) {
                return Check.failed("subject " + o.task() + " showed " + o.threadStates() + ", expected " + expectedThreadStates(mode));
            }
            if (!o.subtaskStates().equals(expectedSubtaskStates(mode, o.task()))) {
                return Check.failed("subtask " + o.task() + " showed " + o.subtaskStates() + ", expected " + expectedSubtaskStates(mode, o.task()));
            }
        }
        StringBuilder detail = new StringBuilder()
                .append(observations.size()).append(mode == Mode.PLATFORM ? " platform" : " virtual").append(" threads showed ")
                .append(String.join(" > ", expectedThreadStates(mode)));
        if (mode == Mode.STRUCTURED) {
            long failed = observations.stream().filter(o -> o.subtaskStates().getLast().equals("FAILED")).count();
            detail.append("; subtasks UNAVAILABLE > SUCCESS (").append(observations.size() - failed)
                    .append(") or FAILED (").append(failed).append(")");
        }
        if (mode != Mode.PLATFORM) {
            Observation first = observations.getFirst();
            detail.append("; spinning: ").append(first.mountedAs())
                    .append(", parked: ").append(first.parkedAs()).append(carrier(first.parkedAs()))
                    .append(", blocked: ").append(first.blockedAs()).append(carrier(first.blockedAs()));
        }
        return Check.passed(detail.toString());
    }
}
