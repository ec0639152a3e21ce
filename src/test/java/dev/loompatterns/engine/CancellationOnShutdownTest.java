package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationOnShutdownTest {

    /**
     * SIGINT starts every shutdown hook at once: one that runs before the CLI's own hook has called
     * {@code request()} (JFR's, stopping a recording under the run) must already find the session
     * cancelled, or the failure it causes reads as an unexpected error and the finished rows are lost.
     */
    @Test
    void aShutdownThatHasBegunIsACancellationBeforeAnyoneRequestedIt() throws Exception {
        ChildJvm.Result child = ChildJvm.run(
                ChildJvm.Launch.plain(List.of("--enable-preview"), AskedInAHook.class, List.of()),
                Duration.ofSeconds(60));
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout()).containsExactly("before: false", "in a hook: true");
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
