/*
 * E15 context: a request's id must reach every task it fans out to, and never another request's.
 *
 * Twenty requests each fan out three subtasks. Four ways to carry the request id across:
 *   1. InheritableThreadLocal, subtasks on a fixed pool of 2 platform threads
 *   2. ThreadLocal, captured by the handler and set by hand in each pool task, the thread's own put back after
 *   3. ScopedValue bound around a StructuredTaskScope: its forks inherit the binding
 *   4. ScopedValue read from a plain thread started inside the binding
 *
 * You are expected to see: (1) is right for the first request's 3 subtasks and wrong for every
 * other request: the pool's two threads were created by the first request's first two submits,
 * copied its id then, and keep it; no error is raised anywhere. (2) is right, at the price of
 * copy-and-restore code around every task (restore, not remove: a task can run on the thread that
 * handed it off, a pool's CallerRunsPolicy for one, which would lose its own value). (3) is right
 * with no copying and nothing to clean up, and the value is unbound afterwards. (4) sees nothing:
 * only forks of a scope inherit a binding, not any thread started inside it. The check asks for
 * exactly these counts: 3, 60, 60 and 0 of 60.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505); ScopedValue is final
 * (JEP 506).
 */
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;

public class E15_Context {

    static final int REQUESTS = 20;
    static final int FAN_OUT = 3;

    static final InheritableThreadLocal<String> INHERITED = new InheritableThreadLocal<>();
    static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    static final ScopedValue<String> REQUEST = ScopedValue.newInstance();

    /** How many subtasks saw their own request's id. */
    interface Form {
        int right() throws Exception;
    }

    // BEFORE: an InheritableThreadLocal and a pool; the pool threads inherit once, at creation
    static int inheritable() throws Exception {
        int right = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int r = 0; r < REQUESTS; r++) {
                String id = "req-" + r;
                INHERITED.set(id);
                try {
                    List<Future<String>> seen = new ArrayList<>();
                    for (int s = 0; s < FAN_OUT; s++) {
                        seen.add(pool.submit(INHERITED::get));
                    }
                    for (Future<String> f : seen) {
                        right += id.equals(f.get()) ? 1 : 0;
                    }
                } finally {
                    INHERITED.remove();
                }
            }
        }
        return right;
    }

    // BEFORE, done right: capture on the handler's thread, set in every task, put the thread's own back after
    static int copiedByHand() throws Exception {
        int right = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int r = 0; r < REQUESTS; r++) {
                String id = "req-" + r;
                CURRENT.set(id);
                try {
                    String captured = CURRENT.get();
                    List<Future<String>> seen = new ArrayList<>();
                    for (int s = 0; s < FAN_OUT; s++) {
                        seen.add(pool.submit(() -> {
                            String own = CURRENT.get(); // the running thread's: the handler's own if it runs this
                            CURRENT.set(captured);
                            try {
                                return CURRENT.get();
                            } finally {
                                if (own == null) {
                                    CURRENT.remove();
                                } else {
                                    CURRENT.set(own);
                                }
                            }
                        }));
                    }
                    for (Future<String> f : seen) {
                        right += id.equals(f.get()) ? 1 : 0;
                    }
                } finally {
                    CURRENT.remove();
                }
            }
        }
        return right;
    }

    // AFTER, structured: bind for the extent of a call; the forks inherit it
    static int scoped() throws Exception {
        int right = 0;
        for (int r = 0; r < REQUESTS; r++) {
            String id = "req-" + r;
            right += ScopedValue.where(REQUEST, id).call(() -> {
                try (var scope = StructuredTaskScope.open()) {
                    List<Subtask<String>> seen = new ArrayList<>();
                    for (int s = 0; s < FAN_OUT; s++) {
                        seen.add(scope.fork(() -> REQUEST.get()));
                    }
                    scope.join();
                    return (int)
                            seen.stream().filter(sub -> id.equals(sub.get())).count();
                }
            });
        }
        return REQUEST.isBound() ? -1 : right; // unbound outside the call
    }

    // Don't do this: a plain thread inside the binding does not inherit it
    static int plainThread() throws Exception {
        int right = 0;
        for (int r = 0; r < REQUESTS; r++) {
            String id = "req-" + r;
            right += ScopedValue.where(REQUEST, id).call(() -> {
                String[] seen = new String[FAN_OUT];
                List<Thread> threads = new ArrayList<>();
                for (int s = 0; s < FAN_OUT; s++) {
                    int i = s;
                    threads.add(Thread.ofVirtual().start(() -> seen[i] = REQUEST.isBound() ? REQUEST.get() : null));
                }
                for (Thread t : threads) {
                    t.join();
                }
                int ok = 0;
                for (String s : seen) {
                    ok += id.equals(s) ? 1 : 0;
                }
                return ok;
            });
        }
        return right;
    }

    static int show(String name, Form form) throws Exception {
        int right = form.right();
        System.out.printf("%-34s %3d of %d subtasks saw their own request%n", name, right, REQUESTS * FAN_OUT);
        return right;
    }

    public static void main(String[] args) throws Exception {
        int all = REQUESTS * FAN_OUT;
        // a fixed pool starts a thread per submit until it has its two: both start in request 0
        boolean ok = show("1 InheritableThreadLocal + pool", E15_Context::inheritable) == FAN_OUT;
        ok &= show("2 ThreadLocal copied by hand", E15_Context::copiedByHand) == all;
        ok &= show("3 ScopedValue + StructuredTaskScope", E15_Context::scoped) == all;
        ok &= show("4 ScopedValue + plain thread", E15_Context::plainThread) == 0;
        if (!ok) {
            throw new IllegalStateException("a form did not see what the header says: the lines above");
        }
        System.out.println("as expected");
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E15_Context.java
 *
 * With a JFR recording, to open in JDK Mission Control:
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e15.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E15_Context.java
 *
 * The same pattern inside the harness, with its self-check and every variant:
 *   ./loom compare context
 *   ./loom run context --mode virtual --variant per-thread-cache
 */
