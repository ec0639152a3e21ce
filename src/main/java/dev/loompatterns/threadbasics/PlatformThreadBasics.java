package dev.loompatterns.threadbasics;

import dev.loompatterns.core.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tutorial's form: a platform thread per worker, started one by one and joined one by one.
 * Each thread is an OS thread with its own stack, so this is the form that runs out of memory or
 * thread handles first when the worker count grows.
 */
public final class PlatformThreadBasics implements Form {

    @Override
    public List<Outcome> runAll(int workers, Duration sleep) throws InterruptedException {
        Outcome[] reports = new Outcome[workers];
        List<Thread> threads = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i);
                int worker = i;
                Thread thread = new Thread(() -> reports[worker] = Form.workOrNull(worker, sleep), "worker-" + i);
                threads.add(thread);
                thread.start();
            }
        } finally {
            Threads.joinAll(threads); // join() is the happens-before edge that makes each reports[i] visible here
        }
        return Arrays.asList(reports);
    }
}
