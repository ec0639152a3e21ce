package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60) // backstop only
class PinRecorderTest {

    /** Sleeps in its initializer: touching it from a virtual thread pins once. */
    static final class SlowInitA {
        static {
            sleep();
        }

        static void touch() {
        }
    }

    static final class SlowInitB {
        static {
            sleep();
        }

        static void touch() {
        }
    }

    static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A virtual thread started while recording is the recorder's own; its pin is kept with reason, carrier and stack. */
    @Test
    void keepsThePinsOfVirtualThreadsStartedWhileRecording() throws InterruptedException {
        try (PinRecorder recorder = PinRecorder.start()) {
            Thread.ofVirtual().start(SlowInitA::touch).join();
            assertThat(recorder.stop()).singleElement().satisfies(pin -> {
                assertThat(pin.reason()).isEqualTo("VM call to " + SlowInitA.class.getName() + ".<clinit> on stack");
                assertThat(pin.blockingOperation()).isEqualTo("LockSupport.park");
                assertThat(pin.topFrame()).as("innermost frame outside the JDK").startsWith(PinRecorderTest.class.getName() + ".sleep");
                assertThat(pin.stack()).anyMatch(frame -> frame.startsWith(SlowInitA.class.getName() + ".<clinit>"));
                assertThat(pin.carrier()).startsWith("ForkJoinPool");
                assertThat(pin.stack()).anyMatch(frame -> frame.startsWith("java.lang.Thread.sleep"));
            });
            assertThatThrownBy(recorder::assertNoPins).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("expected exactly 0 pins (jdk.VirtualThreadPinned), got 1:")
                    .hasMessageContaining("VM call to " + SlowInitA.class.getName())
                    .hasMessageContaining("at " + SlowInitA.class.getName() + ".<clinit>");
            recorder.assertPins(1, 1, "<clinit>");
        }
    }

    /** A thread that was already running is not the recorder's: its pin is only in allPins(). */
    @Test
    void leavesOutPinsOfThreadsThatWereAlreadyRunning() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        Thread before = Thread.ofVirtual().start(() -> {
            try {
                go.await();
                SlowInitB.touch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // jdk.VirtualThreadStart is stamped at first mount: wait until the thread has run, or it
        // would count as started while recording.
        while (before.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        try (PinRecorder recorder = PinRecorder.start()) {
            go.countDown();
            before.join();
            assertThat(recorder.stop()).isEmpty();
            assertThat(recorder.allPins()).anyMatch(pin -> pin.reason().contains(SlowInitB.class.getName()));
            recorder.assertNoPins();
        } finally {
            go.countDown();
            before.join();
        }
    }

    @Test
    void pinsCannotBeReadBeforeStop() {
        try (PinRecorder recorder = PinRecorder.start()) {
            assertThatThrownBy(recorder::pins).isInstanceOf(IllegalStateException.class).hasMessageContaining("stop()");
        }
    }

    @Test
    void theFailureMessageSaysWhatWasExpected() {
        assertThat(PinRecorder.failure(1, Integer.MAX_VALUE, "<clinit>", List.of()))
                .isEqualTo("expected at least 1 pins with a reason containing '<clinit>' (jdk.VirtualThreadPinned), got 0");
        assertThat(PinRecorder.failure(1, 3, "", List.of())).startsWith("expected from 1 to 3 pins");
    }
}
