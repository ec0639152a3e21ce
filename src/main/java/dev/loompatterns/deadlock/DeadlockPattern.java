package dev.loompatterns.deadlock;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Catalogue entry for {@code deadlock}; see the package documentation. */
public final class DeadlockPattern extends AbstractPattern {

    /** Pairs one run may deadlock: two threads each, and every one of them in the thread dump. */
    static final int MAX_PAIRS = 1_000;

    static final PatternInfo INFO =
            PatternInfo.fromCatalogue("deadlock").maxTasks(MAX_PAIRS).build(); // tasks are pairs of workers

    /**
     * Platform: a platform thread per worker, the watchdog on the calling thread, the kind of thread
     * {@code ThreadMXBean} sees deadlocked; virtual: a virtual thread per worker, which deadlock the same but only
     * the JSON thread dump sees; structured: a fork per worker in one named scope, the watchdog one more
     * fork.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformDeadlock::new, VirtualDeadlock::new, StructuredDeadlock::new);

    /**
     * Runs {@code tasks} pairs of workers taking two locks in opposite order, which the watchdog finds and
     * breaks, then the same pairs in one global order, which another watchdog guards; checks that the thread
     * dump and the locks (and in platform mode {@code ThreadMXBean}) gave every cycle, each victim backed off
     * while its partner completed, and in the global order no pair deadlocked and every worker completed.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        return run(
                FORMS.of(mode),
                mode,
                LockPair.pairs(workload.tasks(), LockPair.Order.OPPOSITE),
                LockPair.pairs(workload.tasks(), LockPair.Order.GLOBAL));
    }

    /** Both phases in the form, each with its watchdog, then the check. */
    static Check run(Form form, Mode mode, List<LockPair> opposite, List<LockPair> global) throws Exception {
        Watchdog watchdog = new Watchdog(opposite);
        form.run(LockPair.workersOf(opposite), watchdog);
        Watchdog guard = Watchdog.guarding(global);
        form.run(LockPair.workersOf(global), guard);
        return check(mode, opposite, watchdog.detections(), global, guard.broken());
    }

    /**
     * The JSON thread dump listed every deadlocked worker parked in {@code lockInterruptibly} and,
     * with the owners read from the locks, gave every pair's cycle (in every mode), and ThreadMXBean
     * saw every cycle too in platform mode; each deadlock was broken with the victim backing off and
     * its partner completing; in the global order the guard saw no pair deadlocked, and every worker
     * completed.
     *
     * @param detections     what the opposite phase's watchdog saw: ThreadMXBean, then the dump
     * @param brokenInGlobal the global pairs the guard found deadlocked and broke
     */
    static Check check(
            Mode mode,
            List<LockPair> opposite,
            List<Detection> detections,
            List<LockPair> global,
            List<Integer> brokenInGlobal) {
        Set<Set<Long>> expected = new HashSet<>();
        for (LockPair pair : opposite) {
            expected.add(Set.of(pair.worker(0).threadId(), pair.worker(1).threadId()));
        }
        Detection mx = detections.get(0);
        Detection dump = detections.get(1);
        if (!new HashSet<>(dump.cycles()).equals(expected)) {
            return Check.failed(dump.detector() + " and the locks' owners gave "
                    + dump.cycles().size() + " of " + expected.size() + " cycles: " + dump.evidence());
        }
        boolean mxSawAll = new HashSet<>(mx.cycles()).equals(expected);
        if (mode == Mode.PLATFORM && !mxSawAll) {
            return Check.failed(mx.detector() + " saw " + mx.cycles().size() + " of " + expected.size() + " pairs: "
                    + mx.evidence());
        }
        for (LockPair pair : opposite) {
            if (pair.result(0) != LockPair.Result.COMPLETED
                    || pair.result(1) != LockPair.Result.BACKED_OFF
                    || pair.criticalSections() != 1) {
                return Check.failed("pair " + pair.index + " not broken cleanly: a " + pair.result(0) + ", b "
                        + pair.result(1) + ", " + pair.criticalSections() + " critical sections");
            }
        }
        if (!brokenInGlobal.isEmpty()) {
            return Check.failed("global order: pair " + brokenInGlobal.getFirst() + " deadlocked ("
                    + brokenInGlobal.size() + " of " + global.size() + " pairs); the watchdog broke it");
        }
        for (LockPair pair : global) {
            if (pair.result(0) != LockPair.Result.COMPLETED
                    || pair.result(1) != LockPair.Result.COMPLETED
                    || pair.criticalSections() != 2) {
                return Check.failed(
                        "global order, pair " + pair.index + ": a " + pair.result(0) + ", b " + pair.result(1));
            }
        }
        int n = opposite.size();
        String mxSaw =
                mx.detector() + " saw " + (mxSawAll ? "all " + n : mx.cycles().size()) + " (" + mx.evidence() + ")";
        // The dump gives who is parked in lockInterruptibly; who owns each lock comes from the lock itself.
        return Check.passed(Check.count(n, "pair") + " deadlocked; " + dump.detector() + " listed all " + 2 * n
                + " parked, owners read from the locks (" + dump.evidence() + "); " + mxSaw + "; broken: " + n
                + (n == 1 ? " victim" : " victims") + " interrupted, backed off; " + Check.count(n, "partner")
                + " completed; global order: no cycle seen, "
                + 2 * n + " of " + 2 * n + " completed");
    }
}
