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
     * breaks, then the same pairs in one global order; checks that the thread dump (and in platform mode
     * {@code ThreadMXBean}) saw every cycle, each victim backed off while its partner completed, and every
     * worker completed in the global order.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Form form = FORMS.of(mode);
        List<LockPair> opposite = LockPair.pairs(workload.tasks(), LockPair.Order.OPPOSITE);
        Watchdog watchdog = new Watchdog(opposite);
        form.run(LockPair.workersOf(opposite), watchdog);
        List<LockPair> global = LockPair.pairs(workload.tasks(), LockPair.Order.GLOBAL);
        form.run(LockPair.workersOf(global), null);
        return check(mode, opposite, watchdog.detections(), global);
    }

    /**
     * The JSON thread dump saw every pair's cycle (in every mode), and ThreadMXBean did too in
     * platform mode; each deadlock was broken with the victim backing off and its partner
     * completing; in the global order every worker completed.
     */
    static Check check(Mode mode, List<LockPair> opposite, List<Detection> detections, List<LockPair> global) {
        if (detections.size() != 2) {
            return Check.failed("the watchdog did not look (" + detections.size() + " detections)");
        }
        Set<Set<Long>> expected = new HashSet<>();
        for (LockPair pair : opposite) {
            expected.add(Set.of(pair.worker(0).threadId(), pair.worker(1).threadId()));
        }
        Detection mx = detections.get(0);
        Detection dump = detections.get(1);
        if (!new HashSet<>(dump.cycles()).equals(expected)) {
            return Check.failed(dump.detector() + " saw " + dump.cycles().size() + " of " + expected.size()
                    + " deadlocked pairs: " + dump.evidence());
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
        return Check.passed(n + " pairs deadlocked; " + dump.detector() + " saw all " + n + " (" + dump.evidence()
                + "); " + mxSaw + "; broken: " + n + " victims interrupted, backed off; " + n
                + " partners completed; global order: " + 2 * n + " of " + 2 * n + " completed");
    }
}
