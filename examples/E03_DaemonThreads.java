/*
 * E03 daemon-threads: a background ticker that must not keep the program alive.
 *
 * Whether a JVM exits is the point, so this program compiles itself once and starts child JVMs, one per
 * way of running the ticker, and prints what each child printed, in order (a run of ticks as one,
 * "ticks 5-23"). Each child's ticker
 * ticks every 10 ms and gives up by itself 20 ticks after main returns; a shutdown hook prints
 * "jvm-exiting" when the JVM begins to exit.
 *
 * You are expected to see:
 *   platform-non-daemon  main returns, the ticks go on, "ticker-ended", then "jvm-exiting":
 *                        a non-daemon thread keeps the JVM alive.
 *   platform-daemon      main returns, "jvm-exiting" comes at once and "ticker-ended" never:
 *                        the JVM abandons a daemon thread without running its finally block.
 *   virtual              "setDaemon(false) threw IllegalArgumentException": every virtual thread
 *                        is a daemon, so this JVM too exits while the ticker runs.
 *   structured           "ticker-ended" before main returns: the ticker is a fork, cancelled when
 *                        the work succeeds, and close() waits for it; nothing is left behind.
 *
 * The check asks, of every child, that it exited with 0 and printed "main-returning"; that
 * "ticker-ended" came before "jvm-exiting" in the non-daemon and structured children and not in the
 * other two; that the virtual child printed the setDaemon line; and that the structured child's
 * ticker ended before main returned, and was no longer alive then. That the ticks go on after main
 * returns in the non-daemon child is shown, not checked: the order of those two lines depends on
 * main being scheduled within the ticker's remaining 200 ms.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505); virtual threads are final
 * since JDK 21 (JEP 444).
 */
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

public class E03_DaemonThreads {

    static final int TICKS_BEFORE_MAIN_RETURNS = 3;
    static final int TICKS_AFTER = 20;
    static final CountDownLatch TICKED = new CountDownLatch(TICKS_BEFORE_MAIN_RETURNS);

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The background task: ticks, and ends by itself so no child can run forever. */
    static void ticker() throws InterruptedException {
        try {
            for (int n = 1; n <= TICKS_BEFORE_MAIN_RETURNS + TICKS_AFTER; n++) {
                say("tick " + n);
                TICKED.countDown();
                Thread.sleep(10);
            }
        } finally {
            say("ticker-ended");
        }
    }

    static void quietTicker() {
        try {
            ticker();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What runs inside a child JVM. */
    static void child(String scenario) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> say("jvm-exiting")));
        Thread ticker;
        switch (scenario) {
            // BEFORE: a platform thread, daemon or not
            case "platform-non-daemon" ->
                ticker = Thread.ofPlatform().daemon(false).start(E03_DaemonThreads::quietTicker);
            case "platform-daemon" -> ticker = Thread.ofPlatform().daemon(true).start(E03_DaemonThreads::quietTicker);
            // AFTER: a virtual thread is always a daemon
            case "virtual" -> {
                ticker = Thread.ofVirtual().unstarted(E03_DaemonThreads::quietTicker);
                try {
                    ticker.setDaemon(false);
                } catch (IllegalArgumentException e) {
                    say("setDaemon(false) threw " + e.getClass().getSimpleName());
                }
                ticker.start();
            }
            // AFTER, structured: the ticker is a fork that ends when the work succeeds
            case "structured" -> {
                Thread[] forked = new Thread[1];
                try (var scope =
                        StructuredTaskScope.open(StructuredTaskScope.Joiner.<String>anySuccessfulResultOrThrow())) {
                    scope.fork(() -> {
                        forked[0] = Thread.currentThread();
                        ticker();
                        return "ticker";
                    });
                    scope.fork(() -> {
                        TICKED.await();
                        return "work";
                    });
                    scope.join();
                }
                say("main-returning ticker-alive=" + forked[0].isAlive());
                return;
            }
            default -> throw new IllegalArgumentException(scenario);
        }
        TICKED.await();
        say("main-returning ticker-alive=" + ticker.isAlive() + " daemon=" + ticker.isDaemon());
    }

    /**
     * This file's path, so the children can run it as the parent was run. The source launcher of
     * JDK 25 puts it in the property jdk.launcher.sourcefile (not a documented one, hence the
     * fallback) and makes it the class's code source; neither has to be split on spaces, as
     * sun.java.command ("launcher-class path args...") would, which breaks on a path with a space.
     */
    static String source() throws IOException {
        String file = System.getProperty("jdk.launcher.sourcefile");
        if (file != null) {
            return file;
        }
        var codeSource = E03_DaemonThreads.class.getProtectionDomain().getCodeSource();
        try {
            Path path = Path.of(codeSource.getLocation().toURI());
            if (path.toString().endsWith(".java")) {
                return path.toString();
            }
        } catch (NullPointerException | java.net.URISyntaxException | IllegalArgumentException e) {
            // no usable code source: fall through
        }
        // one line, not a stack trace: this is how it was run, not a failure of the example
        System.err.println("E03: not run as a source file; run: java --enable-preview examples/E03_DaemonThreads.java");
        System.exit(2);
        return null; // not reached
    }

    /**
     * Compiles this file once, so each child starts from class files instead of compiling it again, into a
     * temporary folder that a shutdown hook deletes however this JVM ends: Ctrl-C or a kill runs no finally
     * block of main, and left the folder behind. The hook waits for javac, which would otherwise write its
     * class files after the hook had deleted the folder.
     */
    static Path compiled() throws IOException {
        String source = source(); // first: where it exits, no hook is waiting on the lock below
        Path[] classes = new Path[1];
        Object compiling = new Object();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (compiling) {
                if (classes[0] != null) {
                    deleteTree(classes[0]);
                }
            }
        }));
        try {
            synchronized (compiling) {
                Path folder = Files.createTempDirectory("e03-classes");
                classes[0] = folder;
                var messages = new ByteArrayOutputStream(); // javac's notes on preview use; shown only if it fails
                String[] options = {"--release", "25", "--enable-preview", "-d", folder.toString(), source};
                int status = ToolProvider.getSystemJavaCompiler().run(null, messages, messages, options);
                if (status != 0) {
                    throw new IllegalStateException("javac failed on " + source + ": " + messages);
                }
                return folder;
            }
        } catch (IOException e) { // the machine's, not the example's: one line, not a stack trace
            // outside the lock: the exit runs the hook above, which takes it
            System.err.println("E03: cannot make a folder for the compiled classes in "
                    + System.getProperty("java.io.tmpdir") + " (java.io.tmpdir): " + e);
            System.exit(2); // as an unwritable path is for loom: not the example's check
            return null; // not reached
        }
    }

    static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // gone already: nothing to delete
        }
    }

    /** A child's lines with each run of ticks as one: "ticks 4-23" (or "tick 4"), so the order stays readable. */
    static List<String> ticksInRuns(List<String> lines) {
        List<String> shown = new ArrayList<>();
        String first = null;
        String last = null;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : null; // null: the end, which closes a run too
            if (line != null && line.startsWith("tick ")) {
                first = first == null ? line.substring(5) : first;
                last = line.substring(5);
                continue;
            }
            if (first != null) {
                shown.add(first.equals(last) ? "tick " + first : "ticks " + first + "-" + last);
                first = null;
            }
            if (line != null) {
                shown.add(line);
            }
        }
        return shown;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) {
            child(args[1]);
            return;
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path classes = compiled();
        Map<String, Process> children = new LinkedHashMap<>();
        boolean ok = true;
        try {
            for (String scenario : List.of("platform-non-daemon", "platform-daemon", "virtual", "structured")) {
                Process process = new ProcessBuilder(
                                java,
                                "--enable-preview",
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UseSerialGC",
                                "-cp",
                                classes.toString(),
                                "E03_DaemonThreads",
                                "child",
                                scenario)
                        .redirectErrorStream(true)
                        .start();
                process.getOutputStream().close();
                children.put(scenario, process);
            }
            for (var child : children.entrySet()) {
                Process process = child.getValue();
                if (!process.waitFor(60, TimeUnit.SECONDS)) { // backstop only
                    process.destroyForcibly().waitFor();
                }
                List<String> lines =
                        new ArrayList<>(process.inputReader().lines().toList());
                int exiting = lines.indexOf("jvm-exiting");
                int ended = lines.indexOf("ticker-ended");
                int returning = -1;
                for (int i = 0; i < lines.size() && returning < 0; i++) {
                    returning = lines.get(i).startsWith("main-returning") ? i : -1;
                }
                boolean ranAtExit = exiting >= 0 && (ended < 0 || ended > exiting);
                boolean endedFirst = ended >= 0 && exiting >= 0 && ended < exiting; // both printed, in this order
                boolean expected = child.getKey().equals("platform-daemon")
                        || child.getKey().equals("virtual");
                boolean own = switch (child.getKey()) {
                    case "virtual" -> lines.contains("setDaemon(false) threw IllegalArgumentException");
                    case "structured" ->
                        ended >= 0 && ended < returning && lines.get(returning).contains("ticker-alive=false");
                    default -> true;
                };
                boolean childOk =
                        process.exitValue() == 0 && returning >= 0 && (expected ? ranAtExit : endedFirst) && own;
                ok &= childOk;
                System.out.printf(
                        "%-20s %s%n%-20s -> %s%n",
                        child.getKey(),
                        String.join(" | ", ticksInRuns(lines)),
                        "",
                        (ranAtExit ? "the JVM exited while the ticker ran" : "the JVM exited after the ticker ended")
                                + (childOk ? "" : "  WRONG"));
            }
        } finally {
            for (Process process : children.values()) {
                process.destroyForcibly().waitFor();
            }
            deleteTree(classes); // now, not at exit: the children, which read them, have ended
        }
        if (!ok) {
            throw new IllegalStateException("a child did not pass its check: the line marked WRONG");
        }
        System.out.println("ok: each JVM waited for its ticker exactly when it should");
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E03_DaemonThreads.java
 *
 * With a JFR recording of a child, to open in JDK Mission Control:
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e03.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E03_DaemonThreads.java child virtual
 *   jfr print --events jdk.ThreadStart,jdk.VirtualThreadStart e03.jfr
 *
 * The same pattern inside the harness, with its self-check: ./loom run daemon-threads --mode virtual
 */
