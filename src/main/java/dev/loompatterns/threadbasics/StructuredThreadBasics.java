package dev.loompatterns.threadbasics;

import dev.loompatterns.core.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * Workers as forks of a {@link StructuredTaskScope}: no thread list to keep, no join loop, and no
 * way to return while a worker still runs: the scope's {@code close()} waits for every fork. If a
 * worker fails, {@code join()} throws and the other workers are cancelled.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); compile and run
 * with {@code --enable-preview}.
 */
public final class StructuredThreadBasics implements Form {

    @Override
    public List<Outcome> runAll(int workers, Duration sleep) throws InterruptedException {
        try (var scope = StructuredTaskScope.open()) {
            List<Subtask<Outcome>> subtasks = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i); // close() cancels those forked
                int worker = i;
                subtasks.add(scope.fork(() -> Outcome.work(worker, sleep)));
            }
            scope.join();
            return subtasks.stream().map(Subtask::get).toList();
        }
    }
}
