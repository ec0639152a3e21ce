package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmShutdownTest {

    @Test
    void aRunningJvmIsNotShuttingDown() {
        assertThat(JvmShutdown.inProgress()).isFalse();
        JvmShutdown.requireRunning("a recording"); // does not throw
    }

    /** In a child JVM: asked from a shutdown hook, the answer is yes, and a recording is refused with one line. */
    @Test
    void aShutdownHookSeesTheShutdown() throws Exception {
        // plain: the child's own hooks and output only, not ChildMain's counting stream and report
        try (ChildJvm.Launch launch = ChildJvm.Launch.plain(List.of(), AskedInAHook.class, List.of())) {
            ChildJvm.Result child =
                    ChildJvm.run(launch, Duration.ofMinutes(1)); // a backstop: the child is destroyed past it
            assertThat(child.exitCode()).as(child.stderr()).isZero();
            assertThat(child.stdout())
                    .containsExactly(
                            "before: false",
                            "in a hook: true",
                            "refused: the JVM is shutting down: a recording not started");
        }
    }

    /** The child's program. */
    static final class AskedInAHook {
        public static void main(String[] args) {
            System.out.println("before: " + JvmShutdown.inProgress());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("in a hook: " + JvmShutdown.inProgress());
                try {
                    JvmShutdown.requireRunning("a recording");
                    System.out.println("not refused");
                } catch (IllegalStateException e) {
                    System.out.println("refused: " + e.getMessage());
                }
            }));
        }
    }
}
