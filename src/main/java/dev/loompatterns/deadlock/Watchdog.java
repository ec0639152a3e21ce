package dev.loompatterns.deadlock;

import dev.loompatterns.core.RunGate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What keeps the run from hanging: waits until every pair is deadlocked, looks with both
 * detectors, and breaks each deadlock by interrupting one worker of the pair (the victim, worker
 * {@code b}), which is waiting in {@code lockInterruptibly} and so gives up and releases its lock.
 *
 * <p>It runs beside the workers: on the coordinating thread in the platform and virtual forms, as
 * a sibling fork in the structured form. What it saw is read after the workers are joined (the
 * join is the happens-before edge).
 */
final class Watchdog {

    private static final Duration POLL = Duration.ofMillis(1);
    private static final int DUMP_RETRIES = 3;

    private final List<LockPair> pairs;
    private volatile List<Detection> detections = List.of();

    Watchdog(List<LockPair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    /**
     * @throws IllegalStateException if a worker ended before every pair deadlocked; the caller
     *                               then interrupts and joins all workers
     * @throws Exception             if a detector failed; the deadlocks were broken all the same
     */
    void watchAndBreak() throws Exception {
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
                pair.worker(1).interrupt(); // the victim backs off; its partner then gets both locks
            }
        }
    }

    /** BLOCKS-UNTIL every pair is deadlocked, polling the locks and the workers' states. */
    private void awaitDeadlocks() throws InterruptedException {
        while (!pairs.stream().allMatch(LockPair::deadlocked)) {
            if (pairs.stream().anyMatch(LockPair::anyEnded)) {
                throw new IllegalStateException("a worker ended before every pair deadlocked");
            }
            Thread.sleep(POLL);
        }
    }

    /** What each detector saw: ThreadMXBean first, then the JSON thread dump. */
    List<Detection> detections() {
        return detections;
    }
}
