package dev.loompatterns.lockcounter;

import dev.loompatterns.core.Threads;
import java.util.concurrent.Phaser;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fork per worker. When {@code join()} returns, every fork has finished and its writes are
 * visible to the caller (the scope's join is a happens-before edge, like {@code Thread.join}).
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredLockCounter implements Form {

    @Override
    public long count(Counter counter, int workers, int increments) throws InterruptedException {
        Phaser startGate = Form.startGate();
        LongAdder finished = new LongAdder();
        try (var scope = StructuredTaskScope.open()) {
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i); // close() cancels those forked: they end at the gate
                scope.fork(Form.worker(counter, increments, startGate, finished));
            }
            startGate.arrive();
            scope.join();
        }
        return finished.sum();
    }
}
