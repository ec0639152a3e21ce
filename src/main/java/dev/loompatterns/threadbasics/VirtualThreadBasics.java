package dev.loompatterns.threadbasics;

import dev.loompatterns.core.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The same code as {@link PlatformThreadBasics} but for one line: the threads come from
 * {@code Thread.ofVirtual()}. A sleeping virtual thread unmounts from its carrier, so ten thousand
 * sleepers need ten thousand small heap objects, not ten thousand OS threads (JEP 444).
 */
public final class VirtualThreadBasics implements SleepingWorkers {

    @Override
    public List<WorkerReport> runAll(int workers, Duration sleep) throws InterruptedException {
        WorkerReport[] reports = new WorkerReport[workers];
        List<Thread> threads = new ArrayList<>(workers);
        // BEFORE: new Thread(runnable, "worker-" + i).start()
        // AFTER:  a builder that names virtual threads worker-0, worker-1, ...
        Thread.Builder builder = Thread.ofVirtual().name("worker-", 0);
        for (int i = 0; i < workers; i++) {
            int worker = i;
            threads.add(builder.start(() -> reports[worker] = PlatformThreadBasics.workOrNull(worker, sleep)));
        }
        Threads.joinAll(threads);
        return Arrays.asList(reports);
    }
}
