package dev.loompatterns.timer;

import dev.loompatterns.core.Crew;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;

/**
 * A fork per timer inside one {@code StructuredTaskScope} with a deadline
 * ({@code Configuration.withTimeout}): every timer is due within the horizon the owner declares,
 * and the scope is cancelled {@link #GRACE} after it, so a timer can be late but cannot outlive
 * its owner. The first action to throw cancels the other timers, and {@code close()} waits for
 * every fork.
 *
 * <p>A fork is not interrupted on its own: interrupting forks is how the scope cancels them all.
 * So a timer waits on its own latch with a timeout, as the virtual form's do: the timeout is the
 * delay, the latch is the cancel. A ticking timer waits the same way for each deadline computed
 * from its start.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); in JDK 26
 * (JEP 525) the configuration function of {@code open} becomes a {@code UnaryOperator}.
 */
public final class StructuredTimer implements Form {

    /** How long past the horizon the scope waits before it cancels the timers: a backstop, as for every run. */
    static final Duration GRACE = Crew.BACKSTOP;

    /** The scope's name in a thread dump. */
    static final String SCOPE_NAME = "timer";

    private StructuredTaskScope<Object, Void> scope; // opened by open()
    private boolean joined;

    /** A scope whose timers are all due within {@code horizon} from now. */
    @Override
    public Form open(int poolSize, Duration horizon) {
        scope = StructuredTaskScope.open(
                Joiner.awaitAllSuccessfulOrThrow(),
                config -> config.withName(SCOPE_NAME).withTimeout(horizon.plus(GRACE)));
        return this;
    }

    @Override
    public Timer schedule(Duration delay, Action action) {
        long due = System.nanoTime() + delay.toNanos();
        TimerState state = new TimerState();
        scope.fork(() -> {
            state.fireWhenDue(due, action);
            return null;
        });
        return state::cancel;
    }

    @Override
    public Timer scheduleAtFixedRate(Duration period, int ticks, Tick action) {
        long start = System.nanoTime();
        long nanos = period.toNanos();
        TimerState state = new TimerState();
        scope.fork(() -> {
            state.tickAtFixedRate(start, nanos, ticks, action);
            return null;
        });
        return () -> state.cancelRepeating() != null;
    }

    /**
     * {@code scope.join()}.
     *
     * @throws ExecutionException    with the first action's failure
     * @throws IllegalStateException if the scope's deadline passed with timers still pending
     */
    @Override
    public void awaitAll() throws InterruptedException, ExecutionException {
        joined = true;
        try {
            scope.join();
        } catch (StructuredTaskScope.FailedException e) {
            throw new ExecutionException(e.getCause());
        } catch (StructuredTaskScope.TimeoutException e) {
            throw new IllegalStateException(
                    "timers still pending " + GRACE.toSeconds() + " s after they were all due", e);
        }
    }

    @Override
    public void close() {
        try {
            scope.close(); // cancels the forks still pending (interrupts them) and waits for them
        } catch (IllegalStateException notJoined) {
            if (joined) {
                throw notJoined;
            } // otherwise the owner is leaving on a failure of its own, which it is throwing
        }
    }
}
