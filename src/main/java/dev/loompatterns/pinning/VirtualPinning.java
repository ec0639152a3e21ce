package dev.loompatterns.pinning;

import dev.loompatterns.core.FirstFailure;
import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual thread per task: the same code as {@link PlatformPinning} with a virtual builder.
 * When the blocking call cannot unmount (a native frame or a static initializer on the stack, or
 * a monitor on JDK 21-23), the carrier blocks with it; with as many such tasks as carriers, every
 * other virtual thread waits.
 */
final class VirtualPinning implements PinningWorkers {

    @Override
    public void runAll(int tasks, Blocking call) throws Exception {
        FirstFailure failures = new FirstFailure();
        List<Thread> threads = new ArrayList<>(tasks);
        Thread.Builder builder = Thread.ofVirtual().name("pinning-", 0);
        for (int i = 0; i < tasks; i++) {
            threads.add(builder.start(failures.guard(call::call)));
        }
        Threads.joinAll(threads);
        failures.rethrow();
    }
}
