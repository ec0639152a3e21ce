package dev.loompatterns.deadlock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deadlock detection as monitoring tools have done it since JDK 6:
 * {@link ThreadMXBean#findDeadlockedThreads()}, which follows both monitors and ownable
 * synchronizers (a {@code ReentrantLock} is one), then {@link ThreadInfo} for who waits for what.
 *
 * <p>It sees platform threads only. {@code ThreadMXBean} does not support virtual threads: their
 * ids are not in {@code getAllThreadIds()}, {@code getThreadInfo} returns null for them, and on
 * JDK 25 {@code findDeadlockedThreads()} returns null for two virtual threads deadlocked on
 * {@code ReentrantLock}s (and on monitors), measured with {@code DeadlockTest}.
 */
final class MxBeanDetector {

    static final String NAME = "ThreadMXBean.findDeadlockedThreads";

    private MxBeanDetector() {}

    /** @param workers the threads to look for, by id; cycles among other threads are ignored */
    static Detection look(Map<Long, Thread> workers) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = mx.findDeadlockedThreads();
        if (ids == null) {
            return new Detection(NAME, List.of(), "null: it does not see virtual threads");
        }
        Map<Long, Long> waitsFor = new HashMap<>();
        String evidence = "";
        for (ThreadInfo info : mx.getThreadInfo(ids)) {
            if (info == null || !workers.containsKey(info.getThreadId()) || info.getLockOwnerId() < 0) {
                continue;
            }
            waitsFor.put(info.getThreadId(), info.getLockOwnerId());
            if (evidence.isEmpty()) {
                String lock = info.getLockName();
                evidence = info.getThreadName() + " " + info.getThreadState() + " on "
                        + lock.substring(lock.lastIndexOf('.') + 1) + " owned by " + info.getLockOwnerName();
            }
        }
        List<Set<Long>> cycles = WaitForGraph.cycles(waitsFor).stream()
                .filter(workers.keySet()::containsAll)
                .toList();
        return new Detection(NAME, cycles, ids.length + " threads; e.g. " + evidence);
    }
}
