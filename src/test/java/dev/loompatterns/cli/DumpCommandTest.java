package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loompatterns.cli.LoomCliTest.Result;
import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.RunGate;
import dev.loompatterns.jfr.Fifo;
import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.DefaultLocale;
import dev.loompatterns.testing.TestPattern;
import dev.loompatterns.threaddump.ThreadDump;
import dev.loompatterns.urlfetch.StructuredUrlFetch;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DumpCommandTest {

    /**
     * The dump of url-fetch in structured mode shows the code's scopes as a tree at least two
     * deep: url-fetch under the run's thread, and url-fetch/group-N under url-fetch, each holding
     * the threads it forked.
     */
    @Test
    @Timeout(60) // backstop
    void structuredUrlFetchDumpsATreeOfNamedScopes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fetch.json");
        Result result = LoomCliTest.loom(
                "dump",
                "url-fetch",
                "--mode",
                "structured",
                "--tasks",
                "12",
                "-P",
                "group-size=4",
                "--out",
                file.toString(),
                "--threads",
                "100");

        assertThat(result.code()).as(result.err()).isZero();
        ThreadDump dump = ThreadDump.read(file);
        ThreadDump.Container top = dump.named(StructuredUrlFetch.SCOPE_NAME).orElseThrow();
        List<ThreadDump.Container> groups = dump.children(top);
        assertThat(groups).isNotEmpty().allSatisfy(group -> {
            assertThat(group.name()).matches("url-fetch/group-[0-2]");
            assertThat(group.kind()).isEqualTo("scope");
            assertThat(group.threads()).allMatch(ThreadDump.DumpedThread::virtual);
            // a group's scope is owned by one of the top scope's forks
            assertThat(top.threads()).extracting(ThreadDump.DumpedThread::tid).contains(group.owner());
        });
        // the task held at its start is inside a group: so at least one group has a thread, two scopes deep
        assertThat(groups).anySatisfy(group -> assertThat(group.threads()).isNotEmpty());
        assertThat(dump.depth(groups.getFirst())).isGreaterThanOrEqualTo(2);
        assertThat(top.owner())
                .isIn(dump.roots().getFirst().threads().stream()
                        .map(ThreadDump.DumpedThread::tid)
                        .toList());

        // the printed tree indents each group under the top scope
        List<String> lines = result.out().lines().toList();
        int topIndent = indentOf(lines, "url-fetch  [scope]");
        int groupIndent = indentOf(lines, StructuredUrlFetch.groupName(0) + "  [scope]");
        assertThat(groupIndent).isGreaterThan(topIndent);
        assertThat(result.out()).contains("Saved to " + file).contains("pass: 12 bodies in input order");
    }

    /**
     * lifecycle's subject and the helper it joins are told apart by name in the dump: both were named
     * {@code subject-0}, one of them waiting in {@code StateWalk.helper}.
     */
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"PLATFORM", "VIRTUAL"})
    @Timeout(60) // backstop
    void lifecyclesSubjectAndHelperHaveTheirOwnNames(Mode mode, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("lifecycle.json");
        Result result =
                LoomCliTest.loom("dump", "lifecycle", "--mode", mode.id(), "--tasks", "1", "--out", file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        List<ThreadDump.DumpedThread> threads = ThreadDump.read(file).containers().stream()
                .flatMap(container -> container.threads().stream())
                .toList();
        // by name, set before either starts: a platform thread just started may not show its method yet
        assertThat(threads)
                .extracting(ThreadDump.DumpedThread::name)
                .filteredOn(name -> name.startsWith("subject-") || name.startsWith("helper-"))
                .containsExactlyInAnyOrder("subject-0", "helper-0");
    }

    private static int indentOf(List<String> lines, String text) {
        String line = lines.stream()
                .filter(l -> l.strip().startsWith(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line " + text));
        Matcher spaces = java.util.regex.Pattern.compile("^ *").matcher(line);
        return spaces.find() ? spaces.end() : 0;
    }

    @Test
    void refusesToOverwriteAnExistingFileBeforeRunning(@TempDir Path dir) throws IOException {
        Path existing = Files.writeString(dir.resolve("taken.json"), "x");
        Result result = LoomCliTest.loom("dump", "url-fetch", "--out", existing.toString());
        assertThat(result.code()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("already exists");
        assertThat(Files.readString(existing)).isEqualTo("x");
    }

    /**
     * An existing file that is not a regular file is written into, as a Unix user expects of {@code --out /dev/null}:
     * it was refused as "already exists". A named pipe stands in for /dev/null (a dump that replaced /dev/null, run as
     * root, would replace it for the machine): it gets the whole dump, stays a pipe, and the tree is printed as for a
     * file; the file the dump was taken to first is gone.
     */
    @Test
    // backstop on a thread of its own: a thread blocked opening a pipe ignores interrupts (Fifo opens none so)
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipeOrADeviceGetsTheDumpWrittenIntoIt(@TempDir Path dir) throws Exception {
        try (Fifo fifo = Fifo.make(dir.resolve("pipe"))) {
            Result result = LoomCliTest.loom(
                    "dump",
                    "thread-basics",
                    "--tasks",
                    "3",
                    "--out",
                    fifo.path().toString());
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.out()).contains("Saved to " + fifo.path()).contains("Containers: ");
            String json = fifo.read();
            assertThat(json.strip())
                    .as("whole")
                    .startsWith("{")
                    .contains("\"threadContainers\"")
                    .endsWith("}");
            assertThat(Files.isRegularFile(fifo.path())).as("still a pipe").isFalse();
        }
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".loom-dump-thread-basics-")
                            && name.contains("-" + ProcessHandle.current().pid() + ".json."));
        }
    }

    /**
     * {@code --out /dev/stdout} into a pipe ({@code loom dump 1 --out /dev/stdout | jq}): the pipe gets the JSON alone,
     * the summary and tree go to stderr (they followed the JSON, which then did not parse). A reader that stops early
     * ({@code | head -c 100}) wanted no more: exit 0 (it was exit 1, "nothing was written under that name").
     */
    @Test
    @Timeout(120) // backstop: the child JVM is waited for with a bound of its own below
    void aDumpToTheStandardOutputIsTheJsonAloneAndAReaderMayStopEarly(@TempDir Path dir) throws Exception {
        for (boolean readAll : List.of(true, false)) {
            Path errFile = dir.resolve("err-" + readAll + ".txt");
            Process child = dev.loompatterns.testing.OwnJvm.builder(
                            null,
                            List.of(),
                            LoomCli.class,
                            "dump",
                            "thread-basics",
                            "--tasks",
                            // a reader that stops early must stop before the end: a dump larger than a pipe holds
                            readAll ? "3" : "1000",
                            "--out",
                            "/dev/stdout")
                    .redirectError(errFile.toFile())
                    .start();
            // the pipe read on a thread of its own: a read does not stop for the test's timeout, a destroyed child
            // ends it
            try (Background<byte[]> read = Background.start(() -> {
                try (InputStream stdout = child.getInputStream()) { // closed after: the reader left
                    return readAll ? stdout.readAllBytes() : stdout.readNBytes(100);
                }
            })) {
                child.getOutputStream().close();
                boolean exited = child.waitFor(90, TimeUnit.SECONDS); // backstop only
                if (!exited) {
                    child.destroyForcibly().waitFor(); // before the assertion, so that the read ends
                }
                String said = Files.readString(errFile, StandardCharsets.UTF_8);
                assertThat(exited).as("the child exited: " + said).isTrue();
                byte[] out = read.join();
                assertThat(child.exitValue()).as(said).isZero();
                assertThat(said).contains("Saved to /dev/stdout").doesNotContain("could not write");
                if (readAll) {
                    assertThat(new ObjectMapper().readTree(out).has("threadDump"))
                            .as("the pipe's content parses as the dump")
                            .isTrue();
                    assertThat(said).contains("Containers: ");
                } else {
                    assertThat(out).hasSize(100);
                    assertThat(said).contains("1,000 threads were held");
                }
            } finally {
                child.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * A file that takes the dump's name while the run goes on (another {@code loom dump} that chose it: two
     * started in the same second had the same default name) is kept, not replaced, and one line says why there
     * is no dump. Before, the check at the start passed for both, and the later dump replaced the other's.
     */
    @Test
    void aFileMadeWhileTheRunWentOnIsNotWrittenOver(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.json");
        Pattern another = TestPattern.of("another-dump-takes-the-name", (mode, variant, workload) -> {
            Files.writeString(file, "another dump's");
            RunGate.arrive(); // held until the dump is written
            return Check.passed("made the file");
        });
        Result result = LoomCliTest.loom(
                Catalogue.of(List.of(another)),
                "dump",
                "another-dump-takes-the-name",
                "--mode",
                "virtual",
                "--out",
                file.toString());

        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_CHECK_FAILED);
        assertThat(result.errLines()).as(result.err()).hasSize(1);
        assertThat(result.err()).contains("a file of that name was made while loom worked");
        assertThat(result.out()).doesNotContain("Saved to");
        assertThat(Files.readString(file)).isEqualTo("another dump's");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    /**
     * "Saved to" writes the name's control characters out, as the dump's other lines do: an escape sequence in
     * {@code --out} coloured the terminal, a newline forged a line (a helper's hunt). Its header's figures are ASCII
     * under a locale of other digits, as every other figure of the CLI (they were Arabic-Indic under ar_EG).
     */
    @Test
    void savedToWritesTheNamesControlCharactersOut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d\u001b[31mred\nforged.json");
        Pattern quick = TestPattern.of("held-at-once", (mode, variant, workload) -> {
            RunGate.arrive();
            return Check.passed("held");
        });
        Result result = DefaultLocale.during(
                DefaultLocale.ARABIC_DIGITS,
                () -> LoomCliTest.loom(
                        Catalogue.of(List.of(quick)),
                        "dump",
                        "held-at-once",
                        "--mode",
                        "virtual",
                        "--out",
                        file.toString()));

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(file).exists();
        assertThat(result.out())
                .contains("Saved to " + dir + "/d\\u001b[31mred\\nforged.json\n")
                .doesNotContain("\u001b")
                .containsPattern("\\(virtual mode, [^,]+, [0-9]+ tasks\\)");
    }

    /** Two dumps started in the same second, in two JVMs, choose two default names. */
    @Test
    void theDefaultFileNamesThisJvm() {
        Pattern pattern = Catalogue.load().find("race");
        assertThat(DumpCommand.defaultFile(pattern, Mode.STRUCTURED))
                .matches("loom-dump-race-structured-\\d{8}-\\d{6}-"
                        + ProcessHandle.current().pid() + "\\.json");
    }

    @Test
    void aMissingFolderOrUnknownPatternIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        for (String[] args : List.of(
                new String[] {
                    "dump", "url-fetch", "--out", dir.resolve("no/such/x.json").toString()
                },
                new String[] {"dump", "nope"},
                new String[] {"dump", "url-fetch", "--mode", "sideways"},
                new String[] {"dump", "url-fetch", "--threads", "-1"},
                new String[] {"dump"})) {
            Result result = LoomCliTest.loom(args);
            assertThat(result.code())
                    .as(String.join(" ", args) + ": " + result.err())
                    .isEqualTo(LoomCli.EXIT_USAGE);
            assertThat(result.errLines()).as(result.err()).hasSize(1);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * A dump a person can read: counts first, each shown thread with where it is in the pattern's
     * code, sibling scopes beyond a few counted in one line, the held count as the dump shows it,
     * and by default the JSON in the temporary folder, not the current one (a checkout).
     */
    @Test
    void aDumpOfManyScopesIsShortAndSaysWhereEachShownThreadIs() throws IOException {
        Result result = LoomCliTest.loom("dump", "context", "--mode", "structured");
        assertThat(result.code()).as(result.err()).isZero();
        Path saved = savedFile(result);
        try {
            aShortDumpOfManyScopes(result, saved);
        } finally {
            Files.deleteIfExists(saved); // in the shared temporary folder: not left there by a failure
        }
    }

    private static void aShortDumpOfManyScopes(Result result, Path saved) throws IOException {
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSizeLessThan(120);
        // the header and the check's line wrap to the table's width
        LoomCliTest.assertFitsTheTableWidth(
                lines.stream().filter(line -> line.startsWith("Thread dump of ") || line.startsWith("Then released")));
        assertThat(result.out())
                .contains("Containers: ")
                .contains("Threads: ")
                .containsPattern("more containers like context/request-\\d+");
        // Each shown virtual thread says where it is in the pattern's code, or, forked a moment
        // before the dump and not yet run (a loaded machine), that it has no frames yet.
        List<String> shown = lines.stream()
                .filter(line -> line.strip().startsWith("- #") && line.contains(" virtual "))
                .toList();
        assertThat(shown)
                .allSatisfy(line -> assertThat(line)
                        .containsAnyOf(" at dev.loompatterns.context.", " RUNNABLE " + ThreadDump.NOT_YET_RUN));
        assertThat(shown).anySatisfy(line -> assertThat(line).contains(" at dev.loompatterns.context."));
        // and where all of them are, the shown and the counted alike, most first
        int places = lines.indexOf(
                "Where the program's threads are (by their innermost frame outside the JDK), most first:");
        assertThat(places).as(result.out()).isPositive();
        assertThat(lines.get(places + 1)).matches("  \\d+ virtual [A-Z_]+ at dev\\.loompatterns\\.context\\..*");
        java.util.regex.Matcher held = java.util.regex.Pattern.compile(
                        "(\\d+) threads?\\s+(?:was|were)\\s+held\\s+at\\s+the\\s+run's\\s+gate")
                .matcher(result.out());
        assertThat(held.find()).isTrue();
        assertThat(saved.getParent())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        ThreadDump dump = ThreadDump.read(saved);
        assertThat(dump.held()).as("the header's count is the dump's").isEqualTo(Long.parseLong(held.group(1)));
    }

    @Test
    void theHeldCountIsSaidInTheSingularForOne() {
        assertThat(DumpCommand.heldWords(1)).isEqualTo("1 thread was held");
        assertThat(DumpCommand.heldWords(4)).isEqualTo("4 threads were held");
    }

    /** A per-task executor can name its threads: the virtual form's show in a dump as the pool's did. */
    @Test
    void theVirtualFormsThreadsAreNamedAsThePoolsWere() throws IOException {
        Result result = LoomCliTest.loom("dump", "url-fetch", "--mode", "virtual", "--tasks", "4");
        assertThat(result.code()).as(result.err()).isZero();
        Path saved = savedFile(result);
        try {
            assertThat(result.out()).containsPattern("#\\d+ \"fetch-\\d+\" virtual");
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    /**
     * A dump to the default name takes the name before the run, and gives it back after: two dumps that chose one
     * name (two containers, each loom pid 1, started in the same second) write two files, the later one the next
     * free name (AtomicFile.takeFreeName). Before, only the file's absence was looked at, and the later dump's write
     * failed on the other's file.
     */
    @Test
    void aDefaultNameIsTakenForTheRunAndGivenBackAfter() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String id = "dump-takes-its-name";
        List<Path> marksDuringTheRun = new java.util.ArrayList<>();
        Pattern looks = TestPattern.of(id, (mode, variant, workload) -> {
            try (Stream<Path> files = Files.list(tmp)) {
                files.filter(file -> file.getFileName().toString().startsWith(".loom-dump-" + id + "-"))
                        .forEach(marksDuringTheRun::add);
            }
            RunGate.arrive(); // held until the dump is taken
            return Check.passed("looked");
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoomCli.execute(
                Catalogue.of(List.of(looks)), new PrintWriter(out), new PrintWriter(err), "dump", id, "--tasks", "1");
        Path saved = Path.of(out.toString()
                .lines()
                .filter(line -> line.startsWith("Saved to "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(out + "\n" + err))
                .substring("Saved to ".length()));
        try {
            assertThat(code).as(err.toString()).isZero();
            Path mark = saved.resolveSibling("." + saved.getFileName() + ".taken");
            assertThat(marksDuringTheRun)
                    .as("the name's mark, while the run ran")
                    .containsExactly(mark);
            assertThat(mark).as("given back").doesNotExist();
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    /** The dump's file, from the line that names it. */
    private static Path savedFile(Result result) {
        return Path.of(result.out()
                .lines()
                .filter(line -> line.startsWith("Saved to "))
                .findFirst()
                .orElseThrow()
                .substring("Saved to ".length()));
    }

    /**
     * A task that, released after the dump, interrupts the command's thread, as Ctrl-C does while the run
     * finishes: the command ends as interrupted and keeps no dump. Before, the interrupt came out of the
     * run's join with the dump already in place, and it stayed.
     */
    @Test
    void anInterruptWhileTheRunFinishesKeepsNoDump(@TempDir Path dir) {
        Thread command = Thread.currentThread();
        Pattern interrupting = TestPattern.of("interrupts-after-the-dump", (mode, variant, workload) -> {
            RunGate.arrive(); // held until the dump is taken
            command.interrupt();
            return Check.passed("interrupted the command");
        });
        Path file = dir.resolve("d.json");
        StringWriter err = new StringWriter();
        int code;
        try {
            code = LoomCli.execute(
                    Catalogue.of(List.of(interrupting)),
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(err),
                    "dump",
                    "interrupts-after-the-dump",
                    "--mode",
                    "virtual",
                    "--out",
                    file.toString());
        } finally {
            Thread.interrupted(); // not left set for the next test
        }
        assertThat(code).as(err.toString()).isEqualTo(LoomCli.EXIT_INTERRUPTED);
        assertThat(dir).isEmptyDirectory();
    }
}
