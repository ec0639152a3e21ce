package dev.loompatterns.pinning;

import dev.loompatterns.core.Threads;
import java.util.concurrent.StructuredTaskScope;

/**
 * A fork per task. Forks are virtual threads, so they pin exactly where {@link VirtualPinning}'s
 * threads do: structure changes who waits for whom, not what a carrier can do. A failing fork
 * cancels the others and {@code join()} throws it.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredPinning implements Form {

    @Override
    public void runAll(int tasks, Blocking call) throws Exception {
        try (var scope = StructuredTaskScope.open()) {
            for (int i = 0; i < tasks; i++) {
                Threads.stopStartingIfInterrupted(i); // close() cancels those forked
                scope.fork(call::call);
            }
            scope.join();
        }
    }
}
