package dev.loompatterns.race;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;

/**
 * A fork per mirror in a scope whose joiner, {@code Joiner.anySuccessfulResultOrThrow()}, makes
 * {@code join()} return the first successful result and cancel the scope, which interrupts the
 * losers; a failed mirror is ignored unless every mirror fails, and then {@code join()} throws
 * {@code StructuredTaskScope.FailedException} with a mirror's exception as its cause. The scope's
 * {@code close()} waits for the losers, so unlike invokeAny, there is no way to return while one
 * still runs. Every mirror is forked up front (no lazy submission).
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505). In JDK 26
 * (JEP 525) {@code anySuccessfulResultOrThrow()} is renamed {@code anySuccessfulOrThrow()}; it is
 * called once, in {@link #race}.
 */
public final class StructuredRace implements Form {

    /** The scope's name in a thread dump. */
    static final String SCOPE_NAME = "race";

    @Override
    public String race(List<Callable<String>> mirrors) throws InterruptedException {
        try (var scope = StructuredTaskScope.open(
                Joiner.<String>anySuccessfulResultOrThrow(), config -> config.withName(SCOPE_NAME))) {
            for (Callable<String> mirror : mirrors) {
                scope.fork(mirror);
            }
            return scope.join();
        }
    }
}
