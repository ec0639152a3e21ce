package dev.loompatterns.urlfetch;

import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Notes, for the fail-fast check, when a two-level structured fetch decided to cancel every fetch
 * still running ({@link UrlClient#cancelDecided}): joiners that do exactly what the joiner they
 * wrap does, and note the moment it tells its scope to cancel.
 *
 * <p>Only the top scope's cancel reaches every fetch, so only a top that cancels is noted. But the
 * top decides when a failed group's subtask completes: after the group's owner has been scheduled,
 * has seen its scope's failure and has closed that scope, which waits for the group's cancelled
 * forks to run. On a busy machine that can be seconds after the failing fork's own thread decided
 * its group's cancel, right after it failed; the top's cancel follows from that decision, so that
 * is the moment noted (the earliest group's). What comes after it is how a decided cancel
 * travels, not waiting. A top that never cancels notes nothing, however many groups cancelled.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
final class ScopeCancels {

    private final UrlClient client;
    /** When the first group decided to cancel its scope, on the client's clock; MAX_VALUE if none did. */
    private final LongAccumulator groupDecided = new LongAccumulator(Math::min, Long.MAX_VALUE);

    ScopeCancels(UrlClient client) {
        this.client = client;
    }

    /** The top scope's joiner: when it cancels, the decision is noted as made when the first group's was. */
    <T, R> Joiner<T, R> top(Joiner<T, R> joiner) {
        return new Noting<>(joiner, () -> client.cancelDecided(Math.min(groupDecided.get(), client.now())));
    }

    /** A group scope's joiner: when it cancels, the moment is kept for the top's note. */
    <T, R> Joiner<T, R> group(Joiner<T, R> joiner) {
        return new Noting<>(joiner, () -> groupDecided.accumulate(client.now()));
    }

    /** {@code joiner} itself, running {@code onCancel} whenever it returns true (cancel the scope). */
    private record Noting<T, R>(Joiner<T, R> joiner, Runnable onCancel) implements Joiner<T, R> {

        @Override
        public boolean onFork(Subtask<? extends T> subtask) {
            return noted(joiner.onFork(subtask));
        }

        @Override
        public boolean onComplete(Subtask<? extends T> subtask) {
            return noted(joiner.onComplete(subtask));
        }

        @Override
        public R result() throws Throwable {
            return joiner.result();
        }

        private boolean noted(boolean cancel) {
            if (cancel) {
                onCancel.run(); // before the scope cancels: its interrupts follow the note
            }
            return cancel;
        }
    }
}
