package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A diff of {@code PlatformX.java} against {@code VirtualX.java} shows the migration and nothing
 * else (docs/design.md, "A pattern's package"): outside the class comment and the class
 * declaration, which explain and name the form, the two sources differ in at most the lines the
 * migration needs. A renamed variable, a moved lambda or a comment on one side only adds lines
 * to the diff and fails this test.
 */
class MigrationDiffTest {

    /**
     * Every pattern whose migration is a few lines, in catalogue order, each with the lines its
     * migration needs, counted on both sides (measured on the current sources). Left out, because
     * their virtual form is rewritten rather than migrated, so a bound would only restate the diff:
     * creation-styles (a Thread subclass cannot be virtual: its fields move into a task, and the
     * styles change), daemon-threads (setDaemon(false) refused, and an explicit join),
     * backpressure (a ThreadPoolExecutor's queue and rejection policy become a semaphore) and
     * timer (a scheduled pool becomes a sleeping virtual thread per timer).
     */
    static Stream<Arguments> migrations() {
        return Stream.of(
                // new Thread(...), threads.add(thread), thread.start()
                //   -> a Thread.ofVirtual() builder, threads.add(builder.start(...))
                Arguments.of("threadbasics", "ThreadBasics", 5),
                // Thread.ofPlatform() with .daemon(...) and .priority(...) (3 lines) -> Thread.ofVirtual(), which
                //   takes neither; the call that starts the workers, with no hook -> a hook setting the priority
                //   (2 lines), and a comment saying a virtual thread ignores it
                Arguments.of("threadconfig", "ThreadConfig", 7),
                // Thread.ofPlatform() -> Thread.ofVirtual(), in the one line that passes the builder
                Arguments.of("lifecycle", "Lifecycle", 2),
                // new Thread(...), threads.add(thread), thread.start()
                //   -> a Thread.ofVirtual() builder, threads.add(builder.start(...))
                Arguments.of("lockcounter", "LockCounter", 5),
                // Crew.platform -> Crew.virtual, in the one line that passes the crew
                Arguments.of("reentrantlock", "ReentrantLock", 2),
                // a platform thread factory -> a virtual one, in the one line that passes it
                Arguments.of("semaphorepool", "SemaphorePool", 2),
                // Crew.platform -> Crew.virtual, in the one line that passes the crew
                Arguments.of("eventsignal", "EventSignal", 2),
                // Crew.platform -> Crew.virtual, in the one line that passes the crew
                Arguments.of("boundedbuffer", "BoundedBuffer", 2),
                // a fixed pool fetching with client::fetch (the executor's expression spans 2 lines as formatted)
                //   -> a thread-per-task executor (2 lines), and the semaphore that replaces the pool size as a limit
                //   (2 lines in place of client::fetch)
                Arguments.of("urlfetch", "UrlFetch", 7),
                // Thread.ofPlatform() -> Thread.ofVirtual(), in the one line that names the builder
                Arguments.of("taskqueue", "TaskQueue", 2),
                // the pool size constant, its comment and the blank line after it (3 lines, platform only),
                // and the line passing the builder and the executor: platform and a fixed pool -> virtual
                // and a virtual thread per task
                Arguments.of("exceptions", "Exceptions", 5),
                // the BEFORE / AFTER comment (one on each side) and the line passing Thread.ofPlatform()
                //   -> Thread.ofVirtual()
                Arguments.of("deadlock", "Deadlock", 4),
                // two fixed pools, handlers and workers (4 lines as formatted), and the call passing them
                //   -> the BEFORE / AFTER comment (2 lines), one thread-per-task executor (2 lines) passed as both
                Arguments.of("context", "Context", 10),
                // a fixed pool of one thread per mirror -> a thread-per-task executor (2 lines as formatted)
                Arguments.of("race", "Race", 4),
                // a fixed pool of subtask threads -> a thread-per-task executor (2 lines as formatted)
                Arguments.of("deadline", "Deadline", 4),
                // Thread.ofPlatform() -> Thread.ofVirtual(), in the one line that passes the builder
                Arguments.of("pinning", "Pinning", 2),
                // the line starting each task on a platform builder -> the same line on a virtual builder,
                // run from a virtual starter thread that is then joined (5 lines) and its import
                Arguments.of("scheduling", "Scheduling", 7));
    }

    /** The patterns left out of {@link #migrations()}: their virtual form is a rewrite (see there). */
    static final List<String> REWRITES = List.of("creationstyles", "daemonthreads", "backpressure", "timer");

    /**
     * Every pattern of the catalogue is bounded above or named a rewrite: a new pattern is not left out
     * of this test without a word. Its package is its pattern class's.
     */
    @Test
    void everyPatternIsBoundedOrNamedARewrite() {
        List<String> bounded =
                migrations().map(arguments -> (String) arguments.get()[0]).toList();
        for (Pattern pattern : Catalogue.load().patterns()) {
            String pkg = pattern.getClass().getPackageName().replace("dev.loompatterns.", "");
            assertThat(bounded.contains(pkg) || REWRITES.contains(pkg))
                    .as(
                            "%s (package %s) is in neither MigrationDiffTest.migrations(), with the lines its"
                                    + " migration needs, nor REWRITES, with the reason its virtual form is rewritten",
                            pattern.id(), pkg)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("migrations")
    void platformAndVirtualDifferOnlyByTheMigration(String pkg, String x, int bound) throws IOException {
        Path folder = Path.of("src/main/java/dev/loompatterns", pkg);
        List<String> platform = body(folder.resolve("Platform" + x + ".java"));
        List<String> virtual = body(folder.resolve("Virtual" + x + ".java"));
        int changed = platform.size() + virtual.size() - 2 * commonLines(platform, virtual);
        // exactly: a bound above the count would let a stray line in unnoticed, and the comment beside each entry
        // names the lines it counts
        assertThat(changed)
                .as("lines in only one of Platform%s and Virtual%s (the migration's, named in migrations())", x, x)
                .isEqualTo(bound);
    }

    /** Sanity: the count is of lines present on one side and not the other. */
    @Test
    void countsLinesOnOneSideOnly() {
        List<String> a = List.of("x", "a", "y", "z");
        List<String> b = List.of("x", "b", "c", "y", "z");
        assertThat(a.size() + b.size() - 2 * commonLines(a, b)).isEqualTo(3);
    }

    /** The source without the class comment and the class declaration line; lines stripped of indentation. */
    private static List<String> body(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int declaration = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("(public )?(final )?class \\w+.*")) {
                declaration = i;
                break;
            }
        }
        assertThat(declaration).as("the class declaration in %s", source).isNotNegative();
        int commentStart = declaration;
        if (declaration > 0 && lines.get(declaration - 1).strip().endsWith("*/")) { // also a one-line comment
            commentStart = declaration - 1;
            while (commentStart > 0 && !lines.get(commentStart).strip().startsWith("/**")) {
                commentStart--;
            }
        }
        List<String> body = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i < commentStart || i > declaration) {
                body.add(lines.get(i).strip());
            }
        }
        return body;
    }

    /** The length of the longest common subsequence of lines, as a line diff aligns them. */
    private static int commonLines(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        return lcs[0][0];
    }
}
