package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Cancelling a run that loses its first interrupt, as JDK code on a run's path can make it. */
class InterruptUntilEndedTest {

    private static final Duration BACKSTOP = Duration.ofSeconds(30);

    /** Waits until the thread is parked, so the interrupt finds it waiting. */
    private static void awaitWaiting(Thread thread) {
        while (thread.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    private static Cancellation.Ending joined(Thread thread) {
        return atMost -> {
            thread.join(atMost);
            return !thread.isAlive();
        };
    }

    @Test
    void aThreadThatSwallowsTheFirstInterruptIsInterruptedAgainAndEnds() throws Exception {
        AtomicInteger interruptsSeen = new AtomicInteger();
        Thread target = Thread.ofPlatform().start(() -> {
            for (int wait = 0; wait < 2; wait++) {
                try {
                    new CountDownLatch(1).await(); // the first is swallowed, as RecordingStream.stop() does
                } catch (InterruptedException e) {
                    interruptsSeen.incrementAndGet();
                }
            }
        });
        awaitWaiting(target);

        boolean ended = Cancellation.interruptUntilEnded(target, BACKSTOP, joined(target));

        assertThat(ended).isTrue();
        assertThat(interruptsSeen).hasValue(2);
    }

    @Test
    void aThreadThatIgnoresEveryInterruptIsReportedNotEndedOnceTheGraceHasPassed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger interruptsSeen = new AtomicInteger();
        Thread target = Thread.ofPlatform().start(() -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interruptsSeen.incrementAndGet();
                }
            }
        });
        try {
            awaitWaiting(target);
            boolean ended =
                    Cancellation.interruptUntilEnded(target, Cancellation.REPEAT.multipliedBy(3), joined(target));

            assertThat(ended).isFalse();
            assertThat(target.isAlive()).isTrue();
            assertThat(interruptsSeen.get())
                    .as("interrupted again while it lived")
                    .isGreaterThan(1);
        } finally {
            release.countDown();
            target.join();
        }
    }
}
