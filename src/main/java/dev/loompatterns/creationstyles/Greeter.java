package dev.loompatterns.creationstyles;

import dev.loompatterns.core.RunGate;
import java.util.Queue;
import java.util.concurrent.Callable;

/**
 * The worker of every style, with its own arguments as fields. This is where a {@code Thread}
 * subclass's state goes when migrating to virtual threads: out of the thread, into a task object
 * that any thread (or executor, or scope) can run.
 *
 * @param worker   the worker's index, 0 to n-1
 * @param argument the worker's own argument ({@link #argumentFor})
 */
record Greeter(int worker, String argument) implements Callable<Outcome> {

    /** The argument worker {@code i} is given; the check compares against it. */
    static String argumentFor(int worker) {
        return "item-" + worker;
    }

    static Greeter forWorker(int worker) {
        return new Greeter(worker, argumentFor(worker));
    }

    @Override
    public Outcome call() throws InterruptedException {
        RunGate.arrive(); // lets `loom dump` hold the run here; a no-op otherwise
        Thread self = Thread.currentThread();
        return new Outcome(worker, argument, self.getName(), self.isVirtual());
    }

    /** The body of a bare thread: adds its run, or ends without one if the run was cancelled while it was held. */
    void runInto(Queue<Outcome> runs) {
        try {
            runs.add(call());
        } catch (InterruptedException e) {
            // cancelled (interrupted by the joiner) while held: no run, and the thread ends
        }
    }
}
