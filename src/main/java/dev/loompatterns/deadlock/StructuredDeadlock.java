package dev.loompatterns.deadlock;

import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;

/**
 * Workers as forks of a scope named {@code deadlock-pairs}, with the watchdog as one more fork.
 * The thread dump shows the deadlocked forks inside that scope's container. A scope does not
 * prevent a deadlock, but it bounds the damage: if the watchdog fails, the scope is cancelled,
 * every fork is interrupted (and so backs off), and {@code close()} waits for them all.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredDeadlock implements Form {

    static final String SCOPE_NAME = "deadlock-pairs";

    @Override
    public void run(List<Runnable> workers, Watchdog watchdog) throws InterruptedException {
        try (var scope =
                StructuredTaskScope.open(Joiner.awaitAllSuccessfulOrThrow(), config -> config.withName(SCOPE_NAME))) {
            for (Runnable worker : workers) {
                scope.fork(worker);
            }
            scope.fork(() -> {
                watchdog.watchAndBreak();
                return null;
            });
            scope.join();
        }
    }
}
