package dev.loompatterns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The snapshot the leak checks read. */
class LiveThreadsTest {

    /**
     * A snapshot waits for the scheduler to be idle only up to its backstop: a virtual thread that
     * stays mounted (here, spinning) is still dumped, and seen, rather than holding the check.
     */
    @Test
    @Timeout(60) // a backstop: a snapshot that waited for the spinner to end would never return
    void aSnapshotBesideAMountedVirtualThreadIsTakenAndSeesIt() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch spinning = new CountDownLatch(1);
        Thread spinner = Thread.ofVirtual().name("live-threads-spinner").start(() -> {
            spinning.countDown();
            while (!stop.get()) {
                Thread.onSpinWait(); // mounted until told to stop
            }
        });
        try {
            spinning.await(); // BLOCKS-UNTIL: the spinner runs, mounted on a carrier
            assertThat(LiveThreads.snapshot())
                    .anySatisfy(thread -> assertThat(thread.name()).isEqualTo("live-threads-spinner"));
        } finally {
            stop.set(true);
            spinner.join();
        }
    }
}
