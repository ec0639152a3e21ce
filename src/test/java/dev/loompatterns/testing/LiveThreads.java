package dev.loompatterns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.loompatterns.core.VirtualScheduler;
import dev.loompatterns.jfr.PinStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every live thread, platform and virtual, from the JDK's JSON thread dump. {@code Thread.getAllStackTraces()}
 * and {@code ThreadMXBean} list platform threads only; the JSON dump lists virtual threads too (with
 * {@code jdk.trackAllThreads}, true by default), which is why leak checks read it.
 */
public final class LiveThreads {

    /** A thread as the dump shows it. */
    public record LiveThread(
            long tid, String name, boolean virtual, String state, String container, List<String> stack) {
        @Override
        public String toString() {
            return (virtual ? "virtual" : "platform") + " #" + tid + " '" + name + "' " + state + " in " + container
                    + stack.stream()
                            .filter(PROJECT_FRAME.asPredicate())
                            .findFirst()
                            .map(f -> ", at " + f)
                            .orElse("");
        }
    }

    /**
     * JDK infrastructure that outlives a run by design: the virtual-thread scheduler's carriers and its
     * timer for timed parks (JDK 25: ForkJoinPool-N-delayScheduler), the common pool and its timer
     * (kept warm, ended by keep-alive; a scope's timeout uses it), the process reaper (cached for 60 s after a
     * child process ends), JFR's own threads, and other JVM service threads.
     */
    private static final Pattern INFRASTRUCTURE = Pattern.compile(String.join(
            "|",
            "ForkJoinPool(-\\d+|\\.commonPool)-(worker-\\d+|delayScheduler)",
            "process reaper",
            "JFR .*",
            "Attach Listener",
            "VirtualThread-unblocker",
            "Common-Cleaner",
            "Notification Thread",
            "Signal Dispatcher",
            "Reference Handler",
            "Finalizer",
            "Read-Poller",
            "Write-Poller",
            "surefire-forkedjvm-.*",
            "RMI .*",
            "Monitor Ctrl-Break",
            "C[12] CompilerThread\\d+",
            "Service Thread",
            "Sweeper thread"));

    /** A frame of this project's code in a dump's stack, with or without a module's name before it. */
    private static final Pattern PROJECT_FRAME = Pattern.compile("^([^/]+/)?dev\\.loompatterns\\.");

    /**
     * Threads that may still be in this project's code when the run that started them returns, and end on their
     * own a moment later, by name, each with its reason:
     *
     * <ul>
     *   <li>{@link PinStream#STOPPER_THREAD}: it stops a pin stream, or dumps its recording, for a caller that
     *       waits on a latch, not on the thread. It counts the latch down in its last lines (where 14 of the
     *       163 leak checks of one {@code CatalogueRunsTest} beside a busy loop saw it, in
     *       {@code CountDownLatch.countDown}, gone at their next reading), and a caller interrupted while it
     *       waits goes on after a grace without it ({@code PinStream.stopKeepingInterrupt}).
     * </ul>
     */
    private static final Set<String> END_AFTER_THEIR_CALLER = Set.of(PinStream.STOPPER_THREAD);

    /**
     * How long a thread no longer in this project's code, or named in {@link #END_AFTER_THEIR_CALLER}, may take
     * to be gone from the dump: a backstop.
     */
    public static final Duration GONE_WITHIN = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveThreads() {}

    public static List<LiveThread> snapshot() {
        try {
            List<LiveThread> threads = new ArrayList<>();
            for (JsonNode container : JSON.readTree(dump(HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON))
                    .path("threadDump")
                    .path("threadContainers")) {
                for (JsonNode thread : container.path("threads")) {
                    List<String> stack = new ArrayList<>();
                    thread.path("stack").forEach(frame -> stack.add(frame.asText()));
                    threads.add(new LiveThread(
                            thread.path("tid").asLong(),
                            thread.path("name").asText(),
                            thread.path("virtual").asBoolean(false),
                            thread.path("state").asText(),
                            container.path("container").asText(),
                            List.copyOf(stack)));
                }
            }
            return threads;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every thread's stack, virtual threads' too, as the JDK's plain-text thread dump writes them: for
     * the message of a test that found a run that would not end.
     */
    public static String textDump() {
        try {
            return dump(HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** The JDK's thread dump in a format, once the scheduler is idle or its backstop has passed. */
    private static String dump(HotSpotDiagnosticMXBean.ThreadDumpFormat format) throws IOException {
        awaitSchedulerIdle();
        Path file = Files.createTempFile("threads", ".dump");
        Files.delete(file); // dumpThreads refuses to overwrite
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpThreads(file.toString(), format);
            return Files.readString(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** How long a snapshot waits for the virtual-thread scheduler to be idle before it dumps anyway. */
    static final Duration IDLE_BACKSTOP = Duration.ofSeconds(1);

    /**
     * Before each dump, the scheduler is given up to {@link #IDLE_BACKSTOP} to have no virtual thread
     * mounted or queued ({@link VirtualScheduler#awaitIdle}: on JDK 25 a dump can crash the JVM when
     * a virtual thread mounts or unmounts during it, JDK-8364343). A fresh clone's {@code .ci/run}
     * on 25.0.3 crashed so once, in this class's dump just after a catalogue run whose virtual
     * threads were ending. The dump is taken either way.
     */
    private static void awaitSchedulerIdle() {
        try {
            VirtualScheduler.awaitIdle(IDLE_BACKSTOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the dump is still taken; the caller sees the interrupt
        }
    }

    /**
     * Nothing {@code what} started is left: no thread alive now that was not in {@code before}, other than JDK
     * infrastructure ({@link #startedSinceAndStillAlive}, with {@link #GONE_WITHIN}), and no live child process.
     */
    public static void assertNothingLeftSince(Set<Long> before, String what) {
        assertThat(startedSinceAndStillAlive(before, GONE_WITHIN))
                .as("threads left by %s", what)
                .isEmpty();
        assertThat(liveChildProcesses()).as("child processes left by %s", what).isEmpty();
    }

    /** This JVM's child processes that are still running. */
    public static List<ProcessHandle> liveChildProcesses() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
    }

    /** The ids of the threads in a snapshot. */
    public static Set<Long> ids(List<LiveThread> snapshot) {
        return snapshot.stream().map(LiveThread::tid).collect(Collectors.toSet());
    }

    /**
     * Threads alive now that were not alive in {@code before}, other than JDK infrastructure.
     *
     * <p>One still in this project's code (a frame of {@code dev.loompatterns} on its stack) is still doing the
     * work it was started for, so whoever started it returned without joining it: it is returned at once, however
     * soon it would have ended (an unjoined worker that slept 1 s passed when every thread had the backstop).
     * Those named in {@link #END_AFTER_THEIR_CALLER} are the exception. Any other has finished its work, and may
     * take a moment to be gone: a pool's worker after {@code close()}, which returns once the pool is terminated,
     * that is, once its last worker has left its loop, not once its thread has ended; or a thread of the JDK's,
     * started on the run's behalf. For those this waits, up to {@code backstop}, for the set to become empty, and
     * returns what is still there then. The dump is read again every 10 ms, and each reading is judged so: a
     * thread that had not yet entered its task when first seen is found in the project's code the next time.
     */
    public static List<LiveThread> startedSinceAndStillAlive(Set<Long> before, Duration backstop) {
        long deadline = System.nanoTime() + backstop.toNanos();
        List<LiveThread> leaked;
        do {
            leaked = snapshot().stream()
                    .filter(t -> !before.contains(t.tid()))
                    .filter(t -> !INFRASTRUCTURE.matcher(t.name()).matches())
                    .filter(t -> t.tid() != Thread.currentThread().threadId())
                    .toList();
            if (leaked.isEmpty() || leaked.stream().anyMatch(LiveThreads::stillAtWork)) {
                return leaked;
            }
            LockSupport.parkNanos(
                    Duration.ofMillis(10).toNanos()); // poll the dump again; a backstop, not the assertion
        } while (System.nanoTime() < deadline);
        return leaked;
    }

    /** Whether a thread is in this project's code and not one that ends after its caller by design. */
    static boolean stillAtWork(LiveThread thread) {
        return !END_AFTER_THEIR_CALLER.contains(thread.name())
                && thread.stack().stream().anyMatch(PROJECT_FRAME.asPredicate());
    }
}
