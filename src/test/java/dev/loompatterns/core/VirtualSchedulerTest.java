package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.testing.Spinner;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Waiting for the virtual-thread scheduler to be quiet, as its bean shows it. */
@Timeout(60) // a backstop: a wait that never gave up would never return
class VirtualSchedulerTest {

    /** A virtual thread that spins keeps its carrier: the wait gives up at its backstop and says so. */
    @Test
    void aMountedVirtualThreadKeepsItBusyUntilTheBackstop() throws Exception {
        try (Spinner spinner = Spinner.start("scheduler-spinner")) {
            assertThat(VirtualScheduler.awaitIdle(Duration.ofMillis(200))).isFalse();
        }
        assertThat(VirtualScheduler.awaitIdle(Duration.ofSeconds(30)))
                .as("quiet once the spinner has ended")
                .isTrue();
    }

    @Test
    void anInterruptEndsTheWait() throws Exception {
        try (Spinner spinner = Spinner.start("scheduler-spinner")) { // the wait would go on
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> VirtualScheduler.awaitIdle(Duration.ofHours(1)))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    /** A virtual caller is mounted itself: it is told at once that the scheduler is not quiet. */
    @Test
    void aVirtualCallerIsToldAtOnce() throws Exception {
        AtomicBoolean idle = new AtomicBoolean(true);
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                idle.set(VirtualScheduler.awaitIdle(Duration.ofHours(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        caller.join();
        assertThat(idle).isFalse();
    }
}
