package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.cli.LoomCliTest.Result;
import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.threaddump.ThreadDump;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pattern of the catalogue, in every mode it has, can be dumped mid-run: {@code loom dump}
 * finds a task held at {@code core.RunGate}, saves the JDK's JSON dump, prints its tree, and the
 * released run still passes its check. New patterns are covered as soon as they are registered;
 * one that never calls {@code RunGate.arrive()} fails here (exit 1, "no task reached a hold point").
 *
 * <p>Each cell runs the pattern's first variant, and the few variants listed in
 * {@link #OTHER_HOLD_POINTS}, with {@link #TASKS} tasks (or fewer, if that is its default), so the
 * whole class is a few seconds of runs plus one dump each. No cell is excluded.
 */
class DumpEveryPatternTest {

    /** Small enough for a quick run, large enough for a pattern with several kinds of task. */
    static final int TASKS = 4;

    private static final String HELD_FRAME = "dev.loompatterns.core.RunGate.arrive(";
    /** A thread's line in the printed tree, as {@code ThreadDump.DumpedThread.line()} writes it. */
    private static final java.util.regex.Pattern THREAD_LINE =
            java.util.regex.Pattern.compile("^\\s*- #(?<tid>\\d+)(?: \".*\")?(?: virtual)? \\S+(?: at .+)?$");

    /**
     * Variants beyond the first whose tasks reach the gate somewhere else: in a child JVM's parent
     * (pinning), in the starter after the tasks started (scheduling's in-JVM measurements), in plain
     * threads instead of forks (context), at a repeating timer's last tick (timer; whether a hold at an
     * earlier tick failed the drift check depended on how long the dump took, so
     * {@code TimerTest.aHeldRepeatingTimerIsHeldAtItsLastTick} checks where it is held).
     */
    static final Map<String, List<String>> OTHER_HOLD_POINTS = Map.of(
            "pinning", List.of("synchronized-jdk21"),
            "scheduling", List.of("file-io", "queueing-delay"),
            "context", List.of("uncopied"),
            "timer", List.of("fixed-rate"));

    static Stream<Arguments> cells() {
        return Catalogue.load().patterns().stream()
                .flatMap(pattern -> pattern.modes().stream()
                        .flatMap(mode -> Stream.concat(
                                        Stream.of(pattern.variants().getFirst().id()),
                                        OTHER_HOLD_POINTS.getOrDefault(pattern.id(), List.of()).stream())
                                .map(variant -> Arguments.of(pattern.id(), mode, variant))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    @Timeout(120) // backstop: a pattern that hangs when held fails here instead of hanging the build
    void everyCellCanBeDumpedMidRun(String id, Mode mode, String variant, @TempDir Path dir) throws IOException {
        Pattern pattern = Catalogue.load().find(id);
        int tasks = Math.min(pattern.defaultTasks(), TASKS);
        Path file = dir.resolve(id + "-" + mode.id() + "-" + variant + ".json");

        Result result = LoomCliTest.loom(
                "dump",
                id,
                "--mode",
                mode.id(),
                "--variant",
                variant,
                "--tasks",
                Integer.toString(tasks),
                "--out",
                file.toString(),
                // every thread and container: the run's may come after the JVM's own
                "--threads",
                Integer.toString(DumpCommand.MAX_THREADS_LISTED),
                "--containers",
                Integer.toString(DumpCommand.MAX_THREADS_LISTED));

        assertThat(result.code())
                .as("%s %s %s: %s%s", id, mode, variant, result.err(), result.out())
                .isZero();
        assertThat(file).exists();
        assertThat(result.out()).contains("Saved to " + file);
        // Mid-run, by construction: the saved dump caught a thread of the run waiting at the gate.
        List<ThreadDump.DumpedThread> held = threadsHeldAtTheGate(file);
        assertThat(held)
                .as("threads whose stack is in RunGate.arrive")
                .isNotEmpty()
                .extracting(ThreadDump.DumpedThread::name)
                .doesNotContain("main");
        // a run whose work is in child JVMs says so, since the tree shows this JVM's side alone
        boolean inChildren = held.stream().anyMatch(thread -> thread.stackHas(ThreadDump.CHILD_JVM_FRAME));
        assertThat(result.out().contains("This run's work is in child JVMs"))
                .as("%s %s %s: the note on child JVMs\n%s", id, mode, variant, result.out())
                .isEqualTo(inChildren);
        if (id.equals("daemon-threads")) { // every form of it runs in children
            assertThat(inChildren)
                    .as("daemon-threads %s is held in ChildJvm", mode)
                    .isTrue();
        }
        // and the printed tree shows them, not only the JVM's own threads
        assertThat(printedThreadIds(result.out()))
                .as("threads printed\n%s", result.out())
                .containsAnyElementsOf(
                        held.stream().map(ThreadDump.DumpedThread::tid).toList());
    }

    /** The thread ids of the printed tree's lines {@code - #TID ["NAME"] [virtual] STATE [at FRAME]}. */
    private static List<String> printedThreadIds(String out) {
        List<String> ids = new ArrayList<>();
        for (String line : out.lines().toList()) {
            Matcher thread = THREAD_LINE.matcher(line);
            if (thread.matches()) {
                ids.add(thread.group("tid"));
            }
        }
        return ids;
    }

    /** The dumped threads with {@code RunGate.arrive} on their stack. */
    private static List<ThreadDump.DumpedThread> threadsHeldAtTheGate(Path file) throws IOException {
        return ThreadDump.read(file).containers().stream()
                .flatMap(container -> container.threads().stream())
                .filter(thread -> thread.stackHas(HELD_FRAME))
                .toList();
    }
}
