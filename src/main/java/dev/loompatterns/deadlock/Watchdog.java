package dev.loompatterns.deadlock;

import dev.loompatterns.core.Crew;
import dev.loompatterns.core.RunGate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What keeps the run from hanging. For pairs that deadlock by design it waits until every pair is
 * deadlocked, looks with both detectors, and breaks each deadlock by interrupting one worker of
 * the pair (the victim, worker {@code b}), which is waiting in {@code lockInterruptibly} and so
 * gives up and releases its lock. For pairs that must not deadlock (the global order,
 * {@link #guarding}) it only watches: a pair it sees deadlocked it breaks the same way, and
 * records. Either way it returns once every worker has ended, so the join that follows cannot
 * hang; a run still going after its limit ({@link Crew#BACKSTOP} unless a test gives a shorter
 * one) has every worker interrupted and fails.
 *
 * <p>It runs beside the workers: on the coordinating thread in the platform and virtual forms, as
 * a sibling fork in the structured form. Only that one thread writes its fields; what it saw is
 * read after the workers and it are joined (the join is the happens-before edge).
 */
final class Watchdog {

    private static final Duration POLL = Duration.ofMillis(1);
    private static final int DUMP_RETRIES = 3;

    private final List<LockPair> pairs;
    private final boolean deadlocksExpected;
    private final Duration limit;
    /** What the detectors saw; written by the watchdog's thread only, read after it is joined. */
    private List<Detection> detections = List.of();
    /** The indexes of the pairs whose deadlock this watchdog broke, in order; written by the watchdog's thread only. */
    private final Set<Integer> broken = new TreeSet<>();

    /** A watchdog for pairs that deadlock by design: it waits for every cycle, looks, and breaks each. */
    Watchdog(List<LockPair> pairs) {
        this(pairs, true, Crew.BACKSTOP);
    }

    /** As {@link #Watchdog(List)} or {@link #guarding}, giving up after {@code limit}: a test's, shorter. */
    Watchdog(List<LockPair> pairs, boolean deadlocksExpected, Duration limit) {
        this.pairs = List.copyOf(pairs);
        this.deadlocksExpected = deadlocksExpected;
        this.limit = limit;
    }

    /** A watchdog for pairs that must not deadlock: it breaks and records any cycle it sees until every worker ended. */
    static Watchdog guarding(List<LockPair> pairs) {
        return new Watchdog(pairs, false, Crew.BACKSTOP);
    }

    /**
     * Returns when every worker has ended.
     *
     * @throws IllegalStateException if a worker ended before every pair deadlocked (when deadlocks are
     *                               expected), or the workers ran past the limit; the caller
     *                               then interrupts and joins all workers
     * @throws Exception             if a detector failed; the deadlocks were broken all the same
     */
    void watchAndBreak() throws Exception {
        if (deadlocksExpected) {
            detectAndBreak();
        }
        awaitEnded();
    }

    private void detectAndBreak() throws Exception {
        awaitDeadlocks();
        try {
            // `loom dump` holds the watchdog here, with every pair deadlocked; a no-op otherwise. Not in
            // the workers: a worker held at its start would keep the deadlock from forming. Interrupted,
            // the finally below still breaks every deadlock.
            RunGate.arrive();
            Map<Long, Thread> workers = new HashMap<>();
            for (LockPair pair : pairs) {
                workers.put(pair.worker(0).threadId(), pair.worker(0));
                workers.put(pair.worker(1).threadId(), pair.worker(1));
            }
            List<NamedLock> locks =
                    pairs.stream().flatMap(p -> Stream.of(p.a, p.b)).toList();
            Detection dump = ThreadDumpDetector.look(workers, locks);
            // A parked thread may wake spuriously and be RUNNABLE for an instant, just as the dump
            // is taken; the deadlock is still there, so look again (a few times at most).
            for (int retry = 0; retry < DUMP_RETRIES && dump.cycles().size() < pairs.size(); retry++) {
                awaitDeadlocks();
                dump = ThreadDumpDetector.look(workers, locks);
            }
            detections = List.of(MxBeanDetector.look(workers), dump);
        } finally {
            for (LockPair pair : pairs) {
                breakDeadlock(pair);
            }
        }
    }

    /** The victim backs off; its partner then gets both locks. */
    private void breakDeadlock(LockPair pair) {
        broken.add(pair.index);
        pair.worker(1).interrupt();
    }

    /** BLOCKS-UNTIL every pair is deadlocked, polling the locks and the workers' states. */
    private void awaitDeadlocks() throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!pairs.stream().allMatch(LockPair::deadlocked)) {
            if (pairs.stream().anyMatch(LockPair::anyEnded)) {
                throw new IllegalStateException("a worker ended before every pair deadlocked");
            }
            giveUpAfter(deadline, "every pair deadlocked");
            Thread.sleep(POLL);
        }
    }

    /**
     * BLOCKS-UNTIL every worker has ended, breaking (and recording) any pair seen deadlocked that was
     * not broken already. A deadlock does not go away, so polling cannot miss one.
     */
    private void awaitEnded() throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!pairs.stream().allMatch(LockPair::bothEnded)) {
            for (LockPair pair : pairs) {
                if (!broken.contains(pair.index) && pair.deadlocked()) {
                    breakDeadlock(pair);
                }
            }
            giveUpAfter(deadline, "every worker ended");
            Thread.sleep(POLL);
        }
    }

    /** Past the deadline, interrupts every worker (each waits interruptibly, so backs off) and fails. */
    private void giveUpAfter(long deadline, String what) {
        if (System.nanoTime() - deadline > 0) {
            for (LockPair pair : pairs) {
                for (int side = 0; side < 2; side++) {
                    Thread worker = pair.worker(side);
                    if (worker != null) {
                        worker.interrupt();
                    }
                }
            }
            throw new IllegalStateException("gave up after " + limit.toSeconds() + " s waiting until " + what);
        }
    }

    /** What each detector saw: ThreadMXBean first, then the JSON thread dump; none for a guarding watchdog. */
    List<Detection> detections() {
        return detections;
    }

    /** The indexes of the pairs whose deadlock this watchdog broke, in order. */
    List<Integer> broken() {
        return List.copyOf(broken);
    }
}
