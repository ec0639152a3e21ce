package dev.loompatterns.threadconfig;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.Objects;

/** Catalogue entry for {@code thread-config}; see the package documentation. */
public final class ThreadConfigPattern extends AbstractPattern {

    static final String NAME_PREFIX = "worker-";
    /** Above normal, so that a thread that ignores it is told apart from one that keeps it. */
    static final int PRIORITY = 8;

    static final PatternInfo INFO = PatternInfo.fromCatalogue("thread-config").build();

    /** The variant whose threads inherit the creator's inheritable thread-locals. */
    static final Variant INHERIT_LOCALS = INFO.variant("inherit-locals");

    /**
     * Platform: every setting (a counted name, daemon, priority, inheritable locals, a handler) on one
     * {@code Thread.ofPlatform()} builder; virtual: the same on {@code Thread.ofVirtual()}, which has no daemon or
     * priority (its {@code setPriority} is accepted and ignored); structured: that virtual builder's factory,
     * wrapped to call {@code setPriority} as the virtual form does, given to the scope, where a fork's failure is
     * kept by its subtask instead of reaching the handler.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformThreadConfig::new, VirtualThreadConfig::new, StructuredThreadConfig::new);

    /**
     * The configuration the variant asks for. The daemon flag asked is the opposite of the calling thread's
     * (true from the CLI's main thread): a platform thread not told otherwise takes its creator's, so only the
     * opposite shows that the builder's {@code daemon(..)} took effect.
     */
    static ThreadConfig configFor(Variant variant) {
        return new ThreadConfig(
                NAME_PREFIX,
                !Thread.currentThread().isDaemon(),
                PRIORITY,
                variant.id().equals(INHERIT_LOCALS.id()));
    }

    /**
     * Starts {@code tasks} workers configured as the variant says, the last one failing, in the mode's form
     * and checks that each thread had the name, argument, daemon flag, priority and inherited value asked
     * for, as far as its kind allows, and that the failure reached the handler, or in a scope only its
     * subtask.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        ThreadConfig config = configFor(variant);
        return check(mode, workload.tasks(), config, FORMS.of(mode).runAll(workload.tasks(), config));
    }

    /**
     * Every thread carried the configuration asked for, as far as its kind allows: a virtual
     * thread is always a daemon at normal priority. The last worker's failure reached the
     * uncaught-exception handler, or, in a scope, its subtask and not the handler.
     */
    static Check check(Mode mode, int workers, ThreadConfig config, Outcome result) {
        boolean virtual = mode != Mode.PLATFORM;
        boolean wantDaemon = virtual || config.daemon();
        int wantPriority = virtual ? Thread.NORM_PRIORITY : config.priority();
        String wantInherited = config.inheritLocals() ? Worker.REQUEST_VALUE : null;
        boolean[] seen = new boolean[workers];
        for (WorkerReport o : result.reports()) {
            if (o.worker() < 0 || o.worker() >= workers || seen[o.worker()]) {
                return Check.failed("worker " + o.worker() + " ran twice or was not asked for");
            }
            seen[o.worker()] = true;
            String want = config.namePrefix() + o.worker();
            String problem = !o.name().equals(want)
                    ? "was named " + o.name() + ", not " + want
                    : !o.argument().equals(Worker.argumentFor(o.worker())) // handed it by the creating loop
                            ? "got argument " + o.argument() + ", not " + Worker.argumentFor(o.worker())
                            : o.daemon() != wantDaemon
                                    ? "had daemon " + o.daemon()
                                    : o.priority() != wantPriority
                                            ? "had priority " + o.priority() + ", not " + wantPriority
                                            : o.virtual() != virtual
                                                    ? "ran on a " + (o.virtual() ? "virtual" : "platform") + " thread"
                                                    : !Objects.equals(o.inherited(), wantInherited)
                                                            ? "inherited " + o.inherited() + ", not " + wantInherited
                                                            : null;
            if (problem != null) {
                return Check.failed("worker " + o.worker() + " " + problem);
            }
        }
        if (result.reports().size() != workers) {
            return Check.failed((workers - result.reports().size()) + " of " + workers + " workers did not run");
        }
        String failure = Worker.failureMessage(workers - 1);
        String lastThread = config.namePrefix() + (workers - 1);
        String where;
        if (mode == Mode.STRUCTURED) {
            if (!result.uncaught().isEmpty()
                    || result.captured().size() != 1
                    || !failure.equals(result.captured().getFirst().getMessage())) {
                return Check.failed("expected the failure in its subtask only; handler saw "
                        + result.uncaught().size() + ", subtasks kept "
                        + result.captured().size());
            }
            where = "the failure was kept by its subtask, the handler saw none";
        } else {
            if (!result.captured().isEmpty()
                    || result.uncaught().size() != 1
                    || !result.uncaught().getFirst().thread().equals(lastThread)
                    || !failure.equals(result.uncaught().getFirst().failure().getMessage())) {
                return Check.failed(
                        "expected one failure from " + lastThread + " in the handler, got " + result.uncaught());
            }
            where = "the handler caught " + lastThread + "'s failure";
        }
        return Check.passed(workers + " threads named " + config.namePrefix() + "0.." + lastThread
                + ", daemon " + wantDaemon + ", priority " + wantPriority
                + (wantPriority != config.priority() ? " (asked " + config.priority() + ", ignored)" : "")
                + ", inherited " + wantInherited + "; " + where);
    }
}
