package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.cli.LoomCliTest.Result;
import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.Spinner;
import dev.loompatterns.threaddump.DumpReaderTest;
import dev.loompatterns.threaddump.ThreadDump;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loom dump FILE}: a JSON thread dump taken of any JVM ({@code jcmd PID Thread.dump_to_file -format=json}) is
 * printed as a pattern's is, with where its threads are and the limits they wait for; nothing runs.
 */
class DumpTakenTest {

    /** A dump written by hand: one thread, waiting in the program's code. */
    static final String SMALL = """
        {"threadDump": {"threadContainers": [
          {"container": "<root>", "parent": null, "owner": null,
           "threads": [{"tid": "1", "name": "main", "state": "WAITING", "virtual": false,
                        "stack": ["app.Main.main(Main.java:3)"]}]}
        ]}}
        """;

    /** How many virtual threads {@link #dumpWithThreadsWaitingForPermits} leaves waiting for a permit. */
    static final int WAITING = 3;

    /**
     * A dump of this JVM taken while {@value #WAITING} virtual threads wait in {@link #takePermit} for a permit of a
     * {@code Semaphore} that has none: each is waiting (its state, not a sleep) before the dump is written; then the
     * permits are given and every thread joined, its failure thrown here.
     */
    static Path dumpWithThreadsWaitingForPermits(Path dir) throws Exception {
        Semaphore permits = new Semaphore(0);
        List<Background<Void>> waiting = new ArrayList<>();
        Path file = dir.resolve("app-threads.json").toAbsolutePath();
        try {
            for (int i = 0; i < WAITING; i++) {
                waiting.add(Background.startVirtual(() -> takePermit(permits)));
            }
            for (Background<Void> thread : waiting) {
                thread.awaitState(Thread.State.WAITING);
            }
            ThreadDump.write(file);
            permits.release(WAITING);
            for (Background<Void> thread : waiting) {
                thread.join();
            }
        } finally {
            permits.release(WAITING); // a failure above may have left them waiting
            waiting.forEach(Background::close);
        }
        return file;
    }

    private static Void takePermit(Semaphore permits) throws InterruptedException {
        permits.acquire();
        return null;
    }

    @Test
    void aDumpOfAnyJvmIsPrintedWithWhereItsThreadsAreAndWhatLimitsThem(@TempDir Path dir) throws Exception {
        Path file = dumpWithThreadsWaitingForPermits(dir);

        Result result = LoomCliTest.loom("dump", file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.getFirst())
                .startsWith("Thread dump " + file + " (process "
                        + ProcessHandle.current().pid() + ", JDK " + Runtime.version() + ", taken ");
        assertThat(lines).anyMatch(line -> line.startsWith("Threads: ")).anyMatch(line -> line.startsWith("<root>"));
        int places = lines.indexOf(
                "Where the program's threads are (by their innermost frame outside the JDK), most first:");
        assertThat(places).as(result.out()).isPositive();
        // found by what it says, not by its place: other tests' threads in this JVM may come first (the order is
        // ThreadDumpTest's to check, on threads it made)
        String waiting = "  " + WAITING + " virtual WAITING at " + DumpTakenTest.class.getName() + ".takePermit(";
        int place = lines.subList(places, lines.size()).stream()
                .filter(line -> line.startsWith(waiting))
                .findFirst()
                .map(lines::indexOf)
                .orElseThrow(() -> new AssertionError("no line starts " + waiting + " in " + result.out()));
        assertThat(lines.get(place + 1))
                .isEqualTo("      parked on java.util.concurrent.Semaphore$NonfairSync: waiting for a Semaphore's"
                        + " permits");
        assertThat(result.out())
                .contains("Waiting for a limit: on a virtual thread the wait holds no platform thread, but no more"
                        + " tasks run")
                .doesNotContain("Saved to", "Then released", "held");
        assertThat(result.err()).isEmpty();
        assertThat(dir).isDirectoryContaining(path -> path.equals(file)); // read, not moved or deleted
    }

    /**
     * A dump of a JDK before 25 gives no states and no park blockers (read in their ThreadDumper, not run): said once,
     * and a limit is still told, from the stack of the same JVM's dump with those fields left out.
     */
    @Test
    void aDumpOfAJdkBefore25SaysWhatItLacksAndStillTellsTheLimit(@TempDir Path dir) throws Exception {
        Path file = dumpWithThreadsWaitingForPermits(dir);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode dump = json.readTree(file.toFile());
        dump.path("threadDump")
                .path("threadContainers")
                .forEach(container -> container
                        .path("threads")
                        .forEach(thread -> ((com.fasterxml.jackson.databind.node.ObjectNode) thread)
                                .remove(List.of("state", "virtual", "parkBlocker", "time", "carrier"))));
        Path older = dir.resolve("jdk21-shape.json");
        json.writeValue(older.toFile(), dump);

        Result result = LoomCliTest.loom("dump", older.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Its threads have no state and nothing they are parked on: a JDK before 25 wrote it")
                .containsPattern("\n  " + WAITING + " virtual UNKNOWN at [^\n]+\\.takePermit\\([^\n]+\n"
                        + "      waiting for a Semaphore's permits\n");
    }

    /**
     * A child JVM's program, run with one carrier: a virtual thread spins on it ({@link Spinner}, spinning when it
     * returns) while two more are started, which cannot run; it dumps its threads to the file its argument names, then
     * stops the spin and joins them.
     */
    public static final class OneCarrierHeld {
        public static void main(String[] args) throws Exception {
            List<Thread> waiting = new ArrayList<>();
            try (Spinner spinner = Spinner.start("spinner")) {
                for (int i = 0; i < 2; i++) {
                    waiting.add(Thread.ofVirtual().start(() -> {}));
                }
                ThreadDump.write(Path.of(args[0]));
            }
            for (Thread thread : waiting) {
                thread.join(); // BLOCKS-UNTIL: it ran, now that the carrier is free
            }
        }
    }

    /**
     * A dump taken while the one carrier ran a spinning virtual thread and two others waited to run: the dump says
     * which thread the carrier ran (JDK 25), and {@code loom dump FILE} says the carriers were held, by what, and
     * that a recording says for how long; a dump in which a carrier is free, or none waits to run, says nothing of it
     * ({@link #aDumpOfAnyJvmIsPrintedWithWhereItsThreadsAreAndWhatLimitsThem}).
     */
    @Test
    void aDumpWhoseCarriersAllRunVirtualThreadsWhileOthersWaitSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("held.json").toAbsolutePath();
        ChildJvm.Result child = ChildJvm.run(
                List.of("-Djdk.virtualThreadScheduler.parallelism=1"),
                OneCarrierHeld.class,
                List.of(file.toString()),
                Duration.ofMinutes(1)); // a backstop
        assertThat(child.exitCode()).as(child.stderr()).isZero();

        Result result = LoomCliTest.loom("dump", file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().replaceAll("\\s*\\n\\s*", " "))
                .contains("Carriers held: the 1 carrier of the virtual-thread scheduler was running a virtual thread"
                        + " (1 at " + Spinner.class.getName() + ".")
                .contains(") while 2 virtual threads had started and not yet run. A virtual thread keeps its carrier")
                .contains("run 'loom inspect' on the recording (its carrier-hogging rule).")
                .doesNotContain("If this is");
    }

    /**
     * Where a thread holding a carrier runs in a library's loop that spins ({@code KnownSpin}), the note says which,
     * and names the places of the threads, the most three, counting the rest.
     */
    @Test
    void aCarrierHeldInALibrarysKnownSpinIsSaidAsThatLoop() {
        List<ThreadDump.DumpedThread> holding = new ArrayList<>();
        String[] places = {"app.A.a(A.java:1)", "app.B.b(B.java:2)", "app.C.c(C.java:3)"};
        for (int i = 0; i < 6; i++) {
            String frame = i < 3
                    ? "io.agroal.pool.ConnectionPool.handlerFromSharedCache(ConnectionPool.java:354)"
                    : places[i - 3];
            holding.add(onCarrier(frame, Integer.toString(20 + i)));
        }

        String note = DumpCommand.carriersHeld(holding, 1);

        assertThat(note)
                .startsWith(
                        "Carriers held: each of the 6 carriers of the virtual-thread scheduler was running a virtual"
                                + " thread (3 at"
                                + " io.agroal.pool.ConnectionPool.handlerFromSharedCache(ConnectionPool.java:354), 1 at"
                                + " app.A.a(A.java:1), 1 at app.B.b(B.java:2), 1 elsewhere) while 1 virtual thread had"
                                + " started")
                .contains(" If this is Agroal 3.2.1 ")
                .doesNotContain("Commons Pool");
        assertThat(DumpCommand.carriersHeld(List.of(onCarrier("app.A.a(A.java:1)", "28")), 2))
                .doesNotContain("If this is");
    }

    /**
     * JDK 25 writes a dump thread by thread, so a carrier whose task ended while it wrote is seen with the next too: a
     * burst of 1 ms tasks on 2 carriers had 6 virtual threads on them in one dump. The note says how many carriers
     * there were, and that the dump saw more threads on them.
     */
    @Test
    void moreThreadsThanCarriersAreSaidAsSeenWhileTheDumpWasWritten() {
        List<ThreadDump.DumpedThread> holding = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            holding.add(onCarrier("app.Burst.work(Burst.java:11)", i % 2 == 0 ? "24" : "26"));
        }

        assertThat(DumpCommand.carriersHeld(holding, 9_280))
                .startsWith(
                        "Carriers held: each of the 2 carriers of the virtual-thread scheduler was running a virtual"
                                + " thread (the dump, written thread by thread, saw 6 on them: 6 at"
                                + " app.Burst.work(Burst.java:11)) while 9,280 virtual threads had started and not yet"
                                + " run.");
    }

    /** A frame of the file is written out in the note, as in the tree: its control characters printed raw before. */
    @Test
    void theNotesFramesWriteControlCharactersOut() {
        String note = DumpCommand.carriersHeld(List.of(onCarrier("app.\u001b[31mRed.run(Red.java:1)\n", "28")), 2);

        assertThat(note).contains("1 at app.\\u001b[31mRed.run(Red.java:1)\\n)").doesNotContain("\u001b", "\n");
    }

    private static ThreadDump.DumpedThread onCarrier(String frame, String carrier) {
        return new ThreadDump.DumpedThread("31", "", "RUNNABLE", true, "", "", List.of(frame), carrier);
    }

    /** A pattern's id or number names the pattern; a path or a .json name that names no file is said to be one. */
    @Test
    void aFileIsTakenWhereTheArgumentNamesNoPattern(@TempDir Path dir) throws Exception {
        Path file = dumpWithThreadsWaitingForPermits(dir);
        Path named = Files.move(file, dir.resolve("url-fetch")); // a path, not the id
        assertThat(LoomCliTest.loom("dump", named.toString()).out()).startsWith("Thread dump " + named);

        for (String missing : List.of("nosuch.json", dir.resolve("nosuch").toString())) {
            Result result = LoomCliTest.loom("dump", missing);
            assertThat(result.code()).as(missing).isEqualTo(LoomCli.EXIT_USAGE);
            assertThat(result.err())
                    .isEqualTo("loom: no such file: '" + missing + "'; " + DumpCommand.TAKE_ONE + ", or a pattern's id"
                            + System.lineSeparator());
        }
        assertThat(LoomCliTest.loom("dump", "nosuch").err()).startsWith("loom: unknown pattern 'nosuch'");
    }

    @Test
    void theOptionsOfARunAreRefusedForADumpAlreadyTaken(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("d.json"), SMALL);

        Result one = LoomCliTest.loom("dump", file.toString(), "--mode", "virtual");
        Result three = LoomCliTest.loom("dump", file.toString(), "--tasks", "5", "-P", "sleep-ms=1", "--out", "x.json");
        Result listed = LoomCliTest.loom("dump", file.toString(), "--threads", "0", "--containers", "0");

        assertThat(one.code()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(one.err())
                .isEqualTo("loom: --mode is for a pattern's run, and '" + file + "' is a dump already taken, which is"
                        + " printed as it is; leave it out" + System.lineSeparator());
        assertThat(three.code()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(three.err())
                .startsWith("loom: --tasks, -P, --out are for a pattern's run")
                .endsWith("leave them out" + System.lineSeparator());
        assertThat(Path.of("x.json")).doesNotExist();
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("<root>  1 thread (WAITING 1)").doesNotContain("  - #");
    }

    /**
     * An interrupt (Ctrl-C's, in the CLI) while the dump is read: exit 130 and nothing printed, the file left as it
     * was. The reading looks at the interrupt every thousand threads, and stops there (the larger dump); a dump of
     * fewer is read whole, and the interrupt seen once it is.
     */
    @Test
    void anInterruptWhileTheDumpIsReadPrintsNothing(@TempDir Path dir) throws IOException {
        for (String dump : List.of(SMALL, DumpReaderTest.parkedAtOneLine(1_500))) {
            Path file = Files.writeString(dir.resolve("d.json"), dump);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code;
            Thread.currentThread().interrupt(); // before the read
            try {
                code = LoomCli.execute(
                        Catalogue.load(), new PrintWriter(out), new PrintWriter(err), "dump", file.toString());
            } finally {
                Thread.interrupted(); // not left set for the next test
            }
            assertThat(code).as(err.toString()).isEqualTo(LoomCli.EXIT_INTERRUPTED);
            assertThat(out.toString()).isEmpty();
            assertThat(file).hasContent(dump);
        }
    }

    /** A file that is not a JSON thread dump is one line and exit 2, whatever is wrong with it. */
    @Test
    void whatIsNotAJsonThreadDumpIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("jstack.txt"), "2026-12-05 16:27:51\nFull thread dump\n");
        Path cut = Files.writeString(dir.resolve("cut.json"), "{\"threadDump\": {\"threadContainers\": [");
        // cut after a comma: Jackson says "end-of-input within/between Object entries", not its JsonEOFException
        Path cutAfterAComma = Files.writeString(dir.resolve("comma.json"), "{\"threadDump\": {\"processId\": \"7\",\n");
        Path trailingComma =
                Files.writeString(dir.resolve("trailing.json"), "{\"threadDump\": {\"processId\": \"7\",}}");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"threads\": []}");
        Path empty = Files.writeString(dir.resolve("empty.json"), "");

        assertThat(refused(text)).startsWith("loom: '" + text + "' is not a JSON thread dump: it is not JSON (line 1,");
        assertThat(refused(cut)).startsWith("loom: '" + cut + "' is not a JSON thread dump: its JSON is cut short");
        assertThat(refused(cutAfterAComma))
                .startsWith("loom: '" + cutAfterAComma + "' is not a JSON thread dump: its JSON is cut short");
        assertThat(refused(trailingComma))
                .startsWith("loom: '" + trailingComma + "' is not a JSON thread dump: it is not JSON (line 1,");
        assertThat(refused(other))
                .startsWith("loom: '" + other + "' is not a JSON thread dump: its JSON has no threadDump");
        assertThat(refused(empty)).startsWith("loom: '" + empty + "' is not a JSON thread dump");
        assertThat(refused(dir)).isEqualTo("loom: '" + dir + "' is a folder; " + DumpCommand.TAKE_ONE);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).hasSize(6);
        }
    }

    /**
     * Containers whose parents lead back to them, in a file edited by hand (the JDK writes a tree), are refused in one
     * line: {@code loom dump} spun at 100% CPU on them, in the loop that counts a container's depth, after printing
     * the header line.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // backstop: the loop never checked interrupts
    void containersThatAreTheirOwnAncestorsAreOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        String root = """
            {"container": "<root>", "parent": %s, "owner": null, "threads": []}\
            """;
        String child = """
            {"container": "%s", "parent": "%s", "owner": "1", "threads": []}\
            """;
        Map<String, List<String>> dumps = new LinkedHashMap<>();
        dumps.put("self", List.of(root.formatted("null"), child.formatted("scope-1", "scope-1")));
        dumps.put("two", List.of(root.formatted("null"), child.formatted("a", "b"), child.formatted("b", "a")));
        dumps.put("root", List.of(root.formatted("\"scope-1\""), child.formatted("scope-1", "<root>")));
        for (Map.Entry<String, List<String>> dump : dumps.entrySet()) {
            Path file = Files.writeString(
                    dir.resolve(dump.getKey() + ".json"),
                    "{\"threadDump\": {\"threadContainers\": [" + String.join(",", dump.getValue()) + "]}}");

            assertThat(refused(file))
                    .as(dump.getKey())
                    .startsWith("loom: '" + file + "' is not a JSON thread dump: its container '")
                    .contains("' is its own ancestor (its parents lead back to it), which no dump the JDK writes has;");
        }
    }

    /**
     * jcmd's text dump (no {@code -format=json}) begins with the process id, which JSON reads as a number: it is said to
     * be a text dump, as jstack's is, where it was "its JSON has no threadDump.threadContainers", the likeliest mistake
     * given the least help.
     */
    @Test
    void jcmdsTextDumpIsSaidToBeATextDump(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), """
            4242
            2026-12-06T16:32:11.587Z
            25.0.3+9-LTS

            #1 "main"
                  java.base/java.lang.Thread.sleep0(Native Method)
            """);

        assertThat(refused(file))
                .startsWith("loom: '" + file + "' is not a JSON thread dump: it is no JSON object (it begins with 4242,"
                        + " as jcmd's text dump does with its process id); a text dump (jstack's, or jcmd's without"
                        + " -format=json) is not read; ");
    }

    /**
     * Ctrl-C while a dump read is printed stops it, and nothing of it is printed: the printing of a dump of 500,000
     * threads (2.6 s) did not look, printed it all, exit 130, and said the work had finished when the signal came (a
     * helper's hunt). Here the interrupt is there before the printing begins: the header and the summary, made before
     * the first look, reach no output.
     */
    @Test
    void aDumpWhosePrintingIsInterruptedPrintsNothing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("small.json"), SMALL);
        ThreadDump dump = ThreadDump.read(file);
        StringWriter out = new StringWriter();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new DumpCommand().printWhole(file, dump, new PrintWriter(out)))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted(); // whatever happened, the test's thread goes on uninterrupted
        }
        assertThat(out.toString()).isEmpty();

        new DumpCommand().printWhole(file, dump, new PrintWriter(out));
        assertThat(out.toString())
                .as("not interrupted")
                .startsWith("Thread dump ")
                .contains("<root>");
    }

    /**
     * A file that is no dump for another reason than jcmd's text says that reason (a helper's hunt): an array, a string
     * or {@code null} were said to begin "as jcmd's text dump does with its process id", an empty file to have "no
     * threadDump.threadContainers"; and two dumps joined in one file were read as the first, exit 0.
     */
    @Test
    void aFileThatIsNoDumpSaysWhatItIsInstead(@TempDir Path dir) throws IOException {
        Map<String, String> said = new LinkedHashMap<>();
        said.put("[" + SMALL + "]", "it is no JSON object (it begins with [), where a dump is one;");
        said.put("null", "it is no JSON object (it begins with null), where a dump is one;");
        said.put("\"dump\"", "it is no JSON object (it begins with dump), where a dump is one;");
        said.put("", "it holds no JSON at all (it is empty, or spaces);");
        said.put("  \n ", "it holds no JSON at all (it is empty, or spaces);");
        said.put(
                SMALL + SMALL,
                "it holds more after its dump (two dumps joined by cat, say), where a dump's file holds"
                        + " one; give each dump a file of its own;");
        int i = 0;
        for (Map.Entry<String, String> file : said.entrySet()) {
            Path path = Files.writeString(dir.resolve("f" + i++ + ".json"), file.getKey());
            assertThat(refused(path))
                    .as(file.getKey())
                    .startsWith("loom: '" + path + "' is not a JSON thread dump: " + file.getValue())
                    .doesNotContain("jcmd's text dump");
        }
    }

    /**
     * A dump with no thread that loom can read (no container, containers with none, threads that are not a list) is
     * refused in one line: it printed a dump of 0 threads, said to be written by "a JDK before 25" under a JDK 25
     * header. Every dump the JDK writes has the thread that took it.
     */
    @Test
    void aDumpWithNoThreadIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        String header = "{\"threadDump\": {\"runtimeVersion\": \"25.0.3+9-LTS\", \"threadContainers\": [%s]}}";
        String root = "{\"container\": \"<root>\", \"parent\": null, \"owner\": null, \"threads\": %s}";
        Map<String, String> dumps = new LinkedHashMap<>();
        dumps.put("none", header.formatted(""));
        dumps.put("empty", header.formatted(root.formatted("[]")));
        dumps.put("text", header.formatted(root.formatted("\"x\"")));
        for (Map.Entry<String, String> dump : dumps.entrySet()) {
            Path file = Files.writeString(dir.resolve(dump.getKey() + ".json"), dump.getValue());

            assertThat(refused(file))
                    .as(dump.getKey())
                    .startsWith("loom: '" + file + "' is not a JSON thread dump: it has no thread that loom can read,"
                            + " where every dump the JDK writes has one at least, the thread that took it;");
        }
    }

    /**
     * A thread's name, state or frame from the file, and the file's own name, reach the terminal with their control
     * characters written out: a name with an escape sequence recoloured the terminal, and one with a newline split the
     * tree's line in two; a state did so in the summary's line of threads by state.
     */
    @Test
    void controlCharactersOfTheFileAreWrittenOutNotPrinted(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(
                dir.resolve("app\u001b[2J.json"),
                SMALL.replace("\"name\": \"main\"", "\"name\": \"evil\\u001b[31mred\\nline\"")
                        .replace("\"state\": \"WAITING\"", "\"state\": \"\\u001b[31mRED\\u001b[0m\\n2nd\"")
                        .replace("app.Main.main(Main.java:3)", "app.Main.m\\u009bain(Main.java:3)"));

        Result result = LoomCliTest.loom("dump", file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .doesNotContain("\u001b")
                .doesNotContain("\u009b")
                .contains("Thread dump " + dir + "/app\\u001b[2J.json")
                .contains("- #1 \"evil\\u001b[31mred\\nline\" \\u001b[31mRED\\u001b[0m\\n2nd at"
                        + " app.Main.m\\u009bain(Main.java:3)")
                .contains("1 platform \\u001b[31mRED\\u001b[0m\\n2nd at app.Main.m\\u009bain(Main.java:3)")
                .contains("by state: \\u001b[31mRED\\u001b[0m\\n2nd 1\n");
    }

    /** What {@code loom dump FILE} said, on one line, exiting 2 with nothing on the standard output. */
    private static String refused(Path file) {
        Result result = LoomCliTest.loom("dump", file.toString());
        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.errLines()).as(result.err()).hasSize(1);
        assertThat(result.out()).isEmpty();
        return result.errLines().getFirst();
    }
}
