package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.OwnJvm;
import org.junit.jupiter.api.Test;

class CancellationOnShutdownTest {

    /**
     * SIGINT starts every shutdown hook at once: one that runs before the CLI's own hook has called
     * {@code request()} (JFR's, stopping a recording under the run) must already find the session
     * cancelled, or the failure it causes reads as an unexpected error and the finished rows are lost.
     */
    @Test
    void aShutdownThatHasBegunIsACancellationBeforeAnyoneRequestedIt() throws Exception {
        assertThat(OwnJvm.linesOf(AskedInAHook.class)).containsExactly("before: false", "in a hook: true");
    }

    /** The child's program: asks before and during shutdown, never calling request(). */
    static final class AskedInAHook {
        public static void main(String[] args) {
            System.out.println("before: " + Cancellation.requested());
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> System.out.println("in a hook: " + Cancellation.requested())));
        }
    }
}
