package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.testing.Background;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Joining a run's threads when the caller is interrupted: none outlives the join, and no interrupt is lost. */
class ThreadsTest {

    /**
     * A thread that lets its first interrupt go by ends at the caller's second, which Ctrl-C's hook sends: the join
     * passed on only the first, and kept the rest for itself.
     */
    @Test
    @Timeout(60) // backstop only: without the second interrupt passed on, the join never ends
    void eachInterruptOfTheCallerReachesTheThreadsItJoins() throws Exception {
        CountDownLatch firstLetGo = new CountDownLatch(1);
        Thread deafOnce = Thread.ofPlatform().name("deaf-once").start(() -> {
            try {
                Thread.sleep(Duration.ofMinutes(10));
            } catch (InterruptedException first) {
                firstLetGo.countDown(); // as a task that swallowed it would
            }
            try {
                Thread.sleep(Duration.ofMinutes(10));
            } catch (InterruptedException second) {
                // ends
            }
        });
        Background<Void> caller = Background.start(() -> {
            Threads.joinAll(List.of(deafOnce));
            return null;
        });
        try {
            caller.awaitState(Thread.State.WAITING); // in the join
            caller.thread().interrupt();
            firstLetGo.await();
            Background.awaitUntil(() -> deafOnce.getState() == Thread.State.TIMED_WAITING // its second sleep
                    && caller.thread().getState() == Thread.State.WAITING); // and the caller joining it again
            caller.thread().interrupt(); // the hook's next

            assertThatThrownBy(caller::join).isInstanceOf(InterruptedException.class);
            assertThat(deafOnce.isAlive()).isFalse();
        } finally {
            deafOnce.interrupt(); // first: the caller, had it kept the interrupt, joins it
            deafOnce.join();
            caller.close();
        }
    }
}
