package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.OwnJvm;
import dev.loompatterns.testing.StandInRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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

                boolean ended =
                        Cancellation.interruptUntilEnded(target.thread(), BACKSTOP, StandInRuns.ended(target.thread()));

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
                        target.thread(), Cancellation.REPEAT.multipliedBy(3), StandInRuns.ended(target.thread()));

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
                    target.thread(), Cancellation.REPEAT.multipliedBy(3), StandInRuns.ended(target.thread()));

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
                            target.thread(), Duration.ZERO, StandInRuns.ended(target.thread())))
                    .isTrue();
        }
    }

    /**
     * With the heap full, the wait still ends at its grace: the heap watch waits so for a command that filled it, and
     * then halts the JVM. A wait that makes anything on the heap (a latch's timed await makes a queue node, and retries
     * until it can, whatever its timeout) never returned, and a JVM whose run had filled a 64 MB heap collected on and
     * on for minutes. In a JVM of its own, its heap filled to the last few bytes.
     */
    @Test
    void withTheHeapFullTheWaitStillEndsAtItsGrace(@TempDir Path dir) throws Exception {
        OwnJvm.Result child = OwnJvm.run(dir, null, List.of("-Xmx16m"), FullHeap.class);

        assertThat(child.code()).as(child.err()).isZero();
        assertThat(child.out())
                .isEqualTo("heap full: true, ended: false, interrupts seen: true" + System.lineSeparator());
    }

    /** The child's program: a thread deaf to interrupts, the heap filled, then the wait for the thread to end. */
    static final class FullHeap {
        public static void main(String[] args) throws Exception {
            AtomicBoolean released = new AtomicBoolean();
            AtomicBoolean interrupted = new AtomicBoolean();
            Thread deaf = Thread.ofPlatform().daemon().start(() -> {
                while (!released.get()) {
                    LockSupport.park();
                    if (Thread.interrupted()) {
                        interrupted.set(true);
                    }
                }
            });
            while (deaf.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            Duration grace = Duration.ofMillis(300);
            Cancellation.Ending never = () -> false;
            // once with room: loading a class needs heap (the heap watch loads Cancellation before its first look)
            Cancellation.interruptUntilEnded(deaf, grace, never);
            interrupted.set(false);
            while (deaf.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            // a chain of arrays, each smaller once the heap has no room for the last size, down to 24 bytes
            Object[] held = null;
            boolean full = false;
            for (int size = 1 << 20; size >= 2; ) {
                try {
                    Object[] block = new Object[size];
                    block[0] = held;
                    held = block;
                } catch (OutOfMemoryError noRoom) {
                    size /= 2;
                    full = true;
                }
            }
            boolean ended = Cancellation.interruptUntilEnded(deaf, grace, never);
            held = null;
            released.set(true);
            LockSupport.unpark(deaf);
            deaf.join();
            System.out.println("heap full: " + full + ", ended: " + ended + ", interrupts seen: " + interrupted.get());
        }
    }
}
