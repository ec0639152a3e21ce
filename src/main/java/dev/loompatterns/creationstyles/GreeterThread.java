package dev.loompatterns.creationstyles;

import java.util.Queue;

/**
 * The tutorial's subclass style: the arguments are fields of the thread itself. There is no
 * virtual form of this class: every {@code Thread} constructor makes a platform thread, and the
 * JDK's virtual thread class is final and not public (JEP 444).
 */
final class GreeterThread extends Thread {
    private final Greeter greeter;
    private final Queue<Outcome> runs;

    GreeterThread(Greeter greeter, Queue<Outcome> runs) {
        super("subclass-" + greeter.worker());
        this.greeter = greeter;
        this.runs = runs;
    }

    @Override
    public void run() {
        greeter.runInto(runs);
    }
}
