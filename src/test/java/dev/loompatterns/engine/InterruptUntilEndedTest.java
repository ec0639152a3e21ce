package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.StandInRuns;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancelling a run that loses interrupts, as JDK code on a run's path can make it. */
@Timeout(60)
class InterruptUntilEndedTest {

    private static final Duration BACKSTOP = Duration.ofSeconds(30);

    /** Parks until {@code released}, swallowing every interrupt, as RecordingStream.stop() swallows one; counts them. */
    private static int parkSwallowing(int times, AtomicBoolean released) {
        int seen = 0;
        while (seen < times && !released.get()) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                seen++;
            }
        }
        return seen;
    }

    @Test
    void aThreadThatSwallowsInterruptsIsInterruptedAgainWhileItWaitsAndEnds() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        try (Background<Integer> target = Background.start(() -> parkSwallowing(3, released))) {
            try {
                target.awaitState(Thread.State.WAITING);

                boolean ended = Cancellation.interruptUntilEnded(
                        target.thread(), BACKSTOP, StandInRuns.joined(target.thread()));

                assertThat(ended).isTrue();
                assertThat(target.join()).isEqualTo(3);
            } finally {
                released.set(true); // should the assertions fail, close()'s interrupt then ends it, not hangs the build
            }
        }
    }

    @Test
    void aThreadThatIgnoresEveryInterruptIsReportedNotEndedOnceTheGraceHasPassed() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        try (Background<Integer> target = Background.start(() -> parkSwallowing(Integer.MAX_VALUE, released))) {
            target.awaitState(Thread.State.WAITING);

            try {
                boolean ended = Cancellation.interruptUntilEnded(
                        target.thread(), Cancellation.REPEAT.multipliedBy(3), StandInRuns.joined(target.thread()));

                assertThat(ended).isFalse();
                assertThat(target.thread().isAlive()).isTrue();
            } finally {
                released.set(true); // close() interrupts it once more: it sees the release and ends
            }
        }
    }

    /** A runnable thread (printing, writing) is interrupted once, never again. */
    @Test
    void aThreadThatIsNotWaitingIsNotInterruptedAgain() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (Background<Integer> target = Background.start(() -> {
            int seen = 0;
            while (!stop.get()) {
                if (Thread.interrupted()) {
                    seen++;
                }
            }
            return seen;
        })) {
            target.awaitState(Thread.State.RUNNABLE);

            boolean ended = Cancellation.interruptUntilEnded(
                    target.thread(), Cancellation.REPEAT.multipliedBy(3), StandInRuns.joined(target.thread()));

            stop.set(true);
            assertThat(ended).isFalse();
            assertThat(target.join()).isEqualTo(1);
        }
    }

    @Test
    void aThreadThatHasEndedIsReportedEnded() throws Exception {
        try (Background<Void> target = Background.start(() -> null)) {
            target.join();

            assertThat(Cancellation.interruptUntilEnded(
                            target.thread(), Duration.ZERO, StandInRuns.joined(target.thread())))
                    .isTrue();
        }
    }
}
