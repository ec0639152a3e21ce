package dev.loompatterns.deadlock;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.loompatterns.threaddump.ThreadDump;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deadlock detection from the JDK's JSON thread dump, the same file that
 * {@code jcmd <pid> Thread.dump_to_file -format=json FILE} writes, taken in-process with
 * {@link HotSpotDiagnosticMXBean#dumpThreads}. It lists virtual threads as well as platform
 * threads, grouped by thread container (a {@code StructuredTaskScope} is one). It is read into
 * {@link ThreadDump}, the same model that {@code loom dump} prints.
 *
 * <p>What the JDK 25 dump says about a thread parked in {@code ReentrantLock.lockInterruptibly}:
 * its {@code tid}, {@code name}, {@code state} ({@code WAITING}), a {@code parkBlocker} whose only
 * field is the identity of the lock's internal synchronizer
 * ({@code "java.util.concurrent.locks.ReentrantLock$NonfairSync@5c90e579"}), and its stack. What
 * it does not say is who owns that synchronizer: monitors get {@code blockedOn} and
 * {@code monitorsOwned}, but for {@code java.util.concurrent} locks there is no owner field (the
 * JDK's {@code ThreadDumper} notes it keeps {@code parkBlocker} an object "to allow for
 * exclusiveOwnerThread in the future"). So this detector takes from the dump which of the workers
 * are parked on a lock, and where (the stack must show {@code lockInterruptibly}), and asks each
 * lock it knows which thread is queued on it and which owns it. A tool outside the process, with
 * only the file, would see the parked threads and their stacks, and would have to infer the owners
 * from the code.
 */
final class ThreadDumpDetector {

    static final String NAME = "JSON thread dump";

    private static final String LOCK_FRAME = "java.util.concurrent.locks.ReentrantLock.lockInterruptibly";

    private ThreadDumpDetector() {}

    /**
     * @param workers the threads to look for, by id
     * @param locks   the locks they take, asked for owners the dump does not name
     * @throws IOException if the dump cannot be written or read
     */
    static Detection look(Map<Long, Thread> workers, List<NamedLock> locks) throws IOException {
        return read(ThreadDump.take(), workers, locks);
    }

    static Detection read(ThreadDump dump, Map<Long, Thread> workers, List<NamedLock> locks) {
        Map<Long, Long> waitsFor = new HashMap<>();
        String evidence = "";
        int parked = 0;
        for (ThreadDump.Container container : dump.containers()) {
            for (ThreadDump.DumpedThread thread : container.threads()) {
                Thread worker = workers.get(thread.threadId());
                String blocker = thread.parkBlocker();
                if (worker == null
                        || !"WAITING".equals(thread.state())
                        || blocker.isEmpty()
                        || !thread.stackHas(LOCK_FRAME)) {
                    continue;
                }
                parked++;
                Optional<NamedLock> lock =
                        locks.stream().filter(l -> l.hasQueuedThread(worker)).findFirst();
                Thread owner = lock.map(NamedLock::owner).orElse(null);
                if (owner == null) {
                    continue;
                }
                waitsFor.put(worker.threadId(), owner.threadId());
                if (evidence.isEmpty()) {
                    evidence = thread.name() + (thread.virtual() ? " (virtual)" : "")
                            + " WAITING, parkBlocker " + shortName(blocker) + " in container '"
                            + container.name() + "'; owner not in the dump: " + lock.get()
                            + " says " + owner.getName();
                }
            }
        }
        List<Set<Long>> cycles = WaitForGraph.cycles(waitsFor).stream()
                .filter(workers.keySet()::containsAll)
                .toList();
        return new Detection(NAME, cycles, parked + " parked in lockInterruptibly; e.g. " + evidence);
    }

    /** {@code ReentrantLock$NonfairSync@5c90e579} rather than the full class name. */
    private static String shortName(String identity) {
        return identity.substring(identity.lastIndexOf('.') + 1);
    }
}
