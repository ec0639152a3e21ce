package dev.loompatterns.threaddump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.loompatterns.jfr.VisibleText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadDumpTest {

    /** The JDK 25 shape, trimmed, with one field a later JDK might add. */
    static final String DUMP = """
        {"threadDump": {"processId": "1", "formatVersion": 99, "threadContainers": [
          {"container": "<root>", "parent": null, "owner": null, "threadCount": "1",
           "threads": [{"tid": "22", "name": "runner", "state": "WAITING", "virtual": false}]},
          {"container": "java.util.concurrent.ThreadPoolExecutor@1a", "parent": "<root>", "owner": null, "threads": []},
          {"container": "url-fetch/jdk.internal.misc.ThreadFlock$ThreadContainerImpl@2b", "parent": "<root>", "owner": "22",
           "threads": [{"tid": "24", "name": "", "state": "WAITING", "virtual": true},
                       {"tid": "26", "name": "", "state": "RUNNABLE", "virtual": true}]},
          {"container": "url-fetch/group-10/jdk.internal.misc.ThreadFlock$ThreadContainerImpl@3c",
           "parent": "url-fetch/jdk.internal.misc.ThreadFlock$ThreadContainerImpl@2b", "owner": "26",
           "threads": [{"tid": "30", "name": "", "state": "WAITING", "virtual": true}]},
          {"container": "url-fetch/group-2/jdk.internal.misc.ThreadFlock$ThreadContainerImpl@4d",
           "parent": "url-fetch/jdk.internal.misc.ThreadFlock$ThreadContainerImpl@2b", "owner": "24",
           "threads": [{"tid": "31", "name": "", "state": "WAITING", "virtual": true},
                       {"tid": "32", "name": "", "state": "WAITING", "virtual": true}]}
        ]}}
        """;

    static ThreadDump read(String json, Path dir) throws IOException {
        Path file = dir.resolve("dump.json");
        Files.writeString(file, json);
        return ThreadDump.read(file);
    }

    /** The dump's tree as {@code loom dump} prints it with one thread and one container shown of each. */
    static List<String> tree(String json, Path dir) throws IOException {
        StringWriter text = new StringWriter();
        read(json, dir).print(new PrintWriter(text, true), 1, 1);
        return text.toString().lines().toList();
    }

    @Test
    void readsNamesParentsOwnersAndThreads(@TempDir Path dir) throws IOException {
        ThreadDump dump = read(DUMP, dir);

        ThreadDump.Container group = dump.named("url-fetch/group-2").orElseThrow();
        assertThat(group.kind()).isEqualTo("scope");
        assertThat(group.owner()).isEqualTo("24");
        assertThat(group.threads()).extracting(ThreadDump.DumpedThread::tid).containsExactly("31", "32");
        assertThat(dump.depth(group)).isEqualTo(2);
        assertThat(dump.depth(dump.named("url-fetch").orElseThrow())).isEqualTo(1);
        assertThat(dump.named("java.util.concurrent.ThreadPoolExecutor@1a")
                        .orElseThrow()
                        .kind())
                .isEqualTo("ThreadPoolExecutor");
        ThreadDump.Container unnamed =
                new ThreadDump.Container("java.util.concurrent.StructuredTaskScopeImpl@5e", "<root>", "22", List.of());
        assertThat(unnamed.kind()).isEqualTo("scope");
        assertThat(unnamed.name()).isEqualTo(unnamed.id());
    }

    /** With nothing listed ({@code --threads 0 --containers 0}) no line says "more" than the none shown. */
    @Test
    void withNothingListedNothingIsCalledMore(@TempDir Path dir) throws IOException {
        StringWriter text = new StringWriter();
        read(DUMP, dir).print(new PrintWriter(text, true), 0, 0);
        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "<root>  1 thread (WAITING 1)",
                        "  ... 1 container like url-fetch (and 2 inside it; 5 threads: RUNNABLE 1, WAITING 4;"
                                + " --containers N lists more)",
                        "(1 empty container not shown)");
    }

    @Test
    void printsAnIndentedTreeWithOwnersStatesAndNaturalOrder(@TempDir Path dir) throws IOException {
        StringWriter text = new StringWriter();
        read(DUMP, dir).print(new PrintWriter(text, true), 1, Integer.MAX_VALUE);
        List<String> lines = text.toString().lines().toList();

        assertThat(lines)
                .containsExactly(
                        "<root>  1 thread (WAITING 1)",
                        "  - #22 \"runner\" WAITING",
                        "  url-fetch  [scope]  owner #22 \"runner\"  2 threads (RUNNABLE 1, WAITING 1)",
                        "    - #24 virtual WAITING",
                        "    - ... 1 more (--threads N lists more)",
                        "    url-fetch/group-2  [scope]  owner #24 virtual  2 threads (WAITING 2)",
                        "      - #31 virtual WAITING",
                        "      - ... 1 more (--threads N lists more)",
                        "    url-fetch/group-10  [scope]  owner #26 virtual  1 thread (WAITING 1)",
                        "      - #30 virtual WAITING",
                        "(1 empty container not shown)");
    }

    /**
     * A container's threads in the program's code come first, loom's own (main, taking the dump) and the
     * JVM's housekeeping after: a dump of the deadlock pattern listed Reference Handler, Finalizer and the
     * like, then main and loom-dump-run, and most deadlocked threads were among "... 14 more".
     */
    @Test
    void threadsInTheProgramsCodeAreListedBeforeTheJvmsHousekeeping(@TempDir Path dir) throws IOException {
        String dump = """
            {"threadDump": {"processId": "1", "formatVersion": 2, "threadContainers": [
              {"container": "<root>", "parent": null, "owner": null, "threads": [
                {"tid": "9", "name": "Reference Handler", "state": "RUNNABLE", "virtual": false,
                 "stack": ["java.base/java.lang.ref.Reference.waitForReferencePendingList(Native Method)"]},
                {"tid": "10", "name": "Finalizer", "state": "WAITING", "virtual": false,
                 "stack": ["java.base/java.lang.Object.wait0(Native Method)"]},
                {"tid": "1", "name": "main", "state": "RUNNABLE", "virtual": false,
                 "stack": ["java.management/sun.management.HotSpotDiagnostic.dumpThreads(HotSpotDiagnostic.java:1)",
                           "dev.loompatterns.threaddump.ThreadDump.write(ThreadDump.java:177)"]},
                {"tid": "20", "name": "loom-heap-watch", "state": "TIMED_WAITING", "virtual": false,
                 "stack": ["java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                           "dev.loompatterns.engine.HeapWatch.watch(HeapWatch.java:1)"]},
                {"tid": "40", "name": "", "state": "WAITING", "virtual": true,
                 "stack": ["java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                           "dev.loompatterns.deadlock.LockPair.lockBoth(LockPair.java:31)"]}]}
            ]}}
            """;
        StringWriter text = new StringWriter();
        read(dump, dir).print(new PrintWriter(text, true), 1, Integer.MAX_VALUE);
        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "<root>  5 threads (RUNNABLE 2, TIMED_WAITING 1, WAITING 2)",
                        "  - #40 virtual WAITING at dev.loompatterns.deadlock.LockPair.lockBoth(LockPair.java:31)",
                        "  - ... 4 more (--threads N lists more)");
    }

    /** Containers past the limit are counted in one line, each noun singular for one. */
    @Test
    void oneContainerPastTheLimitIsCountedInTheSingular(@TempDir Path dir) throws IOException {
        List<String> tree = tree(DUMP, dir);

        assertThat(tree)
                .contains("    ... 1 more container like url-fetch/group-10 (1 thread: WAITING 1; --containers N lists"
                        + " more)");
    }

    /**
     * An empty container takes no child's place: two empty executors, whose names sort first, took the one place
     * {@code --containers 1} gave, and the scope with the threads was told as "1 more container like" one of them.
     */
    @Test
    void emptyContainersTakeNoPlaceAmongTheChildrenShown(@TempDir Path dir) throws IOException {
        String dump = runnerAnd("""
              {"container": "a@1a", "parent": "<root>", "owner": null, "threads": []},
              {"container": "b@2b", "parent": "<root>", "owner": null, "threads": []},
            """ + ownedScope("the-scope"));
        List<String> tree = tree(dump, dir);

        assertThat(tree)
                .containsExactly(
                        "<root>  1 thread (WAITING 1)",
                        "  - #22 \"runner\" WAITING",
                        "  the-scope  [scope]  owner #22 \"runner\"  1 thread (WAITING 1)",
                        "    - #24 virtual WAITING",
                        "(2 empty containers not shown)");
    }

    /** A scope named "" prints its name as {@code ""}: with nothing before its kind it read as a child, deeper. */
    @Test
    void aContainerWithAnEmptyNameIsShownAsSuch(@TempDir Path dir) throws IOException {
        String dump = runnerAnd(ownedScope(""));
        assertThat(tree(dump, dir)).contains("  \"\"  [scope]  owner #22 \"runner\"  1 thread (WAITING 1)");
    }

    /** A dump whose root holds thread #22, "runner", and then these containers. */
    private static String runnerAnd(String containers) {
        return """
            {"threadDump": {"processId": "1", "formatVersion": 2, "threadContainers": [
              {"container": "<root>", "parent": null, "owner": null,
               "threads": [{"tid": "22", "name": "runner", "state": "WAITING", "virtual": false}]},
            """ + containers + "]}}";
    }

    /** A scope named {@code name} that #22 owns, with one virtual thread, #24. */
    private static String ownedScope(String name) {
        return "{\"container\": \"" + name + "/jdk.internal.misc.ThreadFlock$ThreadContainerImpl@3c\","
                + " \"parent\": \"<root>\", \"owner\": \"22\","
                + " \"threads\": [{\"tid\": \"24\", \"name\": \"\", \"state\": \"WAITING\", \"virtual\": true}]}";
    }

    /**
     * The containers past the limit are counted with the containers inside them and all their threads, so what the
     * tree shows and counts adds up to the summary: {@code dump context} counted 195 requests and 780 threads, and
     * left out the 195 auditor scopes inside them and their 195 threads.
     */
    @Test
    void containersPastTheLimitAreCountedWithWhatIsInsideThem(@TempDir Path dir) throws IOException {
        String nested = DUMP.substring(0, DUMP.lastIndexOf("]}}")) + """
            ,{"container": "url-fetch/group-10/auditor/jdk.internal.misc.ThreadFlock$ThreadContainerImpl@5e",
              "parent": "url-fetch/group-10/jdk.internal.misc.ThreadFlock$ThreadContainerImpl@3c", "owner": "30",
              "threads": [{"tid": "33", "name": "", "state": "RUNNABLE", "virtual": true}]}
            ]}}
            """;
        List<String> tree = tree(nested, dir);

        // 124 columns, so it goes on under itself (aLineOfTheTreeKeepsTo120ColumnsAndLosesNothing)
        assertThat(tree)
                .containsSequence(
                        "    ... 1 more container like url-fetch/group-10 (and 1 inside it; 2 threads: RUNNABLE 1,"
                                + " WAITING 1; --containers N",
                        "        lists more)");
    }

    /**
     * A container whose parent is not in the dump (a dump cut down by hand) starts a tree of its own, said on its
     * line, so the tree holds every container the summary counts: it was counted at depth 0 and never printed.
     */
    @Test
    void aContainerWhoseParentIsNotInTheDumpIsPrintedAsARoot(@TempDir Path dir) throws IOException {
        String cut = DUMP.replace(
                        "{\"container\": \"<root>\", \"parent\": null, \"owner\": null, \"threadCount\": \"1\",\n"
                                + "   \"threads\": [{\"tid\": \"22\", \"name\": \"runner\", \"state\":"
                                + " \"WAITING\", \"virtual\": false}]},",
                        "")
                .replace("\"parent\": \"<root>\"", "\"parent\": \"gone@1\"");
        assertThat(cut).doesNotContain("<root>");
        ThreadDump dump = read(cut, dir);
        StringWriter text = new StringWriter();
        dump.print(new PrintWriter(text, true), 1, Integer.MAX_VALUE);
        dump.printSummary(new PrintWriter(text, true));

        // the url-fetch tree as printed under the root, one level less deep; its owner, no longer dumped, by id
        StringWriter whole = new StringWriter();
        read(DUMP, dir).print(new PrintWriter(whole, true), 1, Integer.MAX_VALUE);
        List<String> subtree = new ArrayList<>(whole.toString()
                .lines()
                .filter(line -> line.startsWith("  ") && !line.startsWith("  - "))
                .map(line -> line.substring(2))
                .toList());
        assertThat(subtree).hasSize(8);
        subtree.set(
                0, "url-fetch  [scope]  parent gone@1 not in the dump  owner #22  2 threads (RUNNABLE 1, WAITING 1)");
        subtree.addAll(List.of(
                "(1 empty container not shown)",
                "Containers: 4, by depth: 0: 2, 1: 2",
                "Threads: 5 (5 virtual), by state: RUNNABLE 1, WAITING 4"));
        assertThat(text.toString().lines().toList()).containsExactlyElementsOf(subtree);
    }

    /** A container of {@code id} under {@code parent} (null for none) with one waiting thread, {@code tid}. */
    private static String withAThread(String id, String parent, String tid) {
        return owned(id, parent, null, tid);
    }

    /** A dump of these containers, in this order. */
    private static String dumpOf(String... containers) {
        return "{\"threadDump\": {\"threadContainers\": [" + String.join(",\n", containers) + "]}}";
    }

    /**
     * Two containers may have one id (an unnamed one's is its class and identity hash, which two of many scopes can
     * share): each is shown, under the parent of that id nearest before it (the JDK writes a container before its
     * children), or the first after it where none comes before. Looked up by id, the first of two was taken for both,
     * the loop check saw none, and the tree printed a container under itself until the stack overflowed.
     */
    @Test
    void containersOfOneIdAreEachShownWhereTheirParentsPutThem(@TempDir Path dir) throws IOException {
        String root = withAThread("<root>", null, "1");
        String first = withAThread("S@1", "<root>", "2");
        String second = withAThread("S@1", "S@1", "3");
        List<String> nested = List.of(
                "<root>  1 thread (WAITING 1)",
                "  - #1 virtual WAITING",
                "  S@1  [S]  1 thread (WAITING 1)",
                "    - #2 virtual WAITING",
                "    S@1  [S]  1 thread (WAITING 1)",
                "      - #3 virtual WAITING");
        assertThat(tree(dumpOf(root, first, second), dir)).containsExactlyElementsOf(nested);
        // the child before its parent of one id: its parent is the first after it, the same tree
        assertThat(tree(dumpOf(root, second, first), dir)).containsExactlyElementsOf(nested);

        ThreadDump chain = read(
                dumpOf(
                        root,
                        withAThread("A@1", "<root>", "2"),
                        withAThread("B@2", "A@1", "3"),
                        withAThread("C@3", "B@2", "4"),
                        withAThread("A@1", "C@3", "5")),
                dir);
        assertThat(chain.containers()).extracting(chain::depth).containsExactly(0, 1, 2, 3, 4);
        assertThat(chain.children(chain.containers().get(3)))
                .containsExactly(chain.containers().get(4));
        assertThat(chain.children(chain.containers().get(4))).isEmpty();
        StringWriter text = new StringWriter();
        chain.print(new PrintWriter(text, true), 1, 1);
        chain.printSummary(new PrintWriter(text, true));
        assertThat(text.toString().lines())
                .containsSubsequence("      C@3  [C]  1 thread (WAITING 1)", "        A@1  [A]  1 thread (WAITING 1)")
                .contains("Containers: 5, by depth: 0: 1, 1: 1, 2: 1, 3: 1, 4: 1");

        // a container named as the root, under a scope: what comes after it with "<root>" for parent is its child
        assertThat(tree(
                        dumpOf(
                                root,
                                withAThread("S@1", "<root>", "2"),
                                withAThread("<root>", "S@1", "3"),
                                withAThread("T@2", "<root>", "4")),
                        dir))
                .containsExactly(
                        "<root>  1 thread (WAITING 1)",
                        "  - #1 virtual WAITING",
                        "  S@1  [S]  1 thread (WAITING 1)",
                        "    - #2 virtual WAITING",
                        "    <root>  [<root>]  1 thread (WAITING 1)",
                        "      - #3 virtual WAITING",
                        "      T@2  [T]  1 thread (WAITING 1)",
                        "        - #4 virtual WAITING");
    }

    /**
     * Of two containers of one id, one inside the other, a later child of that id is put under the one its owner is
     * in, or owns too: the JDK writes a container's children one after another, each with its own children first, so
     * the nearest of that id before a child can be a descendant of its parent. The owner of a scope is a thread of its
     * parent, or, for a scope opened inside another by the same thread, that one's owner too (JDK 25's {@code
     * ThreadContainers.parent}). Nearest before, D was shown under the inner S@1, one level deeper than it is.
     */
    @Test
    void ofTwoContainersOfOneIdAChildGoesUnderTheOneItsOwnerIsIn(@TempDir Path dir) throws IOException {
        String root = owned("<root>", null, null, "1");
        String outer = owned("S@1", "<root>", "1", "2", "3");
        String between = owned("X@2", "S@1", "2", "4");
        String inner = owned("S@1", "X@2", "4", "5");

        ThreadDump byThread = read(dumpOf(root, outer, between, inner, owned("D@3", "S@1", "3", "6")), dir);
        assertThat(byThread.children(byThread.containers().get(1)))
                .extracting(ThreadDump.Container::id)
                .containsExactly("D@3", "X@2");
        assertThat(byThread.children(byThread.containers().get(3))).isEmpty();
        assertThat(byThread.depth(byThread.containers().get(4))).isEqualTo(2);

        // opened inside the outer scope by that scope's own owner: the enclosing scope is its parent
        ThreadDump byOwner = read(dumpOf(root, outer, between, inner, owned("D@3", "S@1", "1", "6")), dir);
        assertThat(byOwner.children(byOwner.containers().get(1)))
                .extracting(ThreadDump.Container::id)
                .containsExactly("D@3", "X@2");

        // its owner a thread of the inner one: under that one, as before
        ThreadDump inside = read(dumpOf(root, outer, between, inner, owned("D@3", "S@1", "5", "6")), dir);
        assertThat(inside.children(inside.containers().get(3)))
                .extracting(ThreadDump.Container::id)
                .containsExactly("D@3");
        assertThat(inside.depth(inside.containers().get(4))).isEqualTo(4);

        // no owner to tell them apart: the nearest before, as before
        ThreadDump unowned = read(dumpOf(root, outer, between, inner, owned("D@3", "S@1", null, "6")), dir);
        assertThat(unowned.depth(unowned.containers().get(4))).isEqualTo(4);

        // its owner in none of that id before it (a thread forked after the outer one was written), but a thread of
        // a later one, its own descendant: the nearest before, as by place, not that descendant, which made a loop
        ThreadDump late = read(
                dumpOf(root, owned("P@1", "<root>", "1", "2"), owned("C@9", "P@1", "5"), owned("P@1", "C@9", "5")),
                dir);
        assertThat(late.inALoop()).isEmpty();
        assertThat(late.children(late.containers().get(1)))
                .extracting(ThreadDump.Container::id)
                .containsExactly("C@9");
        assertThat(late.depth(late.containers().get(3))).isEqualTo(3);
    }

    /** A container of these threads, each waiting and virtual, with this owner (null for none). */
    private static String owned(String id, String parent, String owner, String... tids) {
        List<String> threads = new ArrayList<>();
        for (String tid : tids) {
            threads.add("{\"tid\": \"" + tid + "\", \"name\": \"\", \"state\": \"WAITING\", \"virtual\": true}");
        }
        return "{\"container\": \"" + id + "\", \"parent\": " + quotedOrNull(parent) + ", \"owner\": "
                + quotedOrNull(owner) + ", \"threads\": [" + String.join(", ", threads) + "]}";
    }

    private static String quotedOrNull(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    /** A container whose parents lead back to it is in a loop, whatever ids the others share. */
    @Test
    void aContainerThatIsItsOwnAncestorIsInALoop() {
        ThreadDump.Container root = new ThreadDump.Container("<root>", null, null, List.of());
        ThreadDump.Container self = new ThreadDump.Container("S@1", "S@1", null, List.of());
        ThreadDump.Container a = new ThreadDump.Container("a", "b", null, List.of());
        ThreadDump.Container b = new ThreadDump.Container("b", "a", null, List.of());
        ThreadDump.Container under = new ThreadDump.Container("c", "b", null, List.of());

        assertThat(new ThreadDump(List.of(root, self)).inALoop()).contains(self);
        ThreadDump two = new ThreadDump(List.of(root, a, b, under));
        assertThat(two.inALoop().orElseThrow()).isIn(a, b);
        assertThat(two.depth(under)).isEqualTo(ThreadDump.IN_A_LOOP);
        assertThat(two.roots()).containsExactly(root);
        assertThat(new ThreadDump(List.of(root, new ThreadDump.Container("S@1", "<root>", null, List.of()), self))
                        .inALoop())
                .isEmpty();
    }

    /**
     * A dump of many sibling scopes is counted by depth and summed in the tree's last line, through the lookup by id
     * and the children ThreadDump makes once. It checks the counts, not the speed: the summary made a map of every
     * container anew for each one, and took 3 minutes over the 30,000 scopes of {@code loom dump url-fetch --tasks
     * 30000 -P group-size=1}, 0.15 s after, measured by hand; the old code passes this test too.
     */
    @Test
    void aDumpOfManyScopesIsCountedByDepth() {
        int groups = 2_000;
        List<ThreadDump.Container> containers = new ArrayList<>();
        containers.add(new ThreadDump.Container("<root>", null, null, List.of()));
        containers.add(new ThreadDump.Container("top@1", "<root>", null, List.of()));
        for (int i = 0; i < groups; i++) {
            var thread = new ThreadDump.DumpedThread(Integer.toString(i), "", "WAITING", true, "", List.of());
            containers.add(new ThreadDump.Container("group-" + i + "/x@" + i, "top@1", null, List.of(thread)));
        }
        StringWriter text = new StringWriter();
        ThreadDump dump = new ThreadDump(containers);
        dump.printSummary(new PrintWriter(text, true));
        dump.print(new PrintWriter(text, true), 1, 1);

        assertThat(text.toString().lines())
                .contains("Containers: 2,002, by depth: 0: 1, 1: 1, 2: 2,000")
                .contains("Threads: 2,000 (2,000 virtual), by state: WAITING 2,000")
                .contains("    ... 1,999 more containers like group-1 (1,999 threads: WAITING 1,999; --containers N"
                        + " lists more)");
    }

    /**
     * The tree keeps to 120 columns, as the CLI's tables do: a line that would pass them goes on under itself, broken at
     * a space (a thread's before the {@code at} of its frame), and nothing of it is lost; a frame longer than a line
     * stays whole. {@code loom dump context} printed a
     * count of the containers not listed in 125 columns, and a pool with threads in three states took 131.
     */
    @Test
    void aLineOfTheTreeKeepsTo120ColumnsAndLosesNothing() {
        String printed = "com.example." + "a".repeat(130) + ".run(A.java:1)"; // as the tree prints the frame
        String frame = "app/" + printed;
        List<ThreadDump.Container> containers = new ArrayList<>();
        containers.add(new ThreadDump.Container("<root>", null, null, List.of()));
        List<ThreadDump.DumpedThread> pool = new ArrayList<>();
        for (String state : List.of("BLOCKED", "TIMED_WAITING", "WAITING")) {
            pool.add(new ThreadDump.DumpedThread(state, "", state, true, "", List.of(frame)));
        }
        String executor = "java.util.concurrent.ThreadPerTaskExecutor@4156bbbc-with-a-name-long-enough-to-need-a-break";
        containers.add(new ThreadDump.Container(executor, "<root>", null, pool));
        StringWriter text = new StringWriter();
        new ThreadDump(containers).print(new PrintWriter(text, true), 3, 5);
        List<ThreadDump.Container> requests = new ArrayList<>();
        requests.add(new ThreadDump.Container("<root>", null, null, List.of()));
        for (int i = 0; i < 200; i++) {
            var thread = new ThreadDump.DumpedThread("g" + i, "", "WAITING", true, "", List.of());
            requests.add(new ThreadDump.Container("request-" + i + "@" + i, "<root>", null, List.of(thread)));
            var inner = new ThreadDump.DumpedThread("i" + i, "", "WAITING", true, "", List.of());
            requests.add(
                    new ThreadDump.Container("inner-" + i + "@" + i, "request-" + i + "@" + i, null, List.of(inner)));
        }
        new ThreadDump(requests).print(new PrintWriter(text, true), 1, 5);

        List<String> lines = text.toString().lines().toList();
        assertThat(lines)
                .filteredOn(line -> !line.contains(printed))
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(ThreadDump.WIDTH));
        assertThat(lines)
                .as("a frame longer than a line stays whole, on a line of its own after 'at'")
                .filteredOn(line -> line.contains(printed))
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).isEqualTo("        at " + printed));
        assertThat(lines).containsSubsequence("    - #BLOCKED virtual BLOCKED", "        at " + printed);
        String joined = String.join(" ", lines.stream().map(String::strip).toList());
        assertThat(joined)
                .contains(executor + " [ThreadPerTaskExecutor@")
                .contains("-break]  3 threads (BLOCKED 1, TIMED_WAITING 1, WAITING 1) - #BLOCKED virtual BLOCKED at "
                        + printed)
                .contains("... 195 more containers like request-5@5 (and 195 inside them; 390 threads: WAITING 390;"
                        + " --containers N lists more)");
        assertThat(lines)
                .as("the rest of a line goes on under it")
                .anySatisfy(line -> assertThat(line).startsWith("      "));
    }

    /**
     * Scopes nested 3,000 deep, one thread each, are printed whole and keep to 120 columns: past {@value
     * ThreadDump#INDENTED_LEVELS} levels a container is indented as one that deep and its line begins with its depth.
     * The recursive walk overflowed the stack, and at 1,000 deep printed lines 7,926 columns wide.
     */
    @Test
    void scopesNestedThousandsDeepArePrintedWithinTheWidth() {
        int deep = 3_000;
        List<ThreadDump.Container> containers = new ArrayList<>();
        containers.add(new ThreadDump.Container("<root>", null, null, List.of()));
        String parent = "<root>";
        for (int i = 1; i <= deep; i++) {
            String id = "StructuredTaskScopeImpl@" + Integer.toHexString(0x10000000 + i);
            var thread = new ThreadDump.DumpedThread(Integer.toString(i), "", "WAITING", true, "", List.of());
            containers.add(new ThreadDump.Container(id, parent, null, List.of(thread)));
            parent = id;
        }
        ThreadDump dump = new ThreadDump(containers);
        StringWriter text = new StringWriter();

        dump.print(new PrintWriter(text, true), 1, 1);

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(1 + 2 * deep);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(ThreadDump.WIDTH));
        String indent = "  ".repeat(ThreadDump.INDENTED_LEVELS);
        assertThat(lines)
                .containsSubsequence(
                        "  ".repeat(19) + "StructuredTaskScopeImpl@10000013  [scope]  1 thread" + " (WAITING 1)",
                        indent + "(depth 20) StructuredTaskScopeImpl@10000014  [scope]  1 thread" + " (WAITING 1)",
                        indent + "  - #20 virtual WAITING",
                        indent + "(depth 21) StructuredTaskScopeImpl@10000015  [scope]  1 thread" + " (WAITING 1)")
                .endsWith(
                        indent + "(depth 3000) StructuredTaskScopeImpl@10000bb8  [scope]  1 thread" + " (WAITING 1)",
                        indent + "  - #3000 virtual WAITING");
        assertThat(dump.depth(containers.getLast())).isEqualTo(deep);
        StringWriter summary = new StringWriter();
        dump.printSummary(new PrintWriter(summary, true));
        assertThat(summary.toString().lines())
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(ThreadDump.WIDTH))
                .first()
                .asString()
                .startsWith("Containers: 3,001, by depth: 0: 1, 1: 1, 2: 1,");
    }

    /**
     * A name is quoted as a Java string has it: a quote or a backslash in it comes after a backslash, so that where the
     * name ends is seen (a review's {@code "P:with"quote"}), and a newline is written out.
     */
    @Test
    void aThreadsNameIsQuotedAsAJavaStringIs() {
        assertThat(new ThreadDump.DumpedThread("58", "P:with\"quote", "WAITING", false, "", List.of()).label())
                .isEqualTo("#58 \"P:with\\\"quote\"");
        assertThat(new ThreadDump.DumpedThread("59", "back\\slash", "WAITING", true, "", List.of()).label())
                .isEqualTo("#59 \"back\\\\slash\" virtual");
        StringWriter text = new StringWriter();
        ThreadDump.fitted(
                new PrintWriter(text, true),
                new ThreadDump.DumpedThread("60", "new\nline", "WAITING", true, "", List.of()).label(),
                "");
        assertThat(text.toString().strip()).isEqualTo("#60 \"new\\nline\" virtual");
    }

    /**
     * The lines of where the program's threads are keep to 120 columns too, the rest of a line going on under it, and
     * lose nothing: a place with a long frame and a long meaning printed lines of 130 and 150 columns.
     */
    @Test
    void theLinesOfWhereTheThreadsAreKeepTo120Columns() {
        String frame = "app/com.example.service.orders." + "Handler".repeat(8) + ".handle(Handler.java:12)";
        var thread = new ThreadDump.DumpedThread("7", "", "WAITING", true, "", List.of(frame));
        ThreadDump dump = new ThreadDump(List.of(new ThreadDump.Container("<root>", null, null, List.of(thread))));
        String meaning = "waits for one of the limit's permits, which the pool's other threads hold while they call the"
                + " database: raise the limit, or hold a permit for less time";
        StringWriter text = new StringWriter();

        dump.printPlaces(new PrintWriter(text, true), asked -> meaning);

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(ThreadDump.WIDTH));
        assertThat(lines).hasSizeGreaterThan(3);
        String joined = String.join(" ", lines.stream().map(String::strip).toList());
        assertThat(joined).contains(frame.substring("app/".length())).contains(meaning);
    }

    /**
     * A CJK character takes two of the 120 columns: a frame in a class named in CJK made lines of 205 columns (a
     * helper's hunt); nothing is lost.
     */
    @Test
    void aLineOfWideCharactersKeepsTo120Columns() {
        String name = ("漢字漢字 ").repeat(30).strip();
        StringWriter text = new StringWriter();
        ThreadDump.fitted(
                new PrintWriter(text, true),
                new ThreadDump.DumpedThread("61", name, "WAITING", true, "", List.of()).label(),
                "  ");
        List<String> lines = text.toString().lines().toList();
        assertThat(lines)
                .hasSizeGreaterThan(1)
                .allSatisfy(
                        line -> assertThat(VisibleText.columns(line)).as(line).isLessThanOrEqualTo(ThreadDump.WIDTH));
        // every line but the last is full: no more than a word's width (10 columns) left over
        assertThat(lines.subList(0, lines.size() - 1))
                .allSatisfy(
                        line -> assertThat(VisibleText.columns(line)).as(line).isGreaterThan(ThreadDump.WIDTH - 10));
        assertThat(String.join(" ", lines.stream().map(String::strip).toList())).contains(name);
    }

    /**
     * A virtual thread started a moment before the dump, with no frames yet, says so; a thread with frames says where.
     */
    @Test
    void aVirtualThreadWithNoFramesSaysItHasNotRunYet() {
        var started = new ThreadDump.DumpedThread("512", "", "RUNNABLE", true, "", List.of());
        var platform = new ThreadDump.DumpedThread("3", "main", "RUNNABLE", false, "", List.of());
        var placed = new ThreadDump.DumpedThread(
                "29",
                "",
                "WAITING",
                true,
                "",
                List.of("app/a.B.c(B.java:3)", "java.base/java.lang.Thread.run(Thread.java:1)"));

        assertThat(started.line()).isEqualTo("#512 virtual RUNNABLE " + ThreadDump.NOT_YET_RUN);
        assertThat(platform.line()).isEqualTo("#3 \"main\" RUNNABLE");
        assertThat(placed.line()).isEqualTo("#29 virtual WAITING at a.B.c(B.java:3)");
    }

    /**
     * A JDK frame under com.sun. or javax. is the JDK's, and the program's frame below it is where the thread is: the
     * whole frame text was read as a class name, and the JDK's PBKDF2 frame was shown as the program's.
     */
    @Test
    void aJdkFrameUnderComSunIsTheJdksAndTheProgramsFrameIsShown() {
        var deriving = new ThreadDump.DumpedThread(
                "31",
                "worker",
                "RUNNABLE",
                false,
                "",
                List.of(
                        "java.base/com.sun.crypto.provider.PBKDF2KeyImpl.deriveKey(PBKDF2KeyImpl.java:191)",
                        "java.base/javax.crypto.SecretKeyFactory.generateSecret(SecretKeyFactory.java:340)",
                        "app/com.example.Vault.derive(Vault.java:27)"));
        assertThat(deriving.line()).isEqualTo("#31 \"worker\" RUNNABLE at com.example.Vault.derive(Vault.java:27)");
        assertThat(deriving.rank()).isZero();
        assertThat(ThreadDump.typeOf("com.sun.crypto.provider.PBKDF2KeyImpl.deriveKey(PBKDF2KeyImpl.java:191)"))
                .isEqualTo("com.sun.crypto.provider.PBKDF2KeyImpl");
    }

    @Test
    void refusesJsonThatIsNotAThreadDump(@TempDir Path dir) {
        assertThatThrownBy(() -> read("{\"threads\": []}", dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a JSON thread dump");
    }

    /** A thread waiting at {@code app.Db.query}, parked on {@code parkBlocker}. */
    static ThreadDump.DumpedThread atQuery(String tid, boolean virtual, String parkBlocker) {
        return new ThreadDump.DumpedThread(
                tid,
                "",
                "WAITING",
                virtual,
                parkBlocker,
                List.of(
                        "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                        "app/app.Db.query(Db.java:5)",
                        "app/app.Main.main(Main.java:9)"));
    }

    /** {@link ThreadDump#printPlaces}'s lines, with a meaning that names the thread it was asked about. */
    static List<String> places(ThreadDump dump) {
        StringWriter text = new StringWriter();
        dump.printPlaces(new PrintWriter(text, true), thread -> "asked of #" + thread.tid());
        return text.toString().lines().toList();
    }

    /**
     * Where the program's threads are: grouped by kind, state, innermost frame outside the JDK and what they are
     * parked on (its identity hash left out), most first and ties in the dump's order, the meaning asked of each
     * group's first thread; the JDK's threads and loom's counted.
     */
    @Test
    void theProgramsThreadsAreGroupedByWhereTheyAreMostFirst() {
        var jdkAlone = new ThreadDump.DumpedThread(
                "2",
                "Reference Handler",
                "RUNNABLE",
                false,
                "",
                List.of("java.base/java.lang.ref.Reference.x(R.java:1)"));
        var loom = new ThreadDump.DumpedThread(
                "3",
                "loom-heap-watch",
                "TIMED_WAITING",
                false,
                "",
                List.of("dev.loompatterns.engine.HeapWatch.watch(HeapWatch.java:3)"));
        var notRun = new ThreadDump.DumpedThread("90", "", "RUNNABLE", true, "", List.of());
        ThreadDump dump = new ThreadDump(List.of(
                new ThreadDump.Container("<root>", null, null, List.of(jdkAlone, loom, atQuery("10", false, ""))),
                new ThreadDump.Container(
                        "pool",
                        "<root>",
                        null,
                        List.of(
                                atQuery("20", true, "java.util.concurrent.Semaphore$NonfairSync@1a"),
                                notRun,
                                atQuery("21", true, "java.util.concurrent.Semaphore$NonfairSync@2b"),
                                atQuery("22", true, "java.util.concurrent.CountDownLatch$Sync@3c"),
                                atQuery("23", true, "java.util.concurrent.Semaphore$NonfairSync@1a")))));

        assertThat(places(dump))
                .containsExactly(
                        "Where the program's threads are (by their innermost frame outside the JDK), most first:",
                        "  3 virtual WAITING at app.Db.query(Db.java:5)",
                        "      parked on java.util.concurrent.Semaphore$NonfairSync: asked of #20",
                        "  1 platform WAITING at app.Db.query(Db.java:5)",
                        "      asked of #10",
                        "  1 virtual RUNNABLE " + ThreadDump.NOT_YET_RUN,
                        "      asked of #90",
                        "  1 virtual WAITING at app.Db.query(Db.java:5)",
                        "      parked on java.util.concurrent.CountDownLatch$Sync: asked of #22",
                        "Not listed: 1 thread in the JDK's code alone (carriers, idle pools, the JVM's own) and 1 of"
                                + " loom's.");
    }

    /** Past {@value ThreadDump#PLACES_LISTED} places the rest are counted, places and threads; a meaning of "" adds no line. */
    @Test
    void placesPastTheLimitAreCountedAndNoMeaningAddsNoLine() {
        List<ThreadDump.DumpedThread> threads = new ArrayList<>();
        for (int place = 0; place < ThreadDump.PLACES_LISTED + 2; place++) {
            for (int i = 0; i <= (place == ThreadDump.PLACES_LISTED + 1 ? 1 : 0); i++) {
                threads.add(new ThreadDump.DumpedThread(
                        place + "-" + i, "", "WAITING", true, "", List.of("app/a.B.at" + place + "(B.java:1)")));
            }
        }
        StringWriter text = new StringWriter();
        new ThreadDump(List.of(new ThreadDump.Container("<root>", null, null, threads)))
                .printPlaces(new PrintWriter(text, true), thread -> "");
        List<String> lines = text.toString().lines().toList();

        assertThat(lines).hasSize(1 + ThreadDump.PLACES_LISTED + 1);
        assertThat(lines.get(1))
                .isEqualTo("  2 virtual WAITING at a.B.at" + (ThreadDump.PLACES_LISTED + 1) + "(B.java:1)");
        assertThat(lines.getLast()).isEqualTo("  ... 2 more places (2 threads)");
    }

    /**
     * A program's own threads named as loom names its threads ({@code loom-import-N}), in a dump of another JVM, are
     * the program's: 100 of them were counted as loom's and not listed (a helper's hunt). Loom's own, so named and
     * running loom's code, are still counted apart.
     */
    @Test
    void aProgramsThreadsNamedLikeLoomsAreListedAsTheProgramsOwn() {
        List<ThreadDump.DumpedThread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(new ThreadDump.DumpedThread(
                    "1" + i,
                    "loom-import-" + i,
                    "TIMED_WAITING",
                    true,
                    "",
                    List.of(
                            "java.base/java.lang.Thread.sleep(Thread.java:1)",
                            "app/com.acme.Import.run(Import.java:6)")));
        }
        threads.add(new ThreadDump.DumpedThread(
                "20",
                "loom-heap-watch",
                "TIMED_WAITING",
                false,
                "",
                List.of(
                        "java.base/java.lang.Thread.sleep(Thread.java:1)",
                        "dev.loompatterns.engine.HeapWatch.watch(HeapWatch.java:3)")));
        assertThat(places(new ThreadDump(List.of(new ThreadDump.Container("<root>", null, null, threads)))))
                .contains("  3 virtual TIMED_WAITING at com.acme.Import.run(Import.java:6)")
                .contains("Not listed: 1 of loom's.");
    }

    @Test
    void aDumpWithNoThreadOfTheProgramsSaysSo() {
        var jdkAlone = new ThreadDump.DumpedThread(
                "2", "", "RUNNABLE", false, "", List.of("java.base/java.lang.ref.Reference.x(R.java:1)"));
        assertThat(places(new ThreadDump(List.of(new ThreadDump.Container("<root>", null, null, List.of(jdkAlone))))))
                .contains("  none: every thread is in the JDK's code alone or in loom's");
    }

    /** The JVM a dump was taken of, as far as the dump says; a dump without those fields says nothing of it. */
    @Test
    void theOriginIsWhatTheDumpSaysOfItsJvm(@TempDir Path dir) throws IOException {
        ThreadDump.Origin origin = read(
                        DUMP.replace(
                                "\"processId\": \"1\"",
                                "\"processId\": \"15915\", \"time\": \"2026-12-05T16:27:51.859Z\","
                                        + " \"runtimeVersion\": \"25.0.3+9-LTS\""),
                        dir)
                .origin();

        assertThat(origin.describe()).isEqualTo("process 15915, JDK 25.0.3+9-LTS, taken 2026-12-05T16:27:51.859Z");
        assertThat(read(DUMP.replace("\"processId\": \"1\", ", ""), dir)
                        .origin()
                        .describe())
                .isEmpty();
    }

    /** A dump's frames as a recording's stack gives them: module left out, the line where there is one. */
    @Test
    void framesAreReadAsARecordingGivesThem() {
        var thread = new ThreadDump.DumpedThread(
                "1",
                "",
                "WAITING",
                true,
                "",
                List.of(
                        "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                        "java.base/java.util.concurrent.Semaphore.acquire(Semaphore.java:318)",
                        "app.Orders$Inner.place(Orders.java:40)",
                        "app.Gen.run(Unknown Source)"));

        assertThat(thread.frames())
                .extracting(Object::toString)
                .containsExactly(
                        "jdk.internal.misc.Unsafe.park",
                        "java.util.concurrent.Semaphore.acquire:318",
                        "app.Orders$Inner.place:40",
                        "app.Gen.run");
    }

    /**
     * A dump in the shape JDK 21 to 24 write (their {@code ThreadDumper}, read, not run here: a thread's tid, name and
     * stack alone): states unknown, a virtual thread told by its stack's {@code VirtualThread.run}, a parked one by its
     * innermost frame.
     */
    @Test
    void aDumpOfAJdkBefore25IsReadWithoutStates(@TempDir Path dir) throws IOException {
        ThreadDump dump = read("""
            {"threadDump": {"processId": "7", "time": "2026-12-05T16:27:51Z", "runtimeVersion": "21.0.9+10-LTS",
              "threadContainers": [
              {"container": "<root>", "parent": null, "owner": null, "threads": [
                {"tid": "1", "name": "main", "stack": ["java.base/java.lang.Thread.sleep0(Native Method)",
                                                       "app.Main.main(Main.java:3)"]},
                {"tid": "40", "name": "", "stack": [
                  "java.base/java.lang.VirtualThread.park(VirtualThread.java:596)",
                  "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:369)",
                  "java.base/java.util.concurrent.Semaphore.acquire(Semaphore.java:318)",
                  "app.Orders.place(Orders.java:40)",
                  "java.base/java.lang.VirtualThread.run(VirtualThread.java:309)"]}],
               "threadCount": "2"}
            ]}}
            """, dir);

        assertThat(dump.withoutStates()).isTrue();
        List<ThreadDump.DumpedThread> threads = dump.containers().getFirst().threads();
        assertThat(threads).extracting(ThreadDump.DumpedThread::virtual).containsExactly(false, true);
        assertThat(threads).extracting(ThreadDump.DumpedThread::state).containsOnly(ThreadDump.UNKNOWN_STATE);
        assertThat(threads).extracting(ThreadDump.DumpedThread::waiting).containsExactly(false, true);
        assertThat(dump.origin().runtimeVersion()).isEqualTo("21.0.9+10-LTS");
        assertThat(read(DUMP, dir).withoutStates()).as("JDK 25's, with states").isFalse();
    }

    /** JDK 25's {@code blockedOn} and {@code waitingOn}: a monitor's enter and its wait, said as such. */
    @Test
    void aMonitorsEnterAndWaitAreSaidAsSuch(@TempDir Path dir) throws IOException {
        ThreadDump dump = read("""
            {"threadDump": {"threadContainers": [
              {"container": "<root>", "parent": null, "owner": null, "threads": [
                {"tid": "30", "virtual": true, "name": "", "state": "BLOCKED", "blockedOn": "app.Cache@6dbb137d",
                 "stack": ["app.Cache.get(Cache.java:9)"]},
                {"tid": "31", "virtual": true, "name": "", "state": "BLOCKED", "blockedOn": "app.Cache@6dbb137d",
                 "stack": ["app.Cache.get(Cache.java:9)"]},
                {"tid": "32", "virtual": true, "name": "", "state": "WAITING", "waitingOn": "app.Cache@6dbb137d",
                 "stack": ["java.base/java.lang.Object.wait0(Native Method)", "app.Cache.await(Cache.java:20)"]}]}
            ]}}
            """, dir);

        assertThat(places(dump))
                .containsSubsequence(
                        "  2 virtual BLOCKED at app.Cache.get(Cache.java:9)",
                        "      blocked on app.Cache: asked of #30",
                        "  1 virtual WAITING at app.Cache.await(Cache.java:20)",
                        "      waiting on app.Cache: asked of #32");
    }

    /**
     * The shape of a dump of Agroal 3.2.1 spinning (docs/inspect.md, "A library that spins"), trimmed: both carriers
     * of the scheduler run a virtual thread in the pool's loop ({@code carrier}, JDK 25), two more have started and
     * not yet run, the scheduler's delay thread is no carrier. {@code %s} is what the second worker does.
     */
    static final String CARRIERS = """
        {"threadDump": {"threadContainers": [
          {"container": "ForkJoinPool-1/jdk.internal.vm.SharedThreadContainer@7c9d8e2", "parent": "<root>", "owner": null,
           "threads": [
            {"tid": "28", "name": "ForkJoinPool-1-worker-1", "state": "RUNNABLE",
             "stack": ["java.base/jdk.internal.vm.Continuation.run(Continuation.java:251)"]},
            %s,
            {"tid": "130", "name": "ForkJoinPool-1-delayScheduler", "state": "TIMED_WAITING",
             "stack": ["java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                       "java.base/java.util.concurrent.DelayScheduler.loop(DelayScheduler.java:253)"]}]},
          {"container": "java.util.concurrent.ThreadPerTaskExecutor@20d525", "parent": "<root>", "owner": null,
           "threads": [
            {"tid": "31", "virtual": true, "name": "", "state": "RUNNABLE", "carrier": 28,
             "stack": ["io.agroal.pool.ConnectionPool.handlerFromSharedCache(ConnectionPool.java:354)"]},
            %s,
            {"tid": "34", "virtual": true, "name": "", "state": "RUNNABLE"},
            {"tid": "35", "virtual": true, "name": "", "state": "RUNNABLE", "stack": []}]}
        ]}}
        """;

    static final String WORKER_2_CARRYING = """
        {"tid": "30", "name": "ForkJoinPool-1-worker-2", "state": "RUNNABLE",
         "stack": ["java.base/jdk.internal.vm.Continuation.run(Continuation.java:251)"]}\
        """;

    static final String WORKER_2_IDLE = """
        {"tid": "30", "name": "ForkJoinPool-1-worker-2", "state": "WAITING",
         "stack": ["java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                   "java.base/java.util.concurrent.ForkJoinPool.awaitWork(ForkJoinPool.java:2109)"]}\
        """;

    static final String SPINNER_ON_30 = """
        {"tid": "33", "virtual": true, "name": "", "state": "RUNNABLE", "carrier": "30",
         "stack": ["io.agroal.pool.ConnectionPool.handlerFromSharedCache(ConnectionPool.java:354)"]}\
        """;

    static final String WAITER = """
        {"tid": "33", "virtual": true, "name": "", "state": "WAITING",
         "stack": ["java.base/java.lang.VirtualThread.park(VirtualThread.java:738)", "app.Main.await(Main.java:7)"]}\
        """;

    /** The carrier a virtual thread runs on is read whether the dump writes it as a string or a number. */
    @Test
    void everyCarrierRunningAVirtualThreadWhileOthersWaitToRunIsHeld(@TempDir Path dir) throws IOException {
        ThreadDump dump = read(CARRIERS.formatted(WORKER_2_CARRYING, SPINNER_ON_30), dir);

        assertThat(dump.carriersHeldWhileOthersWait())
                .extracting(ThreadDump.DumpedThread::tid, ThreadDump.DumpedThread::carrier)
                .containsExactly(tuple("31", "28"), tuple("33", "30"));
        assertThat(dump.notYetRun()).isEqualTo(2);
        assertThat(dump.carriersHeldWhileOthersWait().getFirst().topFrame())
                .isEqualTo("io.agroal.pool.ConnectionPool.handlerFromSharedCache(ConnectionPool.java:354)");
    }

    /**
     * No carriers are held where one is idle in the pool's wait for work (it would take a thread waiting to run), where
     * none waits to run, or where the dump does not say which thread a carrier runs.
     */
    @Test
    void anIdleCarrierOrNoThreadWaitingToRunOrNoCarrierSaidIsNoneHeld(@TempDir Path dir) throws IOException {
        assertThat(read(CARRIERS.formatted(WORKER_2_IDLE, WAITER), dir).carriersHeldWhileOthersWait())
                .isEmpty();
        String noneWaiting = CARRIERS.formatted(WORKER_2_CARRYING, SPINNER_ON_30)
                .replace("\"tid\": \"34\", \"virtual\": true", "\"tid\": \"34\", \"virtual\": false")
                .replace(", \"stack\": []}", ", \"stack\": [\"app.Main.run(Main.java:3)\"]}");
        assertThat(read(noneWaiting, dir).notYetRun()).isZero();
        assertThat(read(noneWaiting, dir).carriersHeldWhileOthersWait()).isEmpty();
        String unsaid = CARRIERS.formatted(WORKER_2_CARRYING, SPINNER_ON_30)
                .replace("\"carrier\": 28,", "")
                .replace("\"carrier\": \"30\",", "");
        assertThat(read(unsaid, dir).carriersHeldWhileOthersWait()).isEmpty();
        assertThat(read(unsaid, dir).notYetRun()).isEqualTo(2);
    }
}
