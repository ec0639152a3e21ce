/*
 * E02 creation-styles: a function target, a Thread subclass, and the builders that replace both.
 *
 * The tutorial makes threads two ways: threading.Thread(target=f, args=(...)) and a subclass of
 * threading.Thread with run(). Java has both, plus Thread.Builder (JDK 21, JEP 444). Each worker gets its
 * own argument and reports it, with the name and kind of the thread it ran on.
 *
 * You are expected to see: the platform styles (target, subclass, builder, factory) each run a
 * worker on a platform thread; the virtual builder and the per-task executor run theirs on virtual
 * threads; a fork runs its Callable on a virtual thread the scope made. The line "subclass
 * isVirtual() = false" shows why a subclass cannot be migrated as it is: every Thread constructor
 * makes a platform thread. Its fields move into a task (the Greeting record) instead. The check
 * asks for all of it: each of the seven styles reported once, on the kind of thread named here.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505); virtual threads are final
 * since JDK 21 (JEP 444).
 */
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.StructuredTaskScope;

public class E02_CreationStyles {

    /** The worker with its own arguments: what a Thread subclass's fields become after migrating. */
    record Greeting(String style, String argument) implements Callable<String> {
        @Override
        public String call() {
            Thread self = Thread.currentThread();
            return String.format(
                    "%-18s argument %-8s on %-22s virtual=%s",
                    style, argument, self.getName().isEmpty() ? "(unnamed)" : self.getName(), self.isVirtual());
        }
    }

    /** The tutorial's subclass style: state in fields, work in run(). Always a platform thread. */
    static final class GreetingThread extends Thread {
        private final Greeting greeting;
        private final Queue<String> out;

        GreetingThread(Greeting greeting, Queue<String> out) {
            super("subclass-thread");
            this.greeting = greeting;
            this.out = out;
        }

        @Override
        public void run() {
            out.add(greeting.call());
        }
    }

    public static void main(String[] args) throws Exception {
        Queue<String> out = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();

        // BEFORE: the platform styles
        Greeting target = new Greeting("runnable target", "a");
        threads.add(new Thread(() -> out.add(target.call()), "target-thread"));
        threads.add(new GreetingThread(new Greeting("thread subclass", "b"), out));
        Greeting built = new Greeting("platform builder", "c");
        threads.add(Thread.ofPlatform().name("builder-", 0).unstarted(() -> out.add(built.call())));
        Greeting made = new Greeting("thread factory", "d");
        threads.add(Thread.ofPlatform().name("factory-", 0).factory().newThread(() -> out.add(made.call())));

        // AFTER: the virtual styles; the subclass's state now lives in a Greeting
        Greeting virtual = new Greeting("virtual builder", "e");
        threads.add(Thread.ofVirtual().name("virtual-", 0).unstarted(() -> out.add(virtual.call())));
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        List<Future<String>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            futures.add(executor.submit(new Greeting("per-task executor", "f")));
        }
        for (Future<String> future : futures) {
            out.add(future.get());
        }

        // AFTER, structured: fork a Callable; the scope makes the thread
        try (var scope = StructuredTaskScope.<String>open()) {
            var subtask = scope.fork(new Greeting("fork", "g"));
            scope.join();
            out.add(subtask.get());
        }

        out.stream().sorted().forEach(System.out::println);
        boolean subclassVirtual = new GreetingThread(new Greeting("probe", "-"), out).isVirtual();
        System.out.println(
                "subclass isVirtual() = " + subclassVirtual + " (a Thread subclass is always a platform thread)");

        // each style and whether its worker ran on a virtual thread, as the header says
        Map<String, Boolean> expected = Map.of(
                "runnable target", false,
                "thread subclass", false,
                "platform builder", false,
                "thread factory", false,
                "virtual builder", true,
                "per-task executor", true,
                "fork", true);
        Map<String, Boolean> seen = new HashMap<>();
        for (String line : out) {
            seen.put(line.substring(0, line.indexOf(" argument ")).strip(), line.endsWith("virtual=true"));
        }
        if (subclassVirtual || out.size() != expected.size() || !seen.equals(expected)) {
            throw new IllegalStateException("the styles did not run on the threads expected: " + seen);
        }
        System.out.println("ok: 7 workers, 4 on platform threads, 3 on virtual threads");
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E02_CreationStyles.java
 *
 * With a JFR recording, to open in JDK Mission Control:
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e02.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E02_CreationStyles.java
 *   jfr print --events jdk.VirtualThreadStart e02.jfr
 *
 * The same pattern inside the harness, with its self-check: ./loom run creation-styles
 */
