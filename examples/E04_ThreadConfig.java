/*
 * E04 thread-config: name, arguments, daemon, priority, handler, inherited locals.
 *
 * The tutorial passes name=, args=, kwargs= and daemon= to threading.Thread. Java captures the
 * arguments in the task and sets the rest on a Thread.Builder, once for many threads. Three
 * workers run on each builder; the third throws, to show where its exception goes.
 *
 * You are expected to see: platform threads named worker-0..2, daemon, priority 8 as asked, and
 * the request id inherited from main; virtual threads with the same names and the same inherited
 * value, but priority 5 (setPriority(8) is silently ignored) and always daemon. In both, the
 * uncaught-exception handler (not a stack trace) reports worker-2's failure. In the scope the
 * handler stays silent: the failure is kept by the fork's Subtask. The check asks for each of
 * these: the name, kind, daemon flag, priority and request id of every worker of both builders, the
 * one failure each handler reported, and, in the scope, a silent handler and one failed Subtask.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505); virtual threads are final
 * since JDK 21 (JEP 444).
 */
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

public class E04_ThreadConfig {

    static final InheritableThreadLocal<String> REQUEST = new InheritableThreadLocal<>();
    static final Queue<String> HANDLED = new ConcurrentLinkedQueue<>();
    static final Thread.UncaughtExceptionHandler HANDLER =
            (thread, failure) -> HANDLED.add(thread.getName() + ": " + failure.getMessage());

    /** What a worker's thread carried. */
    record Seen(String name, boolean virtual, boolean daemon, int priority, String request) {}

    static final Queue<Seen> SEEN = new ConcurrentLinkedQueue<>();

    /** The worker: its arguments are captured, not passed; it reports what its thread carries. */
    static String worker(int id, String greeting) {
        Thread self = Thread.currentThread();
        String seen = String.format(
                "%-9s %-9s daemon=%-5s priority=%d request=%s  (%s %d)",
                self.getName(),
                self.isVirtual() ? "virtual" : "platform",
                self.isDaemon(),
                self.getPriority(),
                REQUEST.get(),
                greeting,
                id);
        System.out.println(seen);
        SEEN.add(new Seen(self.getName(), self.isVirtual(), self.isDaemon(), self.getPriority(), REQUEST.get()));
        if (id == 2) {
            throw new IllegalStateException("worker " + id + " fails on purpose");
        }
        return seen;
    }

    static void startAll(Thread.Builder builder, boolean setPriority) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int id = i;
            Thread thread = builder.unstarted(() -> worker(id, "hello"));
            if (setPriority) {
                thread.setPriority(8); // a virtual thread ignores this
            }
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(); // also orders the handler's record before what main reads next
        }
    }

    /**
     * The check of one builder's workers: named worker-0..2, of the kind asked for, daemon, with the
     * priority given and the request id inherited from main. Empties SEEN for the next builder.
     */
    static boolean configured(boolean virtual, int priority) {
        List<Seen> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.add(new Seen("worker-" + i, virtual, true, priority, "request-42"));
        }
        List<Seen> seen = SEEN.stream().sorted(Comparator.comparing(Seen::name)).toList();
        SEEN.clear();
        if (!seen.equals(expected)) {
            System.out.println("WRONG: expected " + expected + ", saw " + seen);
            return false;
        }
        return true;
    }

    public static void main(String[] args) throws Exception {
        REQUEST.set("request-42");

        // BEFORE: every setting on the platform builder
        startAll(
                Thread.ofPlatform()
                        .name("worker-", 0)
                        .daemon(true)
                        .priority(8)
                        .inheritInheritableThreadLocals(true)
                        .uncaughtExceptionHandler(HANDLER),
                false);
        System.out.println("handler: " + HANDLED);
        boolean ok = configured(false, 8) && HANDLED.size() == 1;

        // AFTER: no daemon(..), no priority(..) on the virtual builder
        HANDLED.clear();
        startAll(
                Thread.ofVirtual()
                        .name("worker-", 0)
                        .inheritInheritableThreadLocals(true)
                        .uncaughtExceptionHandler(HANDLER),
                true);
        System.out.println("handler: " + HANDLED);
        ok &= configured(true, Thread.NORM_PRIORITY) && HANDLED.size() == 1;

        // AFTER, structured: the builder's factory goes to the scope; the failure goes to the Subtask
        HANDLED.clear();
        var factory = Thread.ofVirtual()
                .name("worker-", 0)
                .uncaughtExceptionHandler(HANDLER)
                .factory();
        try (var scope = StructuredTaskScope.open(
                Joiner.<String>awaitAll(), cf -> cf.withThreadFactory(factory).withName("e04"))) {
            List<Subtask<String>> forks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int id = i;
                forks.add(scope.fork(() -> worker(id, "hello")));
            }
            scope.join();
            long failed = forks.stream()
                    .filter(f -> f.state() == Subtask.State.FAILED)
                    .count();
            System.out.println("handler: " + HANDLED + ", subtasks failed: " + failed + " ("
                    + forks.get(2).exception().getMessage() + ")");
            ok &= HANDLED.isEmpty() && failed == 1;
        }
        if (!ok) {
            throw new IllegalStateException("a form did not pass its check: the lines above say which");
        }
        System.out.println("ok");
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E04_ThreadConfig.java
 *
 * With a JFR recording, to open in JDK Mission Control:
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e04.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E04_ThreadConfig.java
 *   jfr print --events jdk.ThreadStart,jdk.VirtualThreadStart e04.jfr
 *
 * The same pattern inside the harness, with its self-check: ./loom compare thread-config
 */
