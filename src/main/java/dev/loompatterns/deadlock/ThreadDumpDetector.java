package dev.loompatterns.deadlock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deadlock detection from the JDK's JSON thread dump, the same file that
 * {@code jcmd <pid> Thread.dump_to_file -format=json FILE} writes, taken in-process with
 * {@link HotSpotDiagnosticMXBean#dumpThreads}. It lists virtual threads as well as platform
 * threads, grouped by thread container (a {@code StructuredTaskScope} is one).
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private ThreadDumpDetector() {
    }

    /**
     * @param workers the threads to look for, by id
     * @param locks   the locks they take, asked for owners the dump does not name
     * @throws IOException if the dump cannot be written or read
     */
    static Detection look(Map<Long, Thread> workers, List<NamedLock> locks) throws IOException {
        Path dir = Files.createTempDirectory("loom-deadlock-");
        Path file = dir.resolve("threads.json"); // dumpThreads wants an absolute path to a new file
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toAbsolutePath().toString(), ThreadDumpFormat.JSON);
            return read(JSON.readTree(file.toFile()), workers, locks);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    static Detection read(JsonNode dump, Map<Long, Thread> workers, List<NamedLock> locks) {
        Map<Long, Long> waitsFor = new HashMap<>();
        String evidence = "";
        int parked = 0;
        for (JsonNode container : dump.path("threadDump").path("threadContainers")) {
            for (JsonNode thread : container.path("threads")) {
                Thread worker = workers.get(thread.path("tid").asLong(-1));
                String blocker = thread.path("parkBlocker").path("object").asText("");
                if (worker == null || !"WAITING".equals(thread.path("state").asText()) || blocker.isEmpty()
                        || !stackHas(thread, LOCK_FRAME)) {
                    continue;
                }
                parked++;
                Optional<NamedLock> lock = locks.stream().filter(l -> l.hasQueuedThread(worker)).findFirst();
                Thread owner = lock.map(NamedLock::owner).orElse(null);
                if (owner == null) {
                    continue;
                }
                waitsFor.put(worker.threadId(), owner.threadId());
                if (evidence.isEmpty()) {
                    evidence = thread.path("name").asText() + (thread.path("virtual").asBoolean() ? " (virtual)" : "")
                            + " WAITING, parkBlocker " + shortName(blocker) + " in container '"
                            + containerName(container) + "'; owner not in the dump: " + lock.get()
                            + " says " + owner.getName();
                }
            }
        }
        List<Set<Long>> cycles = WaitForGraph.cycles(waitsFor).stream().filter(workers.keySet()::containsAll).toList();
        return new Detection(NAME, cycles, parked + " parked in lockInterruptibly; e.g. " + evidence);
    }

    private static boolean stackHas(JsonNode thread, String frame) {
        for (JsonNode line : thread.path("stack")) {
            if (line.asText().contains(frame)) {
                return true;
            }
        }
        return false;
    }

    /** A scope's container is named {@code NAME/jdk.internal...ThreadContainerImpl@hash}: keep NAME. */
    private static String containerName(JsonNode container) {
        String name = container.path("container").asText();
        int slash = name.indexOf('/');
        return slash > 0 ? name.substring(0, slash) : name;
    }

    /** {@code ReentrantLock$NonfairSync@5c90e579} rather than the full class name. */
    private static String shortName(String identity) {
        return identity.substring(identity.lastIndexOf('.') + 1);
    }
}
