package dev.loompatterns.threaddump;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.core.Runner;
import dev.loompatterns.jfr.PinTaxonomy;
import dev.loompatterns.jfr.VisibleText;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The thread containers of a JSON thread dump, as the JDK writes it
 * ({@code HotSpotDiagnosticMXBean.dumpThreads(path, ThreadDumpFormat.JSON)}, or
 * {@code jcmd <pid> Thread.dump_to_file -format=json}), read back as a tree.
 *
 * <p>The JDK 25 format: {@code {"threadDump": {"threadContainers": [...]}}}, each container with
 * {@code container} ("name/implementation@hash" when named, "implementation@hash" when not),
 * {@code parent} (another container's {@code container}, or null for the root), {@code owner}
 * (a thread id, or null) and {@code threads} (each with {@code tid}, {@code name},
 * {@code state}, {@code virtual}). A {@code StructuredTaskScope} is a container whose owner is the
 * thread that opened it and whose parent is the scope that thread was forked in. Fields this
 * reader does not know are ignored, so a later JDK's additions do not break it. {@code loom dump}
 * prints it as a tree; the deadlock pattern finds parked workers in it.
 */
public final class ThreadDump {

    private final List<Container> containers;

    /**
     * Each container's parent, by its place in {@link #containers}: {@link #NO_PARENT} for a root (no parent, or one
     * not in the dump). Two containers may have one id (an unnamed one's is its class and identity hash, which two of
     * many scopes can share): a container's parent is the one of that id its owner is a thread of or owns too
     * ({@link #byOwner}), else the nearest container of that id before it, as the JDK writes each container before its
     * children, or, where none comes before, the first after it. Looked up by id alone, the first of two was taken for
     * both, and a container named as its own parent's parent was printed under itself for ever (a StackOverflowError);
     * by place alone, a child of the outer of two nested containers of one id was put under the inner.
     */
    private final int[] parentOf;

    /**
     * Each container's children, by their places, in {@link #children}'s order: made once, as a dump of 30,000 scopes
     * took 3 minutes when each container looked for its parent, or its children, among all the others.
     */
    private final List<List<Integer>> childrenOf;

    /** Each container's depth ({@link #depth}), or {@link #IN_A_LOOP}. */
    private final int[] depthOf;

    /** The place of a container that is its own ancestor ({@link #inALoop}), or -1. */
    private final int looped;

    /** Each container's place, by identity: two containers of a dump may be equal records. */
    private final Map<Container, Integer> placeOf = new IdentityHashMap<>();

    private final Origin origin;

    /**
     * What a dump says of the JVM it was taken of, each field as the dump writes it, or empty where it has none.
     *
     * @param processId      the process id ({@code processId})
     * @param time           when it was taken ({@code time}, ISO-8601)
     * @param runtimeVersion the JDK's version ({@code runtimeVersion})
     */
    public record Origin(String processId, String time, String runtimeVersion) {

        /** What a dump made here, not read from a file, says of its JVM: nothing. */
        static final Origin NONE = new Origin("", "", "");

        /** {@code process 15915, JDK 25.0.3+9-LTS, taken 2026-12-05T16:27:51.859Z}: the fields it has. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (!processId.isEmpty()) {
                parts.add("process " + processId);
            }
            if (!runtimeVersion.isEmpty()) {
                parts.add("JDK " + runtimeVersion);
            }
            if (!time.isEmpty()) {
                parts.add("taken " + time);
            }
            return String.join(", ", parts);
        }
    }

    public ThreadDump(List<Container> containers) {
        this(containers, Origin.NONE);
    }

    public ThreadDump(List<Container> containers, Origin origin) {
        this.origin = origin;
        this.containers = List.copyOf(containers);
        int size = this.containers.size();
        this.parentOf = parents(this.containers);
        this.childrenOf = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            childrenOf.add(new ArrayList<>());
            placeOf.putIfAbsent(this.containers.get(i), i);
        }
        for (int i = 0; i < size; i++) {
            if (parentOf[i] != NO_PARENT) {
                childrenOf.get(parentOf[i]).add(i);
            }
        }
        Comparator<Integer> natural = Comparator.comparingInt(
                        (Integer i) -> this.containers.get(i).name().length())
                .thenComparing(i -> this.containers.get(i).name());
        childrenOf.forEach(children -> children.sort(natural)); // stable: one name keeps the dump's order
        this.depthOf = new int[size];
        this.looped = depths(parentOf, depthOf);
    }

    /** {@link #parentOf}'s value for a root. */
    private static final int NO_PARENT = -1;

    /** {@link #depth}'s value for a container that is its own ancestor, or under one. */
    static final int IN_A_LOOP = -1;

    /** Each container's parent, by its place ({@link #parentOf}). */
    private static int[] parents(List<Container> containers) {
        int[] parents = new int[containers.size()];
        Map<String, Integer> latest = new HashMap<>(); // each id's latest container so far
        Map<String, Integer> first = new HashMap<>();
        int[] nextOfItsId = new int[containers.size()];
        Arrays.fill(nextOfItsId, -1);
        List<Integer> later = new ArrayList<>(); // containers whose parent comes after them, if anywhere
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            Integer before = container.parent() == null ? null : latest.get(container.parent());
            parents[i] = before == null ? NO_PARENT : before;
            if (container.parent() != null && before == null) {
                later.add(i);
            }
            Integer previous = latest.put(container.id(), i);
            if (previous == null) {
                first.put(container.id(), i);
            } else {
                nextOfItsId[previous] = i;
            }
        }
        for (int i : later) {
            Integer after = first.get(containers.get(i).parent());
            if (after != null) {
                // none of that id comes before it: the first after it, and where that is itself, the next, if any
                parents[i] = after != i || nextOfItsId[i] < 0 ? after : nextOfItsId[i];
            }
        }
        byOwner(containers, parents, first, nextOfItsId);
        return parents;
    }

    /**
     * Where two or more containers have a container's parent's id, the parent is one its owner is a thread of, or owns
     * too (a scope opened inside another by the same thread), if one of them is: the nearest before it of those, else,
     * where none of that id comes before it, the first after it. The JDK writes a container's children one after another, each followed by its own, so the
     * nearest of an id before a child may be a descendant of its parent of that id (JDK 25's {@code ThreadDumper}; a
     * scope's parent, {@code ThreadContainers.parent}: the scope its owner opened it inside, or the container its owner
     * is a thread of). A container with no owner, or none of that id it could be under, keeps the parent found by place.
     */
    private static void byOwner(
            List<Container> containers, int[] parents, Map<String, Integer> first, int[] nextOfItsId) {
        // for each id two or more containers have: by thread id, the places of those it is a thread of or owns
        Map<String, Map<String, List<Integer>>> holding = new HashMap<>();
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            if (first.get(container.id()) == i && nextOfItsId[i] < 0) {
                continue; // the only one of its id
            }
            Map<String, List<Integer>> byThread = holding.computeIfAbsent(container.id(), id -> new HashMap<>());
            Set<String> held = new HashSet<>(); // so each place is listed once for a thread id, in ascending order
            if (container.owner() != null) {
                held.add(container.owner());
            }
            container.threads().forEach(thread -> held.add(thread.tid()));
            int place = i;
            held.forEach(
                    tid -> byThread.computeIfAbsent(tid, t -> new ArrayList<>()).add(place));
        }
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            Map<String, List<Integer>> byThread =
                    container.parent() == null || container.owner() == null ? null : holding.get(container.parent());
            List<Integer> places = byThread == null ? null : byThread.get(container.owner());
            if (places == null) {
                continue; // no owner to go by, one container of that id, or none of them holds its owner
            }
            int at = Collections.binarySearch(places, i);
            int next = at >= 0 ? at + 1 : -at - 1; // the first after it
            int previous = at >= 0 ? at - 1 : -at - 2; // the last before it
            if (previous >= 0) {
                parents[i] = places.get(previous);
            } else if (next < places.size() && first.get(container.parent()) > i) {
                // after it only where none of that id comes before it: the JDK writes a parent before its children,
                // and a later one of that id may be its own descendant (a loop, where by place was a tree)
                parents[i] = places.get(next);
            }
        }
    }

    /**
     * Fills {@code depths} with each container's number of ancestors, {@link #IN_A_LOOP} for one that is its own
     * ancestor or under one, each container's parents followed once: a chain of thousands of nested scopes is no
     * slower than as many siblings.
     *
     * @return the place of a container that is its own ancestor, or -1
     */
    private static int depths(int[] parents, int[] depths) {
        final int unknown = -2;
        final int onThePath = -3;
        Arrays.fill(depths, unknown);
        int looped = -1;
        List<Integer> path = new ArrayList<>();
        for (int i = 0; i < parents.length; i++) {
            int at = i;
            while (at != NO_PARENT && depths[at] == unknown) {
                depths[at] = onThePath;
                path.add(at);
                at = parents[at];
            }
            boolean loop = at != NO_PARENT && (depths[at] == onThePath || depths[at] == IN_A_LOOP);
            if (at != NO_PARENT && depths[at] == onThePath && looped < 0) {
                looped = at;
            }
            int depth = at == NO_PARENT ? -1 : depths[at];
            for (int k = path.size() - 1; k >= 0; k--) {
                depth = loop ? IN_A_LOOP : depth + 1;
                depths[path.get(k)] = depth;
            }
            path.clear();
        }
        return looped;
    }

    /** A container's place in {@link #containers}, the same instance's first, or else an equal one's. */
    private int placeOf(Container container) {
        Integer place = placeOf.get(container);
        int found = place != null ? place : containers.indexOf(container);
        if (found < 0) {
            throw new IllegalArgumentException("not a container of this dump: " + container.id());
        }
        return found;
    }

    /** What the dump says of the JVM it was taken of. */
    public Origin origin() {
        return origin;
    }

    /** Every container, in the dump's order (parents before children). */
    public List<Container> containers() {
        return containers;
    }

    /** What a dump line says of a virtual thread that has no frames: started, waiting for a carrier. */
    public static final String NOT_YET_RUN = "(started, not yet run: no frames)";

    /**
     * One thread as the dump shows it.
     *
     * @param parkBlocker the identity of what it is parked on ({@code ReentrantLock$NonfairSync@5c90e579}),
     *                    or empty; for {@code java.util.concurrent} locks the dump names no owner
     * @param monitor     the identity of the monitor it is blocked on ({@code blockedOn}, state {@code BLOCKED}) or
     *                    waits on in {@code Object.wait} ({@code waitingOn}), or empty (JDK 25 writes both)
     * @param stack       its frames, innermost first, as the dump writes them
     * @param carrier     the id of the carrier a virtual thread was mounted on, or empty: not mounted, or a dump
     *                    that does not say (JDK 25's {@code ThreadDumper} writes {@code carrier}, read in its sources
     *                    and seen here; earlier JDKs' were not run)
     */
    public record DumpedThread(
            String tid,
            String name,
            String state,
            boolean virtual,
            String parkBlocker,
            String monitor,
            List<String> stack,
            String carrier) {

        public DumpedThread {
            stack = List.copyOf(stack);
        }

        /** A thread that waits for no monitor and is on no carrier, or whose dump does not say. */
        public DumpedThread(
                String tid, String name, String state, boolean virtual, String parkBlocker, List<String> stack) {
            this(tid, name, state, virtual, parkBlocker, "", stack, "");
        }

        /**
         * {@code #29 "name" virtual}: the name in quotes as a Java string has it, a quote or a backslash in it written
         * after a backslash ({@code "with\"quote"}), so that where it ends is seen; its control characters are
         * written out where the line is printed ({@code \n}).
         */
        String label() {
            String quoted = name.replace("\\", "\\\\").replace("\"", "\\\"");
            return "#" + tid + (name.isEmpty() ? "" : " \"" + quoted + "\"") + (virtual ? " virtual" : "");
        }

        /**
         * The label, state and where it is: {@code #29 virtual WAITING at a.B.c(B.java:3)}. A
         * runnable virtual thread with no frames has been started and has not run yet (it waits
         * for a carrier), and says so rather than nothing.
         */
        String line() {
            String top = topFrame();
            if (top.isEmpty()) {
                return label() + " " + state + (notYetRun() ? " " + NOT_YET_RUN : "");
            }
            return label() + " " + state + " at " + top;
        }

        /**
         * Whether it waits: parked, in {@code Object.wait} or blocked on a monitor, by its state, or, where the dump
         * gives none ({@link #UNKNOWN_STATE}), by its innermost frame.
         */
        public boolean waiting() {
            if (!state.equals(UNKNOWN_STATE)) {
                return state.endsWith("WAITING") || state.equals("BLOCKED");
            }
            return !stack.isEmpty() && PARKS.stream().anyMatch(withoutModule(stack.getFirst())::startsWith);
        }

        /** A virtual thread started and not run yet: runnable with no frames, it waits for a carrier. */
        boolean notYetRun() {
            return virtual && stack.isEmpty() && state.equals("RUNNABLE");
        }

        /**
         * Where it is, as {@link #printPlaces} groups it with what it waits on ({@link #waitsOn}): {@code virtual
         * TIMED_WAITING at a.B.c(B.java:3)}, or, with no frames, the kind, the state and that it has not run yet.
         */
        String place() {
            String top = topFrame();
            return (virtual ? "virtual " : "platform ")
                    + state
                    + (top.isEmpty() ? "" : " at " + top)
                    + (notYetRun() ? " " + NOT_YET_RUN : "");
        }

        /**
         * What it waits on, in words, without the identity hash: {@code parked on
         * java.util.concurrent.Semaphore$NonfairSync}, {@code blocked on app.Cache} (a monitor's enter), {@code
         * waiting on app.Cache} (its {@code wait}); empty where the dump names nothing.
         */
        String waitsOn() {
            if (!parkBlocker.isEmpty()) {
                return "parked on " + withoutHash(parkBlocker);
            }
            if (!monitor.isEmpty()) {
                return (state.equals("BLOCKED") ? "blocked on " : "waiting on ") + withoutHash(monitor);
            }
            return "";
        }

        private static String withoutHash(String identity) {
            return identity.replaceFirst("@[0-9a-f]+$", "");
        }

        /**
         * Its frames, innermost first, as a recording's stack gives them ({@code java.util.concurrent.Semaphore.acquire},
         * with the line where the dump has one), without the module: what is said of a recorded stack can be said of it.
         */
        public List<PinTaxonomy.Frame> frames() {
            List<PinTaxonomy.Frame> frames = new ArrayList<>(stack.size());
            for (String text : stack) {
                String bare = withoutModule(text);
                int paren = bare.indexOf('(');
                String call = paren < 0 ? bare : bare.substring(0, paren);
                Matcher line = LINE.matcher(bare);
                frames.add(PinTaxonomy.Frame.parse(line.find() ? call + ":" + line.group(1) : call));
            }
            return frames;
        }

        /** The thread's id as a number, or -1 if the dump's is not one. */
        public long threadId() {
            try {
                return Long.parseLong(tid);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /**
         * Whether a frame of its stack contains {@code frame}
         * ({@code java.util.concurrent.locks.ReentrantLock.lockInterruptibly}).
         */
        public boolean stackHas(String frame) {
            return stack.stream().anyMatch(line -> line.contains(frame));
        }

        /**
         * Where it is listed in its container: 0 in the program's code, 1 in loom's own (the command's
         * thread taking the dump, the thread that runs the pattern, a thread loom names {@value #LOOM_THREADS}...
         * running loom's code, such as the heap watch, which was listed first, as the program's), 2 in the JDK's
         * alone.
         */
        int rank() {
            String top = topFrame();
            if (top.isEmpty() || PinTaxonomy.isJdk(typeOf(top)) || top.startsWith(HOLD_FRAME)) {
                return 2;
            }
            return loomNamed() || LOOM_FRAMES.stream().anyMatch(top::startsWith) ? 1 : 0;
        }

        /**
         * Named as loom names its threads, and running loom's code: a program of the user's names its own threads
         * {@code loom-import-N} too (a helper's hunt: 100 of them, in a dump of another JVM, were counted as loom's and
         * not listed).
         */
        private boolean loomNamed() {
            return name.startsWith(LOOM_THREADS)
                    && stack.stream().map(ThreadDump::withoutModule).anyMatch(frame -> frame.startsWith(LOOM_CODE));
        }

        /** Whether {@code loom dump} holds it at the run's gate. */
        boolean held() {
            return stack.stream().anyMatch(frame -> frame.startsWith(HOLD_FRAME + "$Hold.arrived"));
        }

        /**
         * The innermost frame of code outside the JDK ({@code Type.method(File.java:12)}), without its
         * module prefix; the innermost frame if all are the JDK's; empty without a stack.
         */
        public String topFrame() {
            String first = "";
            for (String text : stack) {
                String bare = withoutModule(text);
                if (first.isEmpty()) {
                    first = bare;
                }
                boolean jdk = PinTaxonomy.isJdk(typeOf(bare))
                        || bare.startsWith(HOLD_FRAME); // the hold is loom dump's, not the pattern's code
                if (!jdk) {
                    return bare;
                }
            }
            return first;
        }
    }

    /** The line a dump's frame gives: {@code 163} of {@code a.B.c(B.java:163)}. */
    private static final Pattern LINE = Pattern.compile(":(\\d+)\\)$");

    /** A frame as the dump writes it without its module: {@code java.lang.Thread.run(Thread.java:1474)}. */
    static String withoutModule(String frame) {
        return frame.contains("/") && frame.indexOf('/') < frame.indexOf('(')
                ? frame.substring(frame.indexOf('/') + 1)
                : frame;
    }

    /**
     * The class of a frame as the dump writes it, without its module prefix: {@code a.b.C} of
     * {@code a.b.C.method(C.java:12)}. {@link PinTaxonomy#isJdk} reads the package from a class name, and
     * took the method and file of {@code com.sun.crypto.provider.PBKDF2KeyImpl.deriveKey(PBKDF2KeyImpl.java:191)}
     * for part of it, so the JDK's frame was shown as the program's (a reviewer's dump).
     */
    static String typeOf(String frame) {
        int paren = frame.indexOf('(');
        String call = paren < 0 ? frame : frame.substring(0, paren);
        int dot = call.lastIndexOf('.');
        return dot < 0 ? call : call.substring(0, dot);
    }

    /** How the threads of loom's own machinery are named ({@code loom-heap-watch}, {@code loom-jfr-stop}, ...). */
    static final String LOOM_THREADS = "loom-";

    /** Where loom's classes are: a frame of them tells a thread of loom's own from a program's named the same way. */
    static final String LOOM_CODE = "dev.loompatterns.";

    /**
     * Frames of loom's own machinery around a pattern's code: the dump being taken (the command's
     * thread), the runner.
     */
    static final List<String> LOOM_FRAMES = List.of(ThreadDump.class.getPackageName() + ".", Runner.class.getName());

    /** The frame of a thread that {@code loom dump} holds at the run's gate. */
    static final String HOLD_FRAME = dev.loompatterns.core.RunGate.class.getName();

    /**
     * Whether a thread held at the run's gate waits there for child JVMs ({@code core.ChildJvm}): the pattern's own
     * threads are in those JVMs, not in this dump.
     */
    public boolean heldForChildJvms() {
        return containers.stream()
                .flatMap(c -> c.threads().stream())
                .anyMatch(thread -> thread.held() && thread.stackHas(CHILD_JVM_FRAME));
    }

    /** The launcher of child JVMs ({@code run} and {@code runAll}), as a held thread's stack names it. */
    public static final String CHILD_JVM_FRAME = ChildJvm.class.getName() + ".run";

    /** Threads held at the run's gate by {@code loom dump}, as the dump shows them. */
    public long held() {
        return containers.stream()
                .flatMap(c -> c.threads().stream())
                .filter(DumpedThread::held)
                .count();
    }

    /**
     * One thread container.
     *
     * @param id     the dump's identifier
     * ({@code url-fetch/jdk.internal.misc.ThreadFlock$ThreadContainerImpl@672872e1})
     * @param parent the parent's id, or null for the root
     * @param owner  the owning thread's id, or null
     */
    public record Container(String id, String parent, String owner, List<DumpedThread> threads) {

        /** The name given by the code ({@code url-fetch/group-3}), or the id when the container has none. */
        public String name() {
            int slash = id.lastIndexOf('/');
            return slash < 0 ? id : id.substring(0, slash);
        }

        /**
         * The name as the tree prints it: {@code ""} for an empty one, which printed nothing before its kind, so that
         * the line read as a child's, one level deeper (a helper's hunt: a scope named "").
         */
        String shownName() {
            return name().isEmpty() ? "\"\"" : name();
        }

        /**
         * What kind of container it is. In JDK 25 a named {@code StructuredTaskScope} shows as a
         * {@code ThreadFlock} container and an unnamed one as {@code StructuredTaskScopeImpl}: both
         * are shown as "scope".
         */
        public String kind() {
            String implementation = id.substring(id.lastIndexOf('/') + 1).replaceFirst("@[0-9a-f]+$", "");
            if (implementation.contains("ThreadFlock") || implementation.contains("StructuredTaskScope")) {
                return "scope";
            }
            return implementation.substring(implementation.lastIndexOf('.') + 1);
        }
    }

    /**
     * Writes this JVM's threads to {@code file} as a JSON thread dump, with the JDK's own dumper.
     *
     * @param file an absolute path to a file that does not exist yet: the dumper will not overwrite
     */
    public static void write(Path file) throws IOException {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(file.toString(), ThreadDumpFormat.JSON);
    }

    /** This JVM's threads now: a dump written to a temporary file, read back, and the file deleted. */
    public static ThreadDump take() throws IOException {
        Path dir = Files.createTempDirectory("loom-threads-");
        Path file = dir.resolve("threads.json").toAbsolutePath(); // dumpThreads wants an absolute path to a new file
        try {
            write(file);
            return read(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The state of a thread whose dump gives none: JDK 21 to 24 write a thread's {@code tid}, {@code name} and
     * {@code stack} alone (their {@code jdk.internal.vm.ThreadDumper}, read, not run here); JDK 25 adds {@code state},
     * {@code virtual} and {@code parkBlocker}.
     */
    public static final String UNKNOWN_STATE = "UNKNOWN";

    /** The innermost frames of a thread that parks or waits, as a dump writes them without the module. */
    static final List<String> PARKS =
            List.of("java.lang.VirtualThread.park", "jdk.internal.misc.Unsafe.park(", "java.lang.Object.wait");

    /** The outermost frame of every virtual thread's stack, as a dump writes it without the module. */
    static final String VIRTUAL_THREAD_RUN = "java.lang.VirtualThread.run(";

    /** Whether the dump gives no thread a state: one written by a JDK before 25 ({@link #UNKNOWN_STATE}). */
    public boolean withoutStates() {
        return containers.stream()
                .flatMap(c -> c.threads().stream())
                .allMatch(thread -> thread.state().equals(UNKNOWN_STATE));
    }

    /**
     * JSON that is not a thread dump: it has no {@code threadDump.threadContainers} array, or its containers are no
     * tree (one is its own ancestor: a dump edited by hand).
     */
    public static final class NotADump extends IOException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        private final String reason;

        NotADump(String message) {
            this(message, "its JSON has no threadDump.threadContainers");
        }

        NotADump(String message, String reason) {
            super(message);
            this.reason = reason;
        }

        /** Why, in a few words for the line that refuses the file. */
        public String reason() {
            return reason;
        }
    }

    /**
     * Reads a JSON thread dump.
     *
     * @throws IOException if the file cannot be read or is not JSON
     * @throws NotADump if it is JSON and not a thread dump
     */
    public static ThreadDump read(Path file) throws IOException {
        return read(file, bytesRead -> {});
    }

    /**
     * Reads a JSON thread dump as a stream, telling {@code reading} how far it has got: a dump of a million threads
     * is over a gigabyte. Each distinct frame and stack is kept once ({@link DumpReader}).
     *
     * @param reading told the bytes read so far, every thousand threads
     * @throws IOException if the file cannot be read or is not JSON
     * @throws NotADump if it is JSON and not a thread dump
     * @throws java.io.InterruptedIOException if this thread is interrupted meanwhile (the interrupt is kept)
     */
    public static ThreadDump read(Path file, LongConsumer reading) throws IOException {
        return DumpReader.read(file, reading);
    }

    /**
     * The containers the tree starts from: the root, and any container whose parent is not in the dump (printed
     * with that said), so that every container the summary counts is in the tree. The JDK dumps from the root, so
     * its dumps have none such; a dump cut down by hand may.
     */
    public List<Container> roots() {
        return places(rootPlaces());
    }

    private List<Integer> rootPlaces() {
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < parentOf.length; i++) {
            if (parentOf[i] == NO_PARENT) {
                roots.add(i);
            }
        }
        return roots;
    }

    /** The containers at these places. */
    private List<Container> places(List<Integer> places) {
        return places.stream().map(containers::get).toList();
    }

    /**
     * A container that is its own ancestor, if one is: its parents lead back to it, so it has no root to be printed
     * under and no depth. The JDK writes a tree; a file edited by hand may not be one. Two containers of one id are
     * no loop where their parents make a tree ({@link #parentOf}).
     */
    Optional<Container> inALoop() {
        return looped < 0 ? Optional.empty() : Optional.of(containers.get(looped));
    }

    /** A container's children, shortest name first, so group-2 comes before group-10. */
    public List<Container> children(Container parent) {
        return places(childrenOf.get(placeOf(parent)));
    }

    /** The container with this name, if there is one. */
    public Optional<Container> named(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * How many ancestors a container has in the dump: 0 for the root (or a container whose parent is not in the
     * dump), 1 for a scope opened by a root thread, and so on; {@value #IN_A_LOOP} for one that is its own ancestor,
     * or under one ({@link #inALoop}), which {@link #read} refuses.
     */
    public int depth(Container container) {
        return depthOf[placeOf(container)];
    }

    /** The frame an idle carrier of the virtual-thread scheduler, a {@code ForkJoinPool} worker, waits in. */
    static final String IDLE_CARRIER = "java.util.concurrent.ForkJoinPool.awaitWork";

    /**
     * The virtual threads on the scheduler's carriers, when every carrier was running one while other virtual threads
     * had started and not yet run: empty where none waited to run, where a carrier of theirs was idle ({@link
     * #IDLE_CARRIER}), or where the dump does not say which virtual thread a carrier runs. A dump cannot say how long
     * they had run; a recording can ({@code carrier-hogging}).
     */
    public List<DumpedThread> carriersHeldWhileOthersWait() {
        List<DumpedThread> threads =
                containers.stream().flatMap(c -> c.threads().stream()).toList();
        List<DumpedThread> mounted =
                threads.stream().filter(t -> !t.carrier().isEmpty()).toList();
        if (mounted.isEmpty() || notYetRun() == 0) {
            return List.of();
        }
        Set<String> carriers = mounted.stream().map(DumpedThread::carrier).collect(Collectors.toSet());
        boolean idle = containers.stream()
                .filter(c -> c.threads().stream().anyMatch(t -> carriers.contains(t.tid())))
                .flatMap(c -> c.threads().stream())
                .anyMatch(t -> !carriers.contains(t.tid()) && t.stackHas(IDLE_CARRIER));
        return idle ? List.of() : mounted;
    }

    /** How many virtual threads had started and not yet run: each waits for a carrier. */
    public long notYetRun() {
        return containers.stream()
                .flatMap(c -> c.threads().stream())
                .filter(DumpedThread::notYetRun)
                .count();
    }

    /** One line per depth and one for the threads: what the tree below holds, counted. */
    public void printSummary(PrintWriter out) {
        Map<Integer, Long> byDepth = new TreeMap<>(
                Arrays.stream(depthOf).boxed().collect(Collectors.groupingBy(d -> d, Collectors.counting())));
        List<DumpedThread> threads =
                containers.stream().flatMap(c -> c.threads().stream()).toList();
        long virtual = threads.stream().filter(DumpedThread::virtual).count();
        fitted( // 120 columns, as the tree: scopes 3,000 deep made one of 25,926
                out,
                "Containers: " + grouped(containers.size()) + ", by depth: "
                        + byDepth.entrySet().stream()
                                .map(e -> e.getKey() + ": " + grouped(e.getValue()))
                                .collect(Collectors.joining(", ")),
                "");
        // the states are the file's: written out, as the tree's are, so no escape in one recolours the terminal
        fitted(
                out,
                "Threads: " + grouped(threads.size()) + " (" + grouped(virtual) + " virtual), by state: "
                        + byState(threads),
                "");
    }

    /** How many places {@link #printPlaces} lists at the most; the rest are counted in one line. */
    public static final int PLACES_LISTED = 10;

    /**
     * Where the program's threads are, in every container together: its threads grouped by their {@link
     * DumpedThread#place() place} (the innermost frame outside the JDK, with the state and the kind of thread) and what
     * they wait on ({@link DumpedThread#waitsOn}), most threads first, {@value #PLACES_LISTED} places at the most, each with what {@code
     * meaning} says of its first thread, where it says anything. A virtual thread started and not run yet is the
     * program's: it waits for a carrier. Threads in the JDK's code alone (carriers, the JVM's housekeeping) and loom's
     * own are counted, not listed. The tree lists a few threads of each container; this says where all of them are,
     * such as 97 virtual threads waiting for a pool's connection, which a JFR recording does not show: it records no
     * park of a virtual thread that unmounts (JDK 25).
     *
     * @return the first thread of each place listed
     */
    public List<DumpedThread> printPlaces(PrintWriter out, Function<DumpedThread, String> meaning) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, DumpedThread> first = new java.util.LinkedHashMap<>(); // in the dump's order, for ties
        long[] notListed = new long[3]; // by rank: loom's own (1) and the JDK's alone (2)
        for (Container container : containers) {
            for (DumpedThread thread : container.threads()) {
                if (thread.rank() == 0 || thread.notYetRun()) {
                    String key = thread.place() + "\n" + thread.waitsOn();
                    counts.merge(key, 1L, Long::sum);
                    first.putIfAbsent(key, thread);
                } else {
                    notListed[thread.rank()]++;
                }
            }
        }
        List<String> order = new ArrayList<>(first.keySet());
        order.sort(Comparator.comparing(counts::get).reversed()); // stable: ties keep the dump's order
        out.println("Where the program's threads are (by their innermost frame outside the JDK), most first:");
        if (order.isEmpty()) {
            out.println("  none: every thread is in the JDK's code alone or in loom's");
        }
        List<DumpedThread> listed = new ArrayList<>();
        for (String key : order.subList(0, Math.min(PLACES_LISTED, order.size()))) {
            DumpedThread thread = first.get(key);
            listed.add(thread);
            fitted(out, "  " + grouped(counts.get(key)) + " " + thread.place(), "  "); // 120 columns, as the tree
            String said = meaning.apply(thread);
            List<String> more = new ArrayList<>();
            if (!thread.waitsOn().isEmpty()) {
                more.add(thread.waitsOn());
            }
            if (!said.isEmpty()) {
                more.add(said);
            }
            if (!more.isEmpty()) {
                fitted(out, "      " + String.join(": ", more), "      ");
            }
        }
        if (order.size() > PLACES_LISTED) {
            long rest = order.subList(PLACES_LISTED, order.size()).stream()
                    .mapToLong(counts::get)
                    .sum();
            out.println(
                    "  ... " + count(order.size() - PLACES_LISTED, "more place") + " (" + count(rest, "thread") + ")");
        }
        List<String> unlisted = new ArrayList<>();
        if (notListed[2] > 0) {
            unlisted.add(
                    count(notListed[2], "thread") + " in the JDK's code alone (carriers, idle pools, the JVM's own)");
        }
        if (notListed[1] > 0) {
            unlisted.add(grouped(notListed[1]) + " of loom's");
        }
        if (!unlisted.isEmpty()) {
            out.println("Not listed: " + String.join(" and ", unlisted) + ".");
        }
        return listed;
    }

    /** The threads counted by state, in state order: {@code TIMED_WAITING 2, WAITING 6}; empty for none. */
    private static String byState(List<DumpedThread> threads) {
        return threads.stream()
                .collect(Collectors.groupingBy(DumpedThread::state, TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> e.getKey() + " " + grouped(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /**
     * Prints the containers as an indented tree: each container with its kind, owner and thread
     * count by state, then up to {@code maxThreads} of its threads, then up to {@code maxChildren}
     * of its children, the rest counted in one line with what is inside them and their threads by state. Containers
     * with no threads and no children are counted, not shown, and take no child's place: so the containers and
     * threads shown and counted add up to those of the summary.
     */
    public void print(PrintWriter out, int maxThreads, int maxChildren) {
        Map<String, DumpedThread> threadsById = new HashMap<>();
        containers.forEach(c -> c.threads().forEach(t -> threadsById.put(t.tid(), t)));
        int hidden = 0;
        for (int root : rootPlaces()) {
            if (containers.get(root).parent() != null && isEmpty(root)) {
                hidden++; // counted as an empty child is, wherever its parent went
            } else {
                hidden += print(root, out, maxThreads, maxChildren, threadsById);
            }
        }
        if (hidden > 0) {
            out.println("(" + count(hidden, "empty container") + " not shown)");
        }
    }

    /**
     * How many levels the tree indents: a container this deep or deeper is indented as one this deep and its line
     * begins with its depth, {@code (depth 20)}. Indented two columns a level, a chain of 1,000 nested scopes printed
     * lines 7,926 columns wide.
     */
    static final int INDENTED_LEVELS = 20;

    /** A step of {@link #print}'s walk: a container to print, or a line that follows its children. */
    private record Step(int place, int depth, String line) {}

    /**
     * Prints a tree from {@code root}, a container and its threads, then its children's trees, then the line that
     * counts those not listed: walked with a stack of its own, so that no depth is too deep (a chain of 3,000 nested
     * scopes overflowed the stack of a recursive walk).
     *
     * @return how many empty containers it did not show
     */
    private int print(
            int root, PrintWriter out, int maxThreads, int maxChildren, Map<String, DumpedThread> threadsById) {
        int hidden = 0;
        Deque<Step> todo = new ArrayDeque<>();
        todo.push(new Step(root, 0, null));
        while (!todo.isEmpty()) {
            Step step = todo.pop();
            int depth = step.depth();
            String indent = "  ".repeat(Math.min(depth, INDENTED_LEVELS));
            if (step.line() != null) {
                fitted(out, step.line(), indent);
                continue;
            }
            Container container = containers.get(step.place());
            StringBuilder line = new StringBuilder(indent);
            if (depth >= INDENTED_LEVELS) {
                line.append("(depth ").append(depth).append(") ");
            }
            line.append(container.shownName());
            if (container.parent() != null) {
                line.append("  [").append(container.kind()).append(']');
                if (depth == 0) {
                    line.append("  parent ").append(container.parent()).append(" not in the dump");
                }
            }
            if (container.owner() != null) {
                DumpedThread owner = threadsById.get(container.owner());
                line.append("  owner ").append(owner == null ? "#" + container.owner() : owner.label());
            }
            line.append("  ").append(count(container.threads().size(), "thread"));
            if (!container.threads().isEmpty()) {
                line.append(" (").append(byState(container.threads())).append(')');
            }
            fitted(out, line.toString(), indent);
            hidden += printThreadsAndPlanChildren(step, indent, out, maxThreads, maxChildren, todo);
        }
        return hidden;
    }

    /**
     * Prints a container's threads and puts its children, and the line counting those not listed, on {@code todo}.
     *
     * @return how many of its children are empty, and not shown
     */
    private int printThreadsAndPlanChildren(
            Step step, String indent, PrintWriter out, int maxThreads, int maxChildren, Deque<Step> todo) {
        Container container = containers.get(step.place());
        // the program's threads first (a deadlock's), then loom's own, then the JVM's housekeeping, in the dump's order
        List<DumpedThread> threads = container.threads().stream()
                .sorted(Comparator.comparingInt(DumpedThread::rank))
                .toList();
        for (int i = 0; i < Math.min(maxThreads, threads.size()); i++) {
            fitted(out, indent + "  - " + threads.get(i).line(), indent);
        }
        if (threads.size() > maxThreads && maxThreads > 0) { // with --threads 0 the count above says it all
            out.println(indent + "  - ... " + grouped(threads.size() - maxThreads) + " more (--threads N lists more)");
        }
        // an empty child is counted at the end, not given a place that --containers could not fill: a "1 more
        // container like ScheduledThreadPoolExecutor@1771a716 (0 threads; --containers N lists more)" never listed it
        List<Integer> children = childrenOf.get(step.place());
        List<Integer> filled = children.stream().filter(c -> !isEmpty(c)).toList();
        List<Integer> shown = filled.subList(0, Math.min(maxChildren, filled.size()));
        if (filled.size() > shown.size()) {
            List<Integer> notShown = filled.subList(shown.size(), filled.size());
            List<Container> rest = places(notShown);
            List<Container> inside = places(
                    notShown.stream().flatMap(c -> descendants(c).stream()).toList());
            List<DumpedThread> restThreads = Stream.concat(rest.stream(), inside.stream())
                    .flatMap(c -> c.threads().stream())
                    .toList();
            // "more" than those shown: with --containers 0 there are none ("2 more containers like context")
            todo.push(new Step(
                    step.place(),
                    step.depth(),
                    indent + "  ... " + count(rest.size(), shown.isEmpty() ? "container" : "more container")
                            + " like "
                            + rest.getFirst().shownName() + " ("
                            + (inside.isEmpty()
                                    ? ""
                                    : "and " + grouped(inside.size())
                                            + (rest.size() == 1 ? " inside it; " : " inside them; "))
                            + count(restThreads.size(), "thread")
                            + (restThreads.isEmpty() ? "" : ": " + byState(restThreads))
                            + "; --containers N lists more)"));
        }
        for (int i = shown.size() - 1; i >= 0; i--) { // the first child on top, printed first
            todo.push(new Step(shown.get(i), step.depth() + 1, null));
        }
        return children.size() - filled.size();
    }

    /** The tree's width: the CLI's tables' ({@code engine.ReportFormat.TABLE_WIDTH}), which this package cannot use. */
    static final int WIDTH = 120;

    /**
     * Prints a line of the tree in lines of at most {@link #WIDTH} columns (a CJK character takes two), broken at its
     * spaces, the next ones six spaces deeper than the container's {@code indent}, so under the line's text; a word
     * longer than a line (a frame) stays whole. A pool with threads in three states, or the count of the containers not
     * listed, went past the width ({@code loom dump context}: 125 columns).
     */
    static void fitted(PrintWriter out, String raw, String indent) {
        String text = VisibleText.of(raw); // a thread's name or frame, from a file: no escape reaches the terminal
        String more = indent + "      ";
        int start = 0;
        String lead = "";
        // measured in the columns a terminal gives the text (two for a CJK character), as inspect's report is
        while (lead.length() + VisibleText.columns(text, start, text.length()) > WIDTH) {
            // a break inside the line's own indent and dash would leave an empty line
            int least = start + (lead.isEmpty() ? indent.length() + 4 : 0);
            int end = VisibleText.indexAtColumns(text, start, WIDTH - lead.length()); // where the line must end
            int cut = text.lastIndexOf(' ', end);
            // a word longer than a line stays whole, and goes past the width; so does "at FRAME"
            if (cut <= least || cut == start + 2 && text.startsWith("at ", start)) {
                cut = text.indexOf(' ', end);
                if (cut < 0) {
                    break;
                }
            }
            // "at FRAME" kept together on the next line: a thread's line says where it is in one piece
            if (text.startsWith(" at", cut - 3) && cut - 3 > least) {
                cut -= 3;
            }
            out.println(lead + text.substring(start, cut).stripTrailing());
            start = cut + 1;
            // "name  [kind]" broken at its two spaces: the next line starts at the word
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            lead = more;
        }
        out.println(lead + text.substring(start));
    }

    /** A container with no threads and no children, which the tree counts and does not show. */
    private boolean isEmpty(int place) {
        return containers.get(place).threads().isEmpty()
                && childrenOf.get(place).isEmpty();
    }

    /** A container's children, their children and so on, by their places. */
    private List<Integer> descendants(int place) {
        List<Integer> found = new ArrayList<>();
        List<Integer> next = List.of(place);
        while (!next.isEmpty()) {
            next = next.stream().flatMap(c -> childrenOf.get(c).stream()).toList();
            found.addAll(next);
        }
        return found;
    }

    /** The count and its noun, plural unless the count is 1: {@code 1 thread}, {@code 2 threads}. */
    private static String count(long n, String noun) {
        return grouped(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** A count as the CLI's other lines write one: {@code 1,214}. */
    private static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
