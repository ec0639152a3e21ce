package dev.loompatterns.deadlock;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Catalogue entry for {@code deadlock}; see the package documentation. */
public final class DeadlockPattern implements Pattern {

    /** Pairs one run may deadlock: two threads each, and every one of them in the thread dump. */
    static final int MAX_PAIRS = 1_000;

    @Override
    public String id() {
        return "deadlock";
    }

    @Override
    public String title() {
        return "lock-order deadlock: detect it, break it, fix it";
    }

    @Override
    public String tutorial() {
        return "the warning against nested locks: two threads taking two locks in opposite order";
    }

    @Override
    public int number() {
        return 14;
    }

    @Override
    public int defaultTasks() {
        return 4;
    }

    @Override
    public int maxTasks(Mode mode) {
        return MAX_PAIRS; // tasks are pairs of workers
    }

    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        DeadlockDemo demo = demoFor(mode);
        List<LockPair> opposite = pairs(workload.tasks(), LockPair.Order.OPPOSITE);
        Watchdog watchdog = new Watchdog(opposite);
        demo.run(workersOf(opposite), watchdog);
        List<LockPair> global = pairs(workload.tasks(), LockPair.Order.GLOBAL);
        demo.run(workersOf(global), null);
        return check(mode, opposite, watchdog.sightings(), global);
    }

    static DeadlockDemo demoFor(Mode mode) {
        return switch (mode) {
            case PLATFORM -> new PlatformDeadlockDemo();
            case VIRTUAL -> new VirtualDeadlockDemo();
            case STRUCTURED -> new StructuredDeadlockDemo();
        };
    }

    static List<LockPair> pairs(int n, LockPair.Order order) {
        List<LockPair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pairs.add(new LockPair(i, order));
        }
        return pairs;
    }

    static List<Runnable> workersOf(List<LockPair> pairs) {
        return pairs.stream().flatMap(p -> p.workers().stream()).toList();
    }

    /**
     * The JSON thread dump saw every pair's cycle (in every mode), and ThreadMXBean did too in
     * platform mode; each deadlock was broken with the victim backing off and its partner
     * completing; in the global order every worker completed.
     */
    static Check check(Mode mode, List<LockPair> opposite, List<Sighting> sightings, List<LockPair> global) {
        if (sightings.size() != 2) {
            return Check.failed("the watchdog did not look (" + sightings.size() + " sightings)");
        }
        Set<Set<Long>> expected = new HashSet<>();
        for (LockPair pair : opposite) {
            expected.add(Set.of(pair.worker(0).threadId(), pair.worker(1).threadId()));
        }
        Sighting mx = sightings.get(0);
        Sighting dump = sightings.get(1);
        if (!new HashSet<>(dump.cycles()).equals(expected)) {
            return Check.failed(dump.detector() + " saw " + dump.cycles().size() + " of " + expected.size()
                    + " deadlocked pairs: " + dump.evidence());
        }
        boolean mxSawAll = new HashSet<>(mx.cycles()).equals(expected);
        if (mode == Mode.PLATFORM && !mxSawAll) {
            return Check.failed(mx.detector() + " saw " + mx.cycles().size() + " of " + expected.size() + " pairs: " + mx.evidence());
        }
        for (LockPair pair : opposite) {
            if (pair.result(0) != LockPair.Result.COMPLETED || pair.result(1) != LockPair.Result.BACKED_OFF
                    || pair.criticalSections() != 1) {
                return Check.failed("pair " + pair.index + " not broken cleanly: a " + pair.result(0) + ", b " + pair.result(1)
                        + ", " + pair.criticalSections() + " critical sections");
            }
        }
        for (LockPair pair : global) {
            if (pair.result(0) != LockPair.Result.COMPLETED || pair.result(1) != LockPair.Result.COMPLETED
                    || pair.criticalSections() != 2) {
                return Check.failed("global order, pair " + pair.index + ": a " + pair.result(0) + ", b " + pair.result(1));
            }
        }
        int n = opposite.size();
        String mxSaw = mx.detector() + " saw " + (mxSawAll ? "all " + n : mx.cycles().size()) + " (" + mx.evidence() + ")";
        return Check.passed(n + " pairs deadlocked; " + dump.detector() + " saw all " + n + " (" + dump.evidence()
                + "); " + mxSaw + "; broken: " + n + " victims interrupted, backed off; " + n
                + " partners completed; global order: " + 2 * n + " of " + 2 * n + " completed");
    }
}
