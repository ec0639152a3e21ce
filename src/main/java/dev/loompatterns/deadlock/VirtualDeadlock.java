package dev.loompatterns.deadlock;

import java.util.List;

/**
 * The same workers on virtual threads: they deadlock exactly as before (a lock does not care what
 * kind of thread holds it), but {@code ThreadMXBean} no longer sees it. The JSON thread dump does.
 */
public final class VirtualDeadlock implements Form {

    @Override
    public void run(List<Runnable> workers, Watchdog watchdog) throws Exception {
        // AFTER: a virtual thread per worker; deadlock detection must move to the thread dump
        ThreadPerWorker.run(Thread.ofVirtual(), workers, watchdog);
    }
}
