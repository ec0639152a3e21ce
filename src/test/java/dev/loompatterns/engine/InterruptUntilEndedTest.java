package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancelling a run that loses interrupts, as JDK code on a run's path can make it. */
@Timeout(60)
class InterruptUntilEndedTest {

    private static final Duration BACKSTOP = Duration.ofSeconds(30);

    /** Waits until the thread is parked, so the first interrupt finds it waiting. */
    private static void awaitWaiting(Thread thread) {
        while (thread.getState() != Thread.State.WAITING && thread.isAlive()) {
            Thread.onSpinWait();
        }
    }

    private static Cancellation.Ending joined(Thread thread, AtomicInteger asked) {
        return atMost -> {
            asked.incrementAndGet();
            thread.join(atMost);
            return !thread.isAlive();
        };
    }

    /** Parks until interrupted {@code times} times, swallowing each interrupt but the last. */
    private static Thread swallowing(int times, AtomicInteger seen) {
        return Thread.ofPlatform().start(() -> {
            while (seen.get() < times) {
                try {
                    new CountDownLatch(1).await(); // as RecordingStream.stop() swallows one
                } catch (InterruptedException e) {
                    seen.incrementAndGet();
                }
            }
        });
    }

    @Test
    void aThreadThatSwallowsInterruptsIsInterruptedAgainWhileItWaitsAndEnds() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        Thread target = swallowing(3, seen);
        awaitWaiting(target);

        boolean ended = Cancellation.interruptUntilEnded(target, BACKSTOP, joined(target, new AtomicInteger()));

        target.join();
        assertThat(ended).isTrue();
        assertThat(seen).hasValue(3);
    }

    @Test
    void aThreadThatIgnoresEveryInterruptIsReportedNotEndedOnceTheGraceHasPassed() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        Thread target = swallowing(Integer.MAX_VALUE, seen);
        AtomicInteger asked = new AtomicInteger();
        try {
            awaitWaiting(target);
            boolean ended = Cancellation.interruptUntilEnded(
                    target, Cancellation.REPEAT.multipliedBy(3), joined(target, asked));

            assertThat(ended).isFalse();
            assertThat(asked.get()).as("asked whether it ended, at the end too").isGreaterThanOrEqualTo(2);
        } finally {
            seen.set(Integer.MAX_VALUE - 1); // the next interrupt ends it
            while (target.isAlive()) {
                target.interrupt();
                target.join(Cancellation.REPEAT);
            }
        }
        assertThat(target.isAlive()).isFalse();
    }

    @Test
    void aThreadThatHasEndedIsReportedEnded() throws Exception {
        Thread target = Thread.ofPlatform().start(() -> {});
        target.join();

        assertThat(Cancellation.interruptUntilEnded(target, Duration.ZERO, joined(target, new AtomicInteger())))
                .isTrue();
    }
}
