package dev.loompatterns.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.jfr.ShellWord;
import dev.loompatterns.testing.ManyEvents;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlimTest {

    /** Events in the recording the tests copy. */
    static final long EVENTS = 1_000;

    private static Path recording(Path dir) throws Exception {
        return ManyEvents.record(dir.resolve("many.jfr"), EVENTS);
    }

    /**
     * Copying ignores interrupts, so Ctrl-C during 'loom inspect --slim' of a large recording used to
     * wait out the CLI's grace period; the copy now stops, and leaves no file. On the old code the
     * whole copy was written.
     */
    @Test
    void anInterruptedCopyStopsAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path file = recording(dir);
        Path target = dir.resolve("slim.jfr");
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Slim.write(file, target, Set.of())).isInstanceOf(InterruptedIOException.class);
        } finally {
            Thread.interrupted(); // not left set for the next test
        }
        assertThat(target).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary file either").containsExactly(file);
        }
    }

    @Test
    void withoutAnInterruptItCopiesEveryEventKept(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("slim.jfr");
        Slim.write(recording(dir), target, Set.of());
        try (var copy = new jdk.jfr.consumer.RecordingFile(target)) {
            long events = 0;
            while (copy.hasMoreEvents()) {
                copy.readEvent();
                events++;
            }
            assertThat(events).isGreaterThanOrEqualTo(EVENTS);
        }
    }

    /** The sleep and park events a thread of this name has in a recording, by event type name. */
    private static List<String> sleepsAndParks(Path file, String thread) throws Exception {
        return RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getThread() != null
                        && thread.equals(event.getThread().getJavaName()))
                .map(event -> event.getEventType().getName())
                .filter(name -> name.equals("jdk.ThreadSleep") || name.equals("jdk.ThreadPark"))
                .sorted()
                .toList();
    }

    /** Sleeps, then parks, once, briefly, in a thread of this kind and name; a failure in it is thrown here. */
    private static void sleepAndPark(Thread.Builder builder, String name, Runnable park) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = builder.name(name).start(() -> {
            try {
                Thread.sleep(1);
                park.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError(name + " failed", failure.get());
        }
    }

    /**
     * Parks for a millisecond, twice: a virtual thread's sleep can leave a permit, and a virtual thread
     * that has one returns from its next park at once, with no jdk.ThreadPark; the second park has none
     * left to use.
     */
    private static void parkTwice() {
        for (int i = 0; i < 2; i++) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Parks while the class is being initialized, which pins a virtual thread: a virtual thread that
     * unmounts to park has no jdk.ThreadPark (JDK 25), one that parks on its carrier has.
     */
    private static final class ParksWhileInitialized {
        static {
            parkTwice();
        }

        static void initialize() {}
    }

    /**
     * A virtual thread that sleeps or parks long enough to be recorded (20 ms with the default settings)
     * names itself in the file, and JMC's parser is superlinear in the virtual threads a file names: the
     * copy leaves out virtual threads' jdk.ThreadSleep and jdk.ThreadPark, and keeps platform threads'
     * (the pool-candidate rule reads them, and so do JMC's own rules). The old copy kept both. It keeps
     * the sleeps of a virtual thread with execution samples (named in the copy anyway), where the
     * carrier-hogging rule ends the thread's stretches.
     */
    @Test
    void theCopyLeavesOutVirtualThreadsSleepsAndParksAndKeepsPlatformThreads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sleeps.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO).withoutStackTrace();
            recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withoutStackTrace();
            recording.start();
            sleepAndPark(Thread.ofPlatform(), "slim-test-platform", SlimTest::parkTwice);
            sleepAndPark(Thread.ofVirtual(), "slim-test-virtual", ParksWhileInitialized::initialize);
            recording.stop();
            recording.dump(file);
        }
        List<String> both = List.of("jdk.ThreadPark", "jdk.ThreadSleep");
        assertThat(sleepsAndParks(file, "slim-test-platform"))
                .as("the original, platform")
                .containsAll(both);
        assertThat(sleepsAndParks(file, "slim-test-virtual"))
                .as("the original, virtual")
                .containsAll(both);
        Path target = dir.resolve("slim.jfr");
        Slim.Kept kept = Slim.write(file, target, Set.of());
        // but for a sleep that woke 10 ms or more late, which a loaded machine can make of any (wakeup-delay's)
        long late = lateVirtualSleeps(file);
        assertThat(kept.virtualEventsByType()).doesNotContainKey("jdk.ThreadPark");
        assertThat(kept.virtualEventsByType().getOrDefault("jdk.ThreadSleep", 0L))
                .isEqualTo(late);
        assertThat(kept.virtualEvents())
                .as("what the copy kept of virtual threads, counted as it was written")
                .isEqualTo(RecordingFile.readAllEvents(target).stream()
                        .filter(event ->
                                event.getThread() != null && event.getThread().isVirtual())
                        .count());
        assertThat(sleepsAndParks(target, "slim-test-platform"))
                .as("the platform thread's, every one")
                .isEqualTo(sleepsAndParks(file, "slim-test-platform"));
        assertThat(sleepsAndParks(target, "slim-test-virtual"))
                .as("the virtual thread's")
                .doesNotContain("jdk.ThreadPark")
                .hasSize((int) lateVirtualSleeps(file, "slim-test-virtual"));
        // other events of virtual threads stay: the pin of the park in the initializer, where another
        // recording in this JVM (the suite's pinning assertion) enables jdk.VirtualThreadPinned
        assertThat(RecordingFile.readAllEvents(target).stream()
                        .filter(event ->
                                event.getThread() != null && event.getThread().isVirtual())
                        .map(event -> event.getEventType().getName()))
                .as("no virtual thread's park (starts and ends: InspectCommandTest's census on the copy)")
                .doesNotContain("jdk.ThreadPark")
                .filteredOn("jdk.ThreadSleep"::equals)
                .as("no virtual thread's sleep but the late ones")
                .hasSize((int) late);

        // a virtual thread with execution samples keeps its sleeps, which carrier-hogging reads, and no park
        long virtual = RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getThread() != null
                        && "slim-test-virtual".equals(event.getThread().getJavaName()))
                .findFirst()
                .orElseThrow()
                .getThread()
                .getJavaThreadId();
        Path sampled = dir.resolve("sampled.jfr");
        Slim.Kept keptSampled = Slim.write(file, sampled, Set.of(virtual));
        assertThat(keptSampled.virtualEventsByType()).containsKey("jdk.ThreadSleep");
        assertThat(sleepsAndParks(sampled, "slim-test-virtual"))
                .as("the sampled virtual thread's")
                .isNotEmpty()
                .containsOnly("jdk.ThreadSleep");
    }

    /** The sleeps of virtual threads (of the one named, if any) that ended 10 ms or more after their time. */
    private static long lateVirtualSleeps(Path file, String... named) throws java.io.IOException {
        return RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals("jdk.ThreadSleep")
                        && event.getThread() != null
                        && event.getThread().isVirtual()
                        && (named.length == 0
                                || named[0].equals(event.getThread().getJavaName()))
                        && event.getDuration().minus(event.getDuration("time")).toMillis() >= 10)
                .count();
    }

    /**
     * A virtual thread's sleep that ended late, kept from its carrier ({@code Programs.LateSleeper}), stays in the
     * copy though the thread was never sampled: on the copy wakeup-delay warns of the same late sleep.
     */
    @Test
    void theCopyKeepsAVirtualThreadsSleepThatEndedLate(@TempDir Path dir) throws Exception {
        Path file = dev.loompatterns.analysis.Programs.record(
                dev.loompatterns.analysis.Programs.LateSleeper.class,
                dir.resolve("late.jfr"),
                "default",
                "-Djdk.virtualThreadScheduler.parallelism=1");
        assertThat(lateVirtualSleeps(file, "sleeper")).isEqualTo(1);

        Path copy = dir.resolve("slim.jfr");
        Slim.write(file, copy, Set.of());
        assertThat(sleepsAndParks(copy, "sleeper")).containsExactly("jdk.ThreadSleep");
        dev.loompatterns.analysis.Finding wakeups =
                dev.loompatterns.analysis.jfr.RecordingReader.analyze(copy, events -> {}).findings().stream()
                        .filter(finding -> finding.rule().equals("wakeup-delay"))
                        .findFirst()
                        .orElseThrow();
        assertThat(wakeups.severity()).isEqualTo(dev.loompatterns.analysis.Severity.WARNING);
        assertThat(wakeups.summary()).startsWith("Virtual threads woke 10 ms or more late from 1 of 1 sleep");
    }

    /** jfr scrub replaces its output without asking: the name suggested for it is one that holds no file. */
    @Test
    void theScrubsSuggestedOutputNamesNoFileThatIsThere(@TempDir Path folder) throws Exception {
        Map<String, Long> many = Map.of("jdk.Deoptimization", Slim.STILL_MANY);
        Path copy = folder.resolve("p.jfr");
        String suggested = folder.resolve("p-smaller.jfr").toString();
        assertThat(new Slim.Kept(many).stillManyLine(copy, "jfr"))
                .hasValueSatisfying(line -> assertThat(line).endsWith(" " + ShellWord.of(suggested)));

        Files.writeString(Path.of(suggested), "the user's");
        Files.createDirectory(folder.resolve("p-smaller-2.jfr"));
        assertThat(new Slim.Kept(many).stillManyLine(copy, "jfr"))
                .hasValueSatisfying(line -> assertThat(line)
                        .endsWith(" "
                                + ShellWord.of(folder.resolve("p-smaller-3.jfr").toString())));
    }

    /**
     * A copy that still names many virtual threads says so, with the types that kept the most and a jfr scrub that
     * leaves them out, never pins or samples, which loom's rules read: a reviewer's copy of a million short threads
     * kept 888,088 jdk.Deoptimization events and said nothing.
     */
    @Test
    void aCopyThatStillHasManyEventsOfVirtualThreadsSaysSoAndHowToLeaveThemOut() {
        java.util.Map<String, Long> many = new java.util.LinkedHashMap<>();
        many.put("jdk.Deoptimization", 888_088L);
        many.put("jdk.VirtualThreadPinned", 12_000L);
        many.put("jdk.SocketRead", 400L);
        many.put("jdk.ExecutionSample", 300L);
        Path copy = Path.of("big slim.jfr");
        assertThat(new Slim.Kept(many).stillManyLine(copy, "jfr"))
                .hasValue("The copy still has 900,788 events of virtual threads (jdk.Deoptimization 888,088,"
                        + " jdk.VirtualThreadPinned 12,000, jdk.SocketRead 400), each naming its thread: JMC may still"
                        + " be slow to open it. To leave those out too: jfr scrub --exclude-events"
                        + " jdk.Deoptimization 'big slim.jfr' 'big slim-smaller.jfr'");
        assertThat(new Slim.Kept(java.util.Map.of("jdk.SocketRead", 400L, "jdk.Deoptimization", 888_088L))
                        .virtualEventsByType()
                        .keySet())
                .as("most first, whatever order the map came in")
                .containsExactly("jdk.Deoptimization", "jdk.SocketRead");
        assertThat(new Slim.Kept(java.util.Map.of("jdk.Deoptimization", Slim.STILL_MANY - 1))
                        .stillManyLine(copy, "jfr"))
                .isEmpty();
        assertThat(new Slim.Kept(many).stillManyLine(Path.of("big.slim"), "jfr"))
                .as("jfr scrub takes a first file not ending in .jfr for its output")
                .hasValueSatisfying(line -> assertThat(line).doesNotContain("jfr scrub"));
        for (String keptOnPurpose : List.of(
                "jdk.ExecutionSample",
                "jdk.VirtualThreadPinned",
                "jdk.ThreadSleep",
                "jdk.SocketRead",
                "jdk.JavaMonitorWait",
                "loompatterns.TaskStarted")) {
            assertThat(new Slim.Kept(java.util.Map.of(keptOnPurpose, Slim.STILL_MANY)).stillManyLine(copy, "jfr"))
                    .hasValueSatisfying(line -> assertThat(line).doesNotContain("jfr scrub"));
        }
    }
}
