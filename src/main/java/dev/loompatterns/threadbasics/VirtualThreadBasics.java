package dev.loompatterns.threadbasics;

import dev.loompatterns.core.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The same code as {@link PlatformThreadBasics} but for the threads, which come from a builder,
 * {@code Thread.ofVirtual().name("worker-", 0)}, that names them as the platform form does. A sleeping
 * virtual thread unmounts from its carrier, so ten thousand sleepers need ten thousand small heap
 * objects, not ten thousand OS threads (JEP 444).
 */
public final class VirtualThreadBasics implements Form {

    @Override
    public List<Outcome> runAll(int workers, Duration sleep) throws InterruptedException {
        Outcome[] reports = new Outcome[workers];
        List<Thread> threads = new ArrayList<>(workers);
        Thread.Builder builder = Thread.ofVirtual().name("worker-", 0);
        try {
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i);
                int worker = i;
                threads.add(builder.start(() -> reports[worker] = Form.workOrNull(worker, sleep)));
            }
        } finally {
            Threads.joinAll(threads); // join() is the happens-before edge that makes each reports[i] visible here
        }
        return Arrays.asList(reports);
    }
}
