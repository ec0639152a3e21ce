package dev.loompatterns.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
        try (Spinner spinner = Spinner.start("live-threads-spinner")) {
            assertThat(LiveThreads.snapshot())
                    .anySatisfy(thread -> assertThat(thread.name()).isEqualTo("live-threads-spinner"));
        }
    }
}
