package dev.loompatterns.semaphorepool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.testing.Background;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60) // backstop only
class SemaphorePoolTest {

    static final Duration HOLD_UNTIL_INTERRUPTED = Duration.ofMinutes(10);

    static Stream<Arguments> limitsInEveryMode() {
        return Stream.of(Mode.values())
                .flatMap(mode -> Stream.of(Form.Limit.values()).map(limit -> Arguments.of(mode, limit)));
    }

    /** The measured peak of holders never exceeds the connections, and every worker gets in once. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("limitsInEveryMode")
    void neverAdmitsMoreThanThePermits(Mode mode, Form.Limit limit) throws Exception {
        ConnectionPool pool =
                limit == Form.Limit.THREADS ? ConnectionPool.unguarded(3, 60) : ConnectionPool.guarded(3, 60);
        SemaphorePoolPattern.FORMS.of(mode).runAll(pool, 60, Duration.ofMillis(1), limit);

        assertThat(pool.peakHolders()).isBetween(1, 3);
        assertThat(pool.visits()).containsOnly(1);
        assertThat(SemaphorePoolPattern.check(pool).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    /** With both connections held, a third worker waits for a permit and is counted as no holder. */
    @Test
    void aWorkerBeyondThePermitsWaitsForOne() throws Exception {
        ConnectionPool pool = ConnectionPool.guarded(2, 3);
        List<Background<Void>> workers = new ArrayList<>();
        try {
            for (int w = 0; w < 2; w++) {
                int worker = w;
                workers.add(Background.start(() -> {
                    pool.use(worker, HOLD_UNTIL_INTERRUPTED);
                    return null;
                }));
            }
            for (Background<Void> holder : workers) {
                holder.awaitState(Thread.State.TIMED_WAITING); // in its query, holding a connection
            }
            Background<Void> third = Background.start(() -> {
                pool.use(2, Duration.ZERO);
                return null;
            });
            workers.add(third);
            third.awaitState(Thread.State.WAITING); // in Semaphore.acquire

            assertThat(pool.peakHolders()).isEqualTo(2);
            assertThat(pool.visits()).containsExactly(1, 1, 0);

            workers.getFirst().close(); // interrupting a holder gives its connection back
            third.join();
            assertThat(pool.visits()).containsExactly(1, 1, 1);
            assertThat(pool.peakHolders()).isEqualTo(2);
        } finally {
            for (Background<Void> worker : workers) {
                worker.close();
            }
        }
    }

    /**
     * Without a semaphore, the pool relies on the caller: one worker too many fails rather than sharing a connection.
     */
    @Test
    void unguardedPoolFailsAWorkerWhenTooManyRunAtOnce() throws Exception {
        ConnectionPool pool = ConnectionPool.unguarded(1, 2);
        try (Background<Void> holder = Background.start(() -> {
            pool.use(0, HOLD_UNTIL_INTERRUPTED);
            return null;
        })) {
            holder.awaitState(Thread.State.TIMED_WAITING);
            assertThatThrownBy(() -> pool.use(1, Duration.ZERO))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no idle connection");
        }
        assertThat(pool.peakHolders()).isEqualTo(1);
    }

    @Test
    void checkFailsWhenAWorkerNeverGotIn() throws Exception {
        ConnectionPool pool = ConnectionPool.guarded(2, 3);
        pool.use(0, Duration.ZERO);
        pool.use(2, Duration.ZERO);
        Check check = SemaphorePoolPattern.check(pool);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).isEqualTo("worker 1 got a connection 0 times, expected once");
    }
}
