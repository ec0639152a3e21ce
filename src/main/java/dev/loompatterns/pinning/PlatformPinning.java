package dev.loompatterns.pinning;

import dev.loompatterns.core.FirstFailure;
import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * A platform thread per task. A platform thread that blocks blocks its own OS thread and nothing
 * else: there is no carrier to hold, so nothing here can pin, and JFR records no
 * {@code jdk.VirtualThreadPinned} event whatever the blocking call is.
 */
final class PlatformPinning implements PinningWorkers {

    @Override
    public void runAll(int tasks, Blocking call) throws Exception {
        FirstFailure failures = new FirstFailure();
        List<Thread> threads = new ArrayList<>(tasks);
        Thread.Builder builder = Thread.ofPlatform().name("pinning-", 0);
        for (int i = 0; i < tasks; i++) {
            threads.add(builder.start(failures.guard(call::call)));
        }
        Threads.joinAll(threads);
        failures.rethrow();
    }
}
