package dev.loompatterns.analysis.jmc;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.loompatterns.analysis.Analysis;
import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.jfr.TaskStartedEvent;
import dev.loompatterns.jfr.TaskSubmittedEvent;
import dev.loompatterns.testing.Jdk21Pins;
import dev.loompatterns.testing.Natives;
import dev.loompatterns.testing.PinRecording;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;

/**
 * Recordings made by the tests themselves, in this JVM, with every event type our rules read
 * enabled, so that each rule has something to say in both parsers:
 * <ul>
 *   <li>{@link #pinning}: virtual threads that sleep inside an FFM upcall (libc's {@code qsort}
 *       calling a Java comparator), which pins on every JDK; beside them tasks with our
 *       submit/start events, a pool of platform threads that sleeps, and virtual threads that
 *       sleep unpinned;</li>
 *   <li>{@link #clean}: the same without the upcall;</li>
 *   <li>{@link #jdk21Pins}: pins as JDK 21 records them, without {@code pinnedReason},
 *       {@code blockingOperation} or carrier ({@link Jdk21Pins}: in a class initializer, in an
 *       upcall, with no real blocking);</li>
 *   <li>{@link #nothingOurRulesRead}: a recording with every type our rules read disabled (in a
 *       JVM of its own).</li>
 * </ul>
 */
final class Recordings {

    static final String PINNED = "jdk.VirtualThreadPinned";

    private Recordings() {}

    /**
     * JFR's notes of the settings, which every .jfc of the JDK and of loom enables: how JMC and our rules tell
     * "enabled".
     */
    private static Recording withSettingsNoted() {
        Recording recording = new Recording();
        recording.enable("jdk.ActiveSetting");
        return recording;
    }

    private static Recording withOurEventTypes() {
        Recording recording = withSettingsNoted();
        recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
        recording.enable("jdk.VirtualThreadStart");
        recording.enable("jdk.VirtualThreadEnd");
        recording.enable("jdk.VirtualThreadSubmitFailed");
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        for (String waiting : List.of(
                "jdk.ThreadPark",
                "jdk.ThreadSleep",
                "jdk.SocketRead",
                "jdk.SocketWrite",
                "jdk.FileRead",
                "jdk.FileWrite",
                "jdk.JavaMonitorEnter",
                "jdk.JavaMonitorWait")) {
            recording.enable(waiting).withThreshold(Duration.ofMillis(10)).withStackTrace();
        }
        recording.enable(TaskSubmittedEvent.NAME);
        recording.enable(TaskStartedEvent.NAME);
        return recording;
    }

    private static Path record(Path file, Recording recording, PinRecording.Action work) throws Exception {
        try (recording) {
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    static Path pinning(Path dir) throws Exception {
        return record(dir.resolve("pinning.jfr"), withOurEventTypes(), () -> work(true));
    }

    static Path clean(Path dir) throws Exception {
        return record(dir.resolve("clean.jfr"), withOurEventTypes(), () -> work(false));
    }

    static Path jdk21Pins(Path dir) throws Exception {
        return record(
                dir.resolve("jdk21.jfr"),
                withOurEventTypes(),
                () -> PinRecording.onAVirtualThread(Jdk21Pins::inAnInitializerAndAnUpcall));
    }

    /**
     * Made in a JVM of its own: JFR merges the settings of all the recordings running in a JVM at
     * once, and another test's recording (or the JFR stream of {@code ChildJvm}'s children, which
     * counts virtual threads and pins) may enable what this one disables.
     */
    static Path nothingOurRulesRead(Path dir) throws Exception {
        Path file = dir.resolve("nothing.jfr");
        // plain: a child under ChildMain would run the counting stream this recording must not have
        try (ChildJvm.Launch launch = ChildJvm.Launch.plain(
                List.of("--enable-preview"), NothingOurRulesRead.class, List.of(file.toString()))) {
            ChildJvm.Result child = ChildJvm.run(launch, Duration.ofMinutes(1)); // a backstop only
            if (child.exitCode() != 0) {
                throw new AssertionError("the recording JVM failed: " + child.stderr());
            }
        }
        return file;
    }

    /** Records {@link #work} with every event type our rules read disabled, to the file named. */
    public static final class NothingOurRulesRead {
        public static void main(String[] args) throws Exception {
            Recording recording = withSettingsNoted();
            recording.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(100));
            // disabled by name: a recording without settings uses each type's default, enabled for some
            // (jdk.ExecutionSample, and our own events, as every jdk.jfr.Event unless it says otherwise)
            Analysis.ofAllRules().eventTypes().forEach(recording::disable);
            record(Path.of(args[0]), recording, () -> work(false));
        }
    }

    /**
     * Tasks on virtual threads (with or without a pin each), a pool of two platform threads that
     * sleeps; what a task throws is thrown here.
     */
    private static void work(boolean pin) throws Exception {
        AtomicLong ids = new AtomicLong();
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long id = ids.incrementAndGet();
                TaskSubmittedEvent.at(id);
                tasks.add(virtual.submit(() -> {
                    TaskStartedEvent.at(id);
                    if (pin) {
                        sortWith("compareSleeping");
                    }
                    sleep(20);
                }));
            }
            for (int i = 0; i < 4; i++) {
                tasks.add(pool.submit(() -> sleep(60))); // the pool mostly sleeps: a candidate
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- an FFM upcall: libc's qsort calls a Java comparator, a native frame below it ---

    static int compareSleeping(MemorySegment a, MemorySegment b) {
        try {
            Thread.sleep(5); // here, not in a helper: this is the frame the pin names
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
    }

    private static void sortWith(String comparator) {
        Natives.qsortWith(MethodHandles.lookup(), Recordings.class, comparator);
    }
}
