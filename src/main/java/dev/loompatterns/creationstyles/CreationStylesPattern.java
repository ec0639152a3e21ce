package dev.loompatterns.creationstyles;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Catalogue entry for {@code creation-styles}; see the package documentation. */
public final class CreationStylesPattern extends AbstractPattern {

    static final PatternInfo INFO = PatternInfo.fromCatalogue("creation-styles").build();

    /**
     * Platform: workers spread round-robin over four ways to make a thread (a runnable target, a
     * {@code Thread} subclass, the {@code Thread.ofPlatform()} builder, a
     * {@link java.util.concurrent.ThreadFactory}); virtual: over two, the {@code Thread.ofVirtual()} builder and a
     * virtual-thread-per-task executor; structured: one, a fork of a {@link java.util.concurrent.Callable}.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformCreationStyles::new, VirtualCreationStyles::new, StructuredCreationStyles::new);

    /**
     * Starts {@code tasks} workers in the mode's form and checks that each ran exactly once, with its own
     * argument, on the thread the style its index asked for makes for it, as the thread's name shows, a
     * platform thread in platform mode and a virtual one otherwise.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Form form = FORMS.of(mode);
        return check(mode, workload.tasks(), form.styles(), form.runAll(workload.tasks()), form.note());
    }

    /**
     * Every worker ran exactly once, with its own argument, on a thread named exactly as the style its
     * index asked for names that worker's thread, and of the kind its mode promises.
     */
    static Check check(Mode mode, int workers, List<Form.Style> styles, List<Outcome> runs, String note) {
        Outcome[] byWorker = new Outcome[workers];
        boolean wantVirtual = mode != Mode.PLATFORM;
        for (Outcome run : runs) {
            if (run.worker() < 0 || run.worker() >= workers) {
                return Check.failed("a run for worker " + run.worker() + ", of " + workers);
            }
            if (byWorker[run.worker()] != null) {
                return Check.failed("worker " + run.worker() + " ran twice");
            }
            byWorker[run.worker()] = run;
            if (!run.argument().equals(Greeter.argumentFor(run.worker()))) {
                return Check.failed("worker " + run.worker() + " got argument '" + run.argument() + "'");
            }
            Form.Style style = styles.get(run.worker() % styles.size());
            String name = style.threadName(run.worker(), styles.size());
            if (!run.thread().equals(name)) {
                return Check.failed("worker " + run.worker() + " ran on '" + run.thread() + "', not the "
                        + style.label() + " thread (" + (name.isEmpty() ? "unnamed" : name) + ")");
            }
            if (run.virtual() != wantVirtual) {
                return Check.failed(
                        "worker " + run.worker() + " ran on a " + (run.virtual() ? "virtual" : "platform") + " thread");
            }
        }
        if (runs.size() != workers) {
            return Check.failed((workers - runs.size()) + " of " + workers + " workers did not run");
        }
        Map<String, Long> perStyle = runs.stream()
                .collect(Collectors.groupingBy(
                        run -> styles.get(run.worker() % styles.size()).label(), TreeMap::new, Collectors.counting()));
        String styleCounts = perStyle.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return Check.passed(Check.count(workers, "worker") + " ran once each with their own argument (" + styleCounts
                + ") on " + (wantVirtual ? "virtual" : "platform") + " threads" + (note.isEmpty() ? "" : "; " + note));
    }
}
