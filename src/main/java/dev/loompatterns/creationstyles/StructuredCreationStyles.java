package dev.loompatterns.creationstyles;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * One way only: {@code fork} a {@link java.util.concurrent.Callable} in a
 * {@link StructuredTaskScope}. The scope makes the (virtual) thread; the caller never sees a
 * {@code Thread}, only a {@link Subtask} whose {@code get()} is the worker's result, so the
 * question "target or subclass?" does not arise.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); compile and run
 * with {@code --enable-preview}.
 */
public final class StructuredCreationStyles implements Form {

    static final List<Style> STYLES = List.of(Style.unnamed("fork-callable"));

    @Override
    public List<Style> styles() {
        return STYLES;
    }

    @Override
    public List<Outcome> runAll(int workers) throws InterruptedException {
        try (var scope = StructuredTaskScope.<Outcome>open()) {
            List<Subtask<Outcome>> subtasks = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i); // close() cancels those forked
                subtasks.add(scope.fork(Greeter.forWorker(i)));
            }
            scope.join();
            return subtasks.stream().map(Subtask::get).toList();
        }
    }
}
