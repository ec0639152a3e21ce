package dev.loompatterns.scheduling;

import dev.loompatterns.core.RunGate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.StructuredTaskScope;
import java.util.function.IntConsumer;

/**
 * A fork per task, forked by a subtask of an outer scope, so that, as in
 * {@link VirtualScheduling}, the tasks are started from a virtual thread and queued on its
 * carrier. Forks are virtual threads and are scheduled exactly like them: the scope adds
 * structure, not time slicing.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredScheduling implements Form {

    @Override
    public void startAll(List<Callable<?>> tasks, IntConsumer beforeStart) throws Exception {
        try (var outer = StructuredTaskScope.open()) {
            outer.fork(() -> {
                try (var scope = StructuredTaskScope.open()) {
                    for (int i = 0; i < tasks.size(); i++) {
                        beforeStart.accept(i);
                        scope.fork(tasks.get(i));
                    }
                    RunGate.arrive(); // as in Form.startEachThenJoin; interrupted, close() cancels and waits
                    scope.join();
                }
                return null;
            });
            outer.join();
        }
    }
}
