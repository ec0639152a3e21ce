package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(
                        List.of(java, "-cp", System.getProperty("java.class.path"), AskedInAHook.class.getName()))
                .redirectErrorStream(true)
                .start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output.lines())
                .containsExactly(
                        "before: false",
                        "in a hook: true",
                        "refused: the JVM is shutting down: a recording not started");
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
